import { createHash } from 'node:crypto'
import { existsSync, renameSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'

import { UsageError } from './errors'
import type { SourceKind } from './sources/types'
import { RollupStore } from './store/rollup-store'

/** Logs a build reads and the place its rollups go. */
export interface UsageTarget {
  kind: SourceKind
  /** Name of the target in messages: the project folder or the source. */
  label: string
  roots: string[]
  store: RollupStore
  /**
   * Ledger records kept from earlier builds, for sources whose logs another
   * tool deletes; null for Lowkey projects, whose deleted logs are gone on purpose.
   */
  historyPath: string | null
}

/** Resolves a Lowkey project folder; throws a `UsageError` naming the fix when it is not one. */
export async function projectTarget(projectPath: string): Promise<UsageTarget> {
  const project = resolve(projectPath)
  if (!(await isDirectory(project))) {
    throw new UsageError(
      (await exists(project))
        ? `${project} is not a folder: name the project folder, the one holding .lowkey/`
        : `project folder not found: ${project}`
    )
  }
  // Imported here: a source target needs none of the Lowkey adapter's code.
  const { sessionsFolder } = await import('./sources/lowkey')
  const sessions = sessionsFolder(project)
  if (!(await isDirectory(sessions))) {
    throw new UsageError(
      `${project} is not a Lowkey project: it has no .lowkey/sessions folder ` +
        '(Claude Code and Codex CLI logs are read as sources, not as projects)'
    )
  }
  return {
    kind: 'lowkey',
    label: project,
    roots: [sessions],
    store: new RollupStore(join(project, '.lowkey', 'usage')),
    historyPath: null
  }
}

/**
 * Target for logs of another tool. Its rollups and kept history live in the
 * app's data folder, one folder per source and set of folders `searched` for
 * logs. Keyed by the folders searched, not by those found, the data folder
 * stays the same when a log folder appears later, as Codex's
 * `archived_sessions` does on the first archive, so history is kept.
 */
export function sourceTarget(
  kind: SourceKind,
  roots: string[],
  dataDir: string,
  searched: string[] = roots
): UsageTarget {
  const folderOf = (paths: string[]): string => {
    const key = createHash('sha256').update(paths.join('\n')).digest('hex').slice(0, 12)
    return join(dataDir, 'sources', `${kind}-${key}`)
  }
  const folder = folderOf(searched)
  // Earlier versions keyed the folder by the roots found; a folder so named moves.
  const keyedByRoots = folderOf(roots)
  if (keyedByRoots !== folder && !existsSync(folder) && existsSync(keyedByRoots)) {
    try {
      renameSync(keyedByRoots, folder)
    } catch {
      // Another process moved it first, or it cannot be moved: a build starts anew.
    }
  }
  return {
    kind,
    label: `${kind} logs in ${roots.join(', ')}`,
    roots,
    store: new RollupStore(join(folder, 'usage')),
    historyPath: join(folder, 'history.jsonl')
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}
