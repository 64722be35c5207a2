import { UsageError } from '../errors'
import type { Environment } from '../paths'
import { claudeCodeAdapter, resolveClaudeRoots } from './claude-code'
import { codexAdapter, resolveCodexRoots } from './codex'
import { lowkeyAdapter } from './lowkey'
import type { SourceAdapter, SourceKind } from './types'

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

interface OutsideSource {
  adapter: SourceAdapter
  resolveRoots: RootResolver
}

/** Sources read from other tools' folders. */
const OUTSIDE_SOURCES: Partial<Record<Exclude<SourceKind, 'lowkey'>, OutsideSource>> = {
  'claude-code': { adapter: claudeCodeAdapter, resolveRoots: resolveClaudeRoots },
  codex: { adapter: codexAdapter, resolveRoots: resolveCodexRoots }
}

export const OUTSIDE_SOURCE_KINDS = ['claude-code', 'codex'] as const
export type OutsideSourceKind = (typeof OUTSIDE_SOURCE_KINDS)[number]

export function adapterFor(kind: SourceKind): SourceAdapter {
  if (kind === 'lowkey') return lowkeyAdapter
  const source = OUTSIDE_SOURCES[kind]
  if (!source) throw new UsageError(`source ${kind} is not available in this build`)
  return source.adapter
}

/**
 * Finds the log folders of an outside source; throws a `UsageError` listing
 * every folder searched when there is none.
 */
export function resolveSourceRoots(
  kind: OutsideSourceKind,
  dir: string | undefined,
  environment: Environment
): string[] {
  const source = OUTSIDE_SOURCES[kind]
  if (!source) throw new UsageError(`source ${kind} is not available in this build`)
  const { roots, searched } = source.resolveRoots({
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
  return roots
}
