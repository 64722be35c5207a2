import { claudeCodeAdapter } from './claude-code'
import { codexAdapter } from './codex'
import { lowkeyAdapter } from './lowkey'
import type { SourceAdapter, SourceKind } from './types'

export { OUTSIDE_SOURCE_KINDS, resolveSourceRoots } from './catalog'
export type { SourceRoots } from './catalog'
export type { OutsideSourceKind, ResolvedRoots, RootResolver } from './catalog'

/** Every adapter, for code that needs one at once; `loadAdapter` imports only one. */
const ADAPTERS: Record<SourceKind, SourceAdapter> = {
  lowkey: lowkeyAdapter,
  'claude-code': claudeCodeAdapter,
  codex: codexAdapter
}

export function adapterFor(kind: SourceKind): SourceAdapter {
  return ADAPTERS[kind]
}
