import { statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'

export interface ClaudeRootOptions {
  /** Folder named on the command line: a Claude config folder or its `projects/`. */
  dir?: string
  env: NodeJS.ProcessEnv
  home: string
}

export interface ClaudeRoots {
  /** `projects/` folders that exist, in search order, without repeats. */
  roots: string[]
  /** Every folder looked at, so an error can list them when nothing is found. */
  searched: string[]
}

/**
 * Finds the `projects/` folders that hold Claude Code session logs.
 *
 * `dir` wins: its `projects/` subfolder when there is one, else `dir` itself,
 * taken as a projects folder. Without `dir`, each comma-separated folder of
 * `CLAUDE_CONFIG_DIR` is searched. When that variable is unset or blank,
 * `~/.claude` and `~/.config/claude` are searched, as Claude Code does.
 */
export function resolveClaudeRoots(options: ClaudeRootOptions): ClaudeRoots {
  const candidates = candidateFolders(options)
  const searched = unique(candidates.map((folder) => resolve(folder)))

  if (options.dir !== undefined) {
    const found = searched.find(isDirectory)
    return { roots: found === undefined ? [] : [found], searched }
  }
  return { roots: searched.filter(isDirectory), searched }
}

function candidateFolders({ dir, env, home }: ClaudeRootOptions): string[] {
  if (dir !== undefined) {
    const folder = expandHome(dir, home)
    const own = basename(folder) === 'projects' ? [folder] : []
    return [...own, join(folder, 'projects'), folder]
  }

  const configured = (env.CLAUDE_CONFIG_DIR ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  if (configured.length > 0) {
    return configured.map((folder) => join(expandHome(folder, home), 'projects'))
  }

  return [join(home, '.claude', 'projects'), join(home, '.config', 'claude', 'projects')]
}

function expandHome(folder: string, home: string): string {
  if (folder === '~') return home
  if (folder.startsWith('~/')) return join(home, folder.slice(2))
  return folder
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
