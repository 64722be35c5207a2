import { z } from 'zod'

/** Identifier of one conversation, unique within a project or source. */
export type ConversationId = string & { readonly __brand: 'ConversationId' }

/** Calendar day `YYYY-MM-DD` in a named time zone. */
export type DayKey = string & { readonly __brand: 'DayKey' }

export const asConversationId = (value: string): ConversationId => value as ConversationId

const count = z.number().int().nonnegative()
const nullableName = z.string().min(1).nullable()

/**
 * One agent turn, or the part of a turn done by one agent on one model.
 * Token fields follow the OpenTelemetry GenAI conventions: inputTokens includes
 * the cached parts, outputTokens includes reasoning.
 */
export const ledgerRecordSchema = z.object({
  conversation: z.string().min(1),
  turn: z.number().int().positive(),
  agent: z.string().min(1),
  provider: z.string().min(1),
  model: nullableName,
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }),
  inputTokens: count,
  cacheReadTokens: count,
  cacheWriteTokens: count,
  cacheWrite5mTokens: count,
  cacheWrite1hTokens: count,
  outputTokens: count,
  contextTokens: count,
  wallMs: count,
  toolCalls: count,
  toolErrors: count,
  tokens: z.enum(['full', 'partial']),
  routine: nullableName,
  run: nullableName
})

export type LedgerRecord = Omit<z.infer<typeof ledgerRecordSchema>, 'conversation'> & {
  conversation: ConversationId
}

/** Numeric fields of a ledger record that add up across records. */
export const ADDITIVE_FIELDS = [
  'inputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'cacheWrite5mTokens',
  'cacheWrite1hTokens',
  'outputTokens',
  'toolCalls',
  'toolErrors'
] as const satisfies readonly (keyof LedgerRecord)[]

export type AdditiveField = (typeof ADDITIVE_FIELDS)[number]

/** Orders records by conversation, turn, agent, model and start, for stable output. */
export function compareRecords(a: LedgerRecord, b: LedgerRecord): number {
  return (
    compareText(a.conversation, b.conversation) ||
    a.turn - b.turn ||
    compareText(a.agent, b.agent) ||
    compareText(a.model ?? '', b.model ?? '') ||
    compareText(a.startedAt, b.startedAt)
  )
}

/** Compares by UTF-16 code units, so the order never depends on the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Key of the (conversation, turn) pair that "turns" counts. */
export function turnKey(record: Pick<LedgerRecord, 'conversation' | 'turn'>): string {
  return `${record.conversation}\u0000${record.turn}`
}
