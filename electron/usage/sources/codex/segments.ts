import type { TokenUsage } from './schema'

/** Usage, tool calls and times of one turn on one provider and model. */
export interface Segment {
  provider: string
  model: string | null
  inputTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
  outputTokens: number
  /** Part of `outputTokens`, kept for checks against the log: the ledger has no field for it. */
  reasoningOutputTokens: number
  /** Largest `input_tokens` of a single model call. */
  contextTokens: number
  modelCalls: number
  toolCalls: number
  toolErrors: number
  /** Epoch milliseconds of the segment's first and last usage or tool event. */
  firstAt: number
  lastAt: number
}

/** Key of a turn's segment: one per provider and model. */
export function segmentKey(provider: string, model: string | null): string {
  return `${provider}\u0000${model ?? ''}`
}

export function newSegment(provider: string, model: string | null, at: number): Segment {
  return {
    provider,
    model,
    inputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningOutputTokens: 0,
    contextTokens: 0,
    modelCalls: 0,
    toolCalls: 0,
    toolErrors: 0,
    firstAt: at,
    lastAt: at
  }
}

/** Tells whether two usage reports match in every count. */
export function sameUsage(a: TokenUsage, b: TokenUsage): boolean {
  return (
    a.input_tokens === b.input_tokens &&
    a.cached_input_tokens === b.cached_input_tokens &&
    a.cache_write_input_tokens === b.cache_write_input_tokens &&
    a.output_tokens === b.output_tokens &&
    a.reasoning_output_tokens === b.reasoning_output_tokens &&
    a.total_tokens === b.total_tokens
  )
}

/** Returns the spend between two running totals, or null when any part went down (a reset). */
export function difference(total: TokenUsage, previous: TokenUsage): TokenUsage | null {
  const spend: TokenUsage = {
    input_tokens: total.input_tokens - previous.input_tokens,
    cached_input_tokens: total.cached_input_tokens - previous.cached_input_tokens,
    cache_write_input_tokens:
      total.cache_write_input_tokens - previous.cache_write_input_tokens,
    output_tokens: total.output_tokens - previous.output_tokens,
    reasoning_output_tokens:
      total.reasoning_output_tokens - previous.reasoning_output_tokens
  }
  return Object.values(spend).some((value) => value < 0) ? null : spend
}

/** Adds one model call's spend to a segment. */
export function addModelCall(segment: Segment, spend: TokenUsage): void {
  segment.inputTokens += spend.input_tokens
  segment.cacheReadTokens += spend.cached_input_tokens
  segment.cacheWriteTokens += spend.cache_write_input_tokens
  segment.outputTokens += spend.output_tokens
  segment.reasoningOutputTokens += spend.reasoning_output_tokens
  segment.contextTokens = Math.max(segment.contextTokens, spend.input_tokens)
  segment.modelCalls += 1
}
