import type { Dirent } from 'node:fs'
import { readdirSync, statSync } from 'node:fs'
import { sep } from 'node:path'

import { compareText } from '../../../../shared/ledger'
import type { Diagnostics } from '../../diagnostics'
import { errorText } from '../../errors'

export interface FolderEntry {
  name: string
  path: string
  isFile: boolean
  isDirectory: boolean
}

/**
 * Lists a normalized folder's entries sorted by name; a folder that cannot be
 * listed is reported. The call is synchronous: with the folder cached, which is the
 * usual case, `readdirSync` costs about half of a promise through the thread
 * pool, and discovery lists hundreds of small folders.
 */
export function listFolder(
  folder: string,
  diagnostics: Diagnostics,
  options: { missingIsEmpty?: boolean } = {}
): FolderEntry[] {
  let entries: Dirent[]
  try {
    entries = readdirSync(folder, { withFileTypes: true })
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    if (!(missing && options.missingIsEmpty)) {
      diagnostics.unreadable(folder, `cannot list the folder (${errorText(error)})`)
    }
    return []
  }

  entries.sort((a, b) => compareText(a.name, b.name))
  const listed: FolderEntry[] = []
  for (const entry of entries) {
    const found = folderEntry(folder, entry)
    if (found !== null) listed.push(found)
  }
  return listed
}

/**
 * Returns the path of an entry of `folder`, which must be normalized, as
 * `path.join` would. Concatenating spares `join`'s normalizing, which shows
 * in profiles when discovery lists thousands of entries.
 */
export function childPath(folder: string, name: string): string {
  return folder.endsWith(sep) ? folder + name : folder + sep + name
}

/**
 * Tells a file from a folder by the type the listing gives. A symbolic link is
 * followed with `stat`, so a linked project folder is read like any other,
 * and so is an entry whose type the file system does not report.
 */
function folderEntry(folder: string, entry: Dirent): FolderEntry | null {
  const path = childPath(folder, entry.name)
  if (entry.isFile() || entry.isDirectory()) {
    return {
      name: entry.name,
      path,
      isFile: entry.isFile(),
      isDirectory: entry.isDirectory()
    }
  }
  let info
  try {
    info = statSync(path, { throwIfNoEntry: false })
  } catch {
    return null
  }
  if (info === undefined) return null
  return {
    name: entry.name,
    path,
    isFile: info.isFile(),
    isDirectory: info.isDirectory()
  }
}
