import { asConversationId } from '../../../../shared/ledger'
import { errorText } from '../../errors'
import type { GroupResult, SourceAdapter } from '../types'
import { discoverRollouts } from './discover'
import { mergeRollouts, turnRecords } from './records'
import { readRollout } from './rollout'
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

  async readGroup(group, diagnostics) {
    const result: GroupResult = { records: [], scans: new Map() }
    const rollouts: TurnDraft[][] = []
    for (const file of group.files) {
      try {
        const { turns, scan } = await readRollout(file.path, diagnostics)
        result.scans.set(file.path, scan)
        rollouts.push(turns)
      } catch (error) {
        diagnostics.unreadable(
          file.path,
          `cannot read the rollout file (${errorText(error)})`
        )
      }
    }

    const conversation = asConversationId(group.conversation)
    mergeRollouts(rollouts).forEach((turn, index) => {
      result.records.push(...turnRecords(conversation, index + 1, turn))
    })
    return result
  }
}
