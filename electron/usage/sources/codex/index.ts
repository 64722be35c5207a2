import { asConversationId } from '../../../../shared/ledger'
import type { Diagnostics } from '../../diagnostics'
import { errorText } from '../../errors'
import type { GroupResult, GroupResume, LogGroup, SourceAdapter } from '../types'
import { discoverRollouts } from './discover'
import { mergeRollouts, turnRecords } from './records'
import { readRollout } from './rollout'
import type { RolloutResume } from './rollout'
import { RESUME_STATE_VERSION, groupStateSchema } from './state'
import type { GroupState } from './state'
import type { TurnDraft } from './turns'

export { resolveCodexRoots } from './roots'
export type { CodexRoots, CodexRootsOptions } from './roots'

/**
 * Reads Codex CLI rollout files: one conversation per session id, a turn per
 * Codex turn id (or per prompt where the log has no turn ids), and per-call
 * usage from `token_count` events, never running totals added up.
 */
export const codexAdapter: SourceAdapter = {
  kind: 'codex',

  discover: discoverRollouts,

  readGroup(group, diagnostics) {
    return readRollouts(group, diagnostics, null)
  },

  resumeGroup(group, resume, diagnostics) {
    return readRollouts(group, diagnostics, resume)
  }
}

/**
 * Reads each rollout of a group and merges their turns. With `resume`, a
 * rollout with a usable saved state is read on from where that read ended,
 * and any other from its start.
 */
async function readRollouts(
  group: LogGroup,
  diagnostics: Diagnostics,
  resume: GroupResume | null
): Promise<GroupResult> {
  const result: GroupResult = { records: [], scans: new Map() }
  const rollouts: TurnDraft[][] = []
  const state: GroupState = { version: RESUME_STATE_VERSION, rollouts: [] }
  const saved = resume ? savedRollouts(group, resume) : []

  for (const [index, file] of group.files.entries()) {
    try {
      const read = await readRollout(file.path, diagnostics, saved[index] ?? undefined)
      result.scans.set(file.path, read.scan)
      rollouts.push(read.turns)
      state.rollouts.push({ name: file.name, ...read.state })
    } catch (error) {
      diagnostics.unreadable(
        file.path,
        `cannot read the rollout file (${errorText(error)})`
      )
      state.rollouts.push(null)
    }
  }

  const conversation = asConversationId(group.conversation)
  mergeRollouts(rollouts).forEach((turn, index) => {
    result.records.push(...turnRecords(conversation, index + 1, turn))
  })
  result.state = state
  return result
}

/**
 * Returns, for each file of a group, where its earlier read ended, or null
 * where the file must be read again from its start. That is so when the state
 * is missing, invalid or of another version, when it names another file at
 * that place, or when it ended at another offset than the build recorded.
 */
function savedRollouts(
  group: LogGroup,
  resume: GroupResume
): Array<RolloutResume | null> {
  const parsed = groupStateSchema.safeParse(resume.state)
  if (!parsed.success) return []

  return group.files.map((file, index) => {
    const saved = parsed.data.rollouts[index]
    const offset = resume.offsets.get(file.path)
    if (!saved || !offset || saved.name !== file.name) return null
    if (saved.endOffset !== offset.endOffset) return null
    return { state: saved, lines: offset.lines }
  })
}
