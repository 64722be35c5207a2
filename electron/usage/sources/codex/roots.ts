import { statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'

export interface CodexRootsOptions {
  /** Folder named on the command line: a Codex home, or a `sessions/` folder itself. */
  dir?: string
  env: NodeJS.ProcessEnv
  home: string
}

export interface CodexRoots {
  /** Folders that exist, where rollout files are read. */
  roots: string[]
  /** Every folder looked at, for the message when none exists. */
  searched: string[]
}

const ROOT_NAMES = ['sessions', 'archived_sessions']

/**
 * Finds the folders of Codex rollouts: `sessions/` and `archived_sessions/` under
 * `dir`, else under `$CODEX_HOME`, else under `~/.codex`. A `dir` named `sessions`
 * or `archived_sessions`, or one containing neither folder, is read as a root
 * itself.
 */
export function resolveCodexRoots(options: CodexRootsOptions): CodexRoots {
  if (options.dir !== undefined && options.dir !== '') {
    const dir = resolve(options.dir)
    if (ROOT_NAMES.includes(basename(dir))) return existing([dir])

    const inside = ROOT_NAMES.map((name) => join(dir, name))
    const found = existing(inside)
    if (found.roots.length > 0) return found
    return { roots: isDirectory(dir) ? [dir] : [], searched: [...inside, dir] }
  }

  const home = options.env.CODEX_HOME
    ? resolve(options.env.CODEX_HOME)
    : join(options.home, '.codex')
  return existing(ROOT_NAMES.map((name) => join(home, name)))
}

function existing(folders: string[]): CodexRoots {
  return { roots: folders.filter(isDirectory), searched: folders }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
