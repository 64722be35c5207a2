import type { ConversationId, LedgerRecord } from '../../../../shared/ledger'
import { newSegment } from './segments'
import type { Segment } from './segments'
import type { TurnDraft } from './turns'

export const CODEX_AGENT = 'codex'

/**
 * Returns the ledger records of one turn: one per provider and model that did
 * work in it, or a single zero-usage record when the log reported no usage (the
 * prompt still made a turn). A segment spans its own events, except that the
 * earliest one starts with the turn and the latest one ends with it, so the
 * prompt and the completion are not lost from wall time.
 */
export function turnRecords(
  conversation: ConversationId,
  turn: number,
  draft: TurnDraft
): LedgerRecord[] {
  const tokens = draft.partial ? 'partial' : 'full'
  if (draft.segments.length === 0) {
    const empty = newSegment(draft.provider, draft.model, draft.firstAt)
    return [toRecord(conversation, turn, empty, draft.firstAt, draft.lastAt, tokens)]
  }

  const earliest = Math.min(...draft.segments.map((segment) => segment.firstAt))
  const latest = Math.max(...draft.segments.map((segment) => segment.lastAt))
  let startAssigned = false
  let endAssigned = false
  return draft.segments.map((segment) => {
    let startedAt = segment.firstAt
    let finishedAt = segment.lastAt
    if (!startAssigned && segment.firstAt === earliest) {
      startedAt = draft.firstAt
      startAssigned = true
    }
    if (!endAssigned && segment.lastAt === latest) {
      finishedAt = draft.lastAt
      endAssigned = true
    }
    return toRecord(conversation, turn, segment, startedAt, finishedAt, tokens)
  })
}

function toRecord(
  conversation: ConversationId,
  turn: number,
  segment: Segment,
  startedAt: number,
  finishedAt: number,
  tokens: 'full' | 'partial'
): LedgerRecord {
  return {
    conversation,
    turn,
    agent: CODEX_AGENT,
    provider: segment.provider,
    model: segment.model,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    inputTokens: segment.inputTokens,
    cacheReadTokens: segment.cacheReadTokens,
    cacheWriteTokens: segment.cacheWriteTokens,
    // Codex reports no cache lifetimes.
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    outputTokens: segment.outputTokens,
    contextTokens: segment.contextTokens,
    wallMs: finishedAt - startedAt,
    toolCalls: segment.toolCalls,
    toolErrors: segment.toolErrors,
    tokens,
    routine: null,
    run: null
  }
}

/**
 * Combines the turns of several files of one conversation (an archived copy
 * beside the live file, or a copy cut short) so that each turn counts once.
 * Turns match by Codex turn id, else by start time. Of two copies of a turn the
 * one with more model calls, then more tool calls, then the later end is kept.
 * Returns the turns ordered by start.
 */
export function mergeRollouts(rollouts: readonly TurnDraft[][]): TurnDraft[] {
  if (rollouts.length === 1) return rollouts[0] ?? []

  const byKey = new Map<string, TurnDraft>()
  for (const turns of rollouts) {
    for (const turn of turns) {
      const key = turn.id ?? `started ${turn.firstAt}`
      const chosen = byKey.get(key)
      if (!chosen || moreComplete(turn, chosen)) byKey.set(key, turn)
    }
  }
  return [...byKey.values()].sort((a, b) => a.firstAt - b.firstAt)
}

function moreComplete(candidate: TurnDraft, chosen: TurnDraft): boolean {
  const calls = (turn: TurnDraft, field: 'modelCalls' | 'toolCalls') =>
    turn.segments.reduce((sum, segment) => sum + segment[field], 0)
  return (
    (calls(candidate, 'modelCalls') - calls(chosen, 'modelCalls') ||
      calls(candidate, 'toolCalls') - calls(chosen, 'toolCalls') ||
      candidate.lastAt - chosen.lastAt) > 0
  )
}
