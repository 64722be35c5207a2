import { asConversationId } from '../../../../shared/ledger'
import type { LedgerRecord } from '../../../../shared/ledger'
import { PROVIDER } from './names'
import type { RawUsage } from './schema'
import type { Bucket } from './tally'

/** Token figures of one model response, in Claude's own terms. */
export interface Figures {
  uncachedInput: number
  cacheRead: number
  cacheWrite: number
  cacheWrite5m: number
  cacheWrite1h: number
  output: number
}

/** Figures in the order of `Figures`, as a saved tally keeps them. */
type FigureList = [number, number, number, number, number, number]

/** Figures of one response in a saved tally, then whether the response had usage. */
export type SavedFigures = [...FigureList, boolean]

export function figuresToList(figures: Figures): FigureList {
  return [
    figures.uncachedInput,
    figures.cacheRead,
    figures.cacheWrite,
    figures.cacheWrite5m,
    figures.cacheWrite1h,
    figures.output
  ]
}

export function figuresFromList(list: SavedFigures): Figures {
  const [uncachedInput, cacheRead, cacheWrite, cacheWrite5m, cacheWrite1h, output] = list
  return { uncachedInput, cacheRead, cacheWrite, cacheWrite5m, cacheWrite1h, output }
}

export function figuresOf(usage: RawUsage | null | undefined): Figures {
  return {
    uncachedInput: usage?.input_tokens ?? 0,
    cacheRead: usage?.cache_read_input_tokens ?? 0,
    cacheWrite: usage?.cache_creation_input_tokens ?? 0,
    cacheWrite5m: usage?.cache_creation?.ephemeral_5m_input_tokens ?? 0,
    cacheWrite1h: usage?.cache_creation?.ephemeral_1h_input_tokens ?? 0,
    output: usage?.output_tokens ?? 0
  }
}

export function maxFigures(a: Figures, b: Figures): Figures {
  return {
    uncachedInput: Math.max(a.uncachedInput, b.uncachedInput),
    cacheRead: Math.max(a.cacheRead, b.cacheRead),
    cacheWrite: Math.max(a.cacheWrite, b.cacheWrite),
    cacheWrite5m: Math.max(a.cacheWrite5m, b.cacheWrite5m),
    cacheWrite1h: Math.max(a.cacheWrite1h, b.cacheWrite1h),
    output: Math.max(a.output, b.output)
  }
}

/** Claude's input_tokens is only the uncached part: the full prompt adds both cache figures. */
function promptTokens(figures: Figures): number {
  return figures.uncachedInput + figures.cacheRead + figures.cacheWrite
}

export function toRecord(
  conversation: string,
  turn: number,
  bucket: Bucket,
  turnPartial: boolean
): LedgerRecord {
  const finishedMs = Math.max(bucket.finishedMs, bucket.startedMs)
  const sum = (pick: (figures: Figures) => number): number =>
    bucket.responses.reduce((total, response) => total + pick(response.figures), 0)
  const missingUsage = bucket.responses.some((response) => !response.hasUsage)

  return {
    conversation: asConversationId(conversation),
    turn,
    agent: bucket.agent,
    provider: PROVIDER,
    model: bucket.model,
    startedAt: new Date(bucket.startedMs).toISOString(),
    finishedAt: new Date(finishedMs).toISOString(),
    inputTokens: sum(promptTokens),
    cacheReadTokens: sum((figures) => figures.cacheRead),
    cacheWriteTokens: sum((figures) => figures.cacheWrite),
    cacheWrite5mTokens: sum((figures) => figures.cacheWrite5m),
    cacheWrite1hTokens: sum((figures) => figures.cacheWrite1h),
    outputTokens: sum((figures) => figures.output),
    contextTokens: bucket.responses.reduce(
      (largest, response) => Math.max(largest, promptTokens(response.figures)),
      0
    ),
    wallMs: finishedMs - bucket.startedMs,
    toolCalls: bucket.toolCalls,
    toolErrors: bucket.toolErrors,
    tokens: turnPartial || missingUsage || bucket.copied ? 'partial' : 'full',
    routine: null,
    run: null
  }
}
