import { UsageError } from '../errors'
import type { Environment } from '../paths'
import { resolveClaudeRoots } from './claude-code/roots'
import { resolveCodexRoots } from './codex/roots'
import type { SourceAdapter, SourceKind } from './types'

// The sources and where their logs are, without the adapters' own modules:
// each adapter is imported when it is first needed, so a command that
// reads Claude Code logs loads no Codex code and the reverse.

/** Roots found for a source and every folder looked at, for error messages. */
export interface ResolvedRoots {
  roots: string[]
  searched: string[]
}

export type RootResolver = (options: {
  dir?: string
  env: NodeJS.ProcessEnv
  home: string
}) => ResolvedRoots

export const OUTSIDE_SOURCE_KINDS = ['claude-code', 'codex'] as const
export type OutsideSourceKind = (typeof OUTSIDE_SOURCE_KINDS)[number]

/** Root resolvers of the sources read from other tools' folders. */
const ROOT_RESOLVERS: Record<OutsideSourceKind, RootResolver> = {
  'claude-code': resolveClaudeRoots,
  codex: resolveCodexRoots
}

/** Imports the adapter of one source, and only its modules. */
export async function loadAdapter(kind: SourceKind): Promise<SourceAdapter> {
  switch (kind) {
    case 'lowkey':
      return (await import('./lowkey')).lowkeyAdapter
    case 'claude-code':
      return (await import('./claude-code')).claudeCodeAdapter
    case 'codex':
      return (await import('./codex')).codexAdapter
  }
}

/** Log folders of an outside source, and every folder looked at to find them. */
export interface SourceRoots {
  roots: string[]
  searched: string[]
}

/**
 * Finds the log folders of an outside source; throws a `UsageError` listing
 * every folder searched when there is none.
 */
export function resolveSourceRoots(
  kind: OutsideSourceKind,
  dir: string | undefined,
  environment: Environment
): SourceRoots {
  const { roots, searched } = ROOT_RESOLVERS[kind]({
    dir,
    env: environment.env,
    home: environment.home
  })
  if (roots.length === 0) {
    const hint = dir
      ? 'check the --dir path'
      : 'pass --dir with the folder that holds the logs'
    throw new UsageError(
      `no ${kind} logs found; searched:\n${searched.map((path) => `  ${path}`).join('\n')}\n${hint}`
    )
  }
  return { roots, searched }
}
