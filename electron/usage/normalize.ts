import { asConversationId, ledgerRecordSchema } from '../../shared/ledger'
import type { LedgerRecord } from '../../shared/ledger'
import { describeIssues } from '../../shared/validation'

/**
 * Validates a record from an adapter and rebuilds it with timestamps in UTC and
 * fields in one fixed order, so every source serialises the same way. Returns
 * a message instead when the record is invalid.
 */
export function normalizeRecord(record: LedgerRecord): LedgerRecord | string {
  const parsed = ledgerRecordSchema.safeParse(record)
  if (!parsed.success) return describeIssues(parsed.error)
  const r = parsed.data
  return {
    conversation: asConversationId(r.conversation),
    turn: r.turn,
    agent: r.agent,
    provider: r.provider,
    model: r.model,
    startedAt: new Date(r.startedAt).toISOString(),
    finishedAt: new Date(r.finishedAt).toISOString(),
    inputTokens: r.inputTokens,
    cacheReadTokens: r.cacheReadTokens,
    cacheWriteTokens: r.cacheWriteTokens,
    cacheWrite5mTokens: r.cacheWrite5mTokens,
    cacheWrite1hTokens: r.cacheWrite1hTokens,
    outputTokens: r.outputTokens,
    contextTokens: r.contextTokens,
    wallMs: r.wallMs,
    toolCalls: r.toolCalls,
    toolErrors: r.toolErrors,
    tokens: r.tokens,
    routine: r.routine,
    run: r.run
  }
}
