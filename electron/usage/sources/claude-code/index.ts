import type { Diagnostics } from '../../diagnostics'
import type { GroupResult, GroupResume, LogGroup, SourceAdapter } from '../types'
import { discoverSessions } from './discover'
import { agentIdOf, isSubagentLog } from './links'
import { SessionReader } from './reader'
import { readerStateOf } from './state'

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

  readGroup(group, diagnostics) {
    return readSession(group, diagnostics, null)
  },

  resumeGroup(group, resume, diagnostics) {
    return readSession(group, diagnostics, resume)
  }
}

/**
 * Reads a session's own log, from where `resume` ended when given, then its
 * subagents' logs whole. The session's own log goes first because it contains
 * the prompts and the calls that subagents are linked to. The state kept for
 * the next read is the reader's after the own log, so a resumed read takes the
 * lines in the same order as a whole one.
 */
async function readSession(
  group: LogGroup,
  diagnostics: Diagnostics,
  resume: GroupResume | null
): Promise<GroupResult> {
  const subagentLogs = group.files.filter((file) => isSubagentLog(file.path))
  const ownLogs = group.files.filter((file) => !isSubagentLog(file.path))
  const reader = new SessionReader(
    diagnostics,
    new Set(subagentLogs.map((file) => agentIdOf(file.path)))
  )
  // Discovery picks one own log a session; with more, their order would matter.
  // A state of another version or shape leaves the session to be read whole.
  const state = resume && ownLogs.length === 1 ? readerStateOf(resume.state) : null
  const from = state ? resume : null
  if (state) reader.restore(state)

  const result: GroupResult = { records: [], scans: new Map() }
  for (const file of ownLogs) {
    const scan = await reader.read(file, from?.offsets.get(file.path))
    if (scan !== null) result.scans.set(file.path, scan)
  }
  result.state = reader.save()
  for (const file of subagentLogs) {
    const scan = await reader.read(file)
    if (scan !== null) result.scans.set(file.path, scan)
  }
  result.records = reader.finish(group.conversation)
  return result
}
