import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

import { compareText } from '../../../../shared/ledger'
import { Diagnostics } from '../../diagnostics'
import { errorText } from '../../errors'

export interface FolderEntry {
  name: string
  path: string
  isFile: boolean
  isDirectory: boolean
}

/** Lists a folder's entries sorted by name; a folder that cannot be listed is reported. */
export async function listFolder(
  folder: string,
  diagnostics: Diagnostics,
  options: { missingIsEmpty?: boolean } = {}
): Promise<FolderEntry[]> {
  let entries: Dirent[]
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    if (!(missing && options.missingIsEmpty)) {
      diagnostics.unreadable(folder, `cannot list the folder (${errorText(error)})`)
    }
    return []
  }

  entries.sort((a, b) => compareText(a.name, b.name))
  const listed = await Promise.all(entries.map((entry) => folderEntry(folder, entry)))
  return listed.filter((entry) => entry !== null)
}

/**
 * Tells a file from a folder by the type the listing gives. A symbolic link is
 * followed with `stat`, so a linked project folder is read like any other,
 * and so is an entry whose type the file system does not report.
 */
async function folderEntry(folder: string, entry: Dirent): Promise<FolderEntry | null> {
  const path = join(folder, entry.name)
  if (entry.isFile() || entry.isDirectory()) {
    return {
      name: entry.name,
      path,
      isFile: entry.isFile(),
      isDirectory: entry.isDirectory()
    }
  }
  const info = await stat(path).catch(() => null)
  if (info === null) return null
  return {
    name: entry.name,
    path,
    isFile: info.isFile(),
    isDirectory: info.isDirectory()
  }
}

export interface Listed<T> {
  value: T
  diagnostics: Diagnostics
}

/** Runs one of several listings made side by side with its own problem list. */
export async function withOwnDiagnostics<T>(
  list: (diagnostics: Diagnostics) => Promise<T>
): Promise<Listed<T>> {
  const diagnostics = new Diagnostics()
  return { value: await list(diagnostics), diagnostics }
}
