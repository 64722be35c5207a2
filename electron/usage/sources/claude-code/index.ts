import type { GroupResult, SourceAdapter } from '../types'
import { discoverSessions } from './discover'
import { agentIdOf, isSubagentLog } from './links'
import { SessionReader } from './reader'

export { resolveClaudeRoots } from './roots'
export type { ClaudeRootOptions, ClaudeRoots } from './roots'

/**
 * Reads Claude Code session logs: one conversation per session, its subagents'
 * logs counted in the turns that started them. The mapping rules are written
 * out in docs/sources/claude-code.md.
 */
export const claudeCodeAdapter: SourceAdapter = {
  kind: 'claude-code',

  discover(roots, diagnostics) {
    return discoverSessions(roots, diagnostics)
  },

  async readGroup(group, diagnostics) {
    const subagentLogs = group.files.filter((file) => isSubagentLog(file.path))
    const ownLogs = group.files.filter((file) => !isSubagentLog(file.path))
    const reader = new SessionReader(
      diagnostics,
      new Set(subagentLogs.map((file) => agentIdOf(file.path)))
    )

    // The session's own log goes first because it contains the prompts and the
    // calls that subagents are linked to.
    const result: GroupResult = { records: [], scans: new Map() }
    for (const file of [...ownLogs, ...subagentLogs]) {
      const scan = await reader.read(file)
      if (scan !== null) result.scans.set(file.path, scan)
    }
    result.records = reader.finish(group.conversation)
    return result
  }
}
