import { z } from 'zod'

/** Version of the session log format this code writes and reads. */
export const SESSION_LOG_VERSION = 1

const count = z.number().int().nonnegative()
const name = z.string().min(1)
const instant = z.iso.datetime({ offset: true })

export const envelopeSchema = z.object({
  v: z.number().int().positive(),
  type: z.string().min(1),
  at: instant
})

export const conversationOpenedSchema = envelopeSchema.extend({
  type: z.literal('conversation.opened'),
  conversation: name.optional(),
  title: z.string().nullish(),
  agent: name.nullish(),
  routine: name.nullish(),
  run: name.nullish()
})

/**
 * The ledger record as a session log carries it. Fields a writer may leave out
 * take the defaults the format documents: counts 0, model unknown, wall time
 * from the timestamps, routine and run from `conversation.opened`.
 */
export const loggedRecordSchema = z
  .object({
    conversation: name,
    turn: z.number().int().positive(),
    agent: name,
    provider: name,
    model: name.nullish(),
    startedAt: instant,
    finishedAt: instant,
    inputTokens: count,
    cacheReadTokens: count.default(0),
    cacheWriteTokens: count.default(0),
    cacheWrite5mTokens: count.default(0),
    cacheWrite1hTokens: count.default(0),
    outputTokens: count,
    contextTokens: count.default(0),
    wallMs: count.optional(),
    toolCalls: count.default(0),
    toolErrors: count.default(0),
    tokens: z.enum(['full', 'partial']),
    routine: name.nullish(),
    run: name.nullish()
  })
  .superRefine((record, context) => {
    const problem = (path: string, message: string): void => {
      context.addIssue({ code: 'custom', path: [path], message })
    }
    if (record.cacheReadTokens + record.cacheWriteTokens > record.inputTokens) {
      problem(
        'cacheReadTokens',
        'cache reads and writes exceed inputTokens, which includes them'
      )
    }
    if (record.cacheWrite5mTokens + record.cacheWrite1hTokens > record.cacheWriteTokens) {
      problem(
        'cacheWrite5mTokens',
        'the 5-minute and 1-hour parts exceed cacheWriteTokens'
      )
    }
    if (record.toolErrors > record.toolCalls) {
      problem('toolErrors', 'more tool errors than tool calls')
    }
    if (Date.parse(record.finishedAt) < Date.parse(record.startedAt)) {
      problem('finishedAt', 'finishedAt is before startedAt')
    }
  })

export const turnLedgerSchema = envelopeSchema.extend({
  type: z.literal('turn.ledger'),
  record: loggedRecordSchema
})

export type ConversationOpened = z.infer<typeof conversationOpenedSchema>
export type LoggedRecord = z.infer<typeof loggedRecordSchema>
