import { z } from 'zod'

import { tokenUsageSchema } from './schema'
import type { TokenUsage } from './schema'
import { segmentKey } from './segments'
import type { Segment } from './segments'
import type { TrackerFields, Turn } from './tracker-fields'

/** Version of the resume state's layout. A state of another version is not used. */
export const RESUME_STATE_VERSION = 1

const count = z.number().int().nonnegative()
/** Epoch milliseconds. */
const time = z.number()

const segmentStateSchema = z.object({
  provider: z.string(),
  model: z.string().nullable(),
  inputTokens: count,
  cacheReadTokens: count,
  cacheWriteTokens: count,
  outputTokens: count,
  reasoningOutputTokens: count,
  contextTokens: count,
  modelCalls: count,
  toolCalls: count,
  toolErrors: count,
  firstAt: time,
  lastAt: time,
  /** Ids of the tool calls counted on this segment, in file order. */
  calls: z.array(z.string()),
  /** Ids of those calls whose failure was counted. */
  failedCalls: z.array(z.string())
})

const turnStateSchema = z.object({
  id: z.string().nullable(),
  hasPrompt: z.boolean(),
  completed: z.boolean(),
  aborted: z.boolean(),
  endsWithAnswer: z.boolean(),
  firstAt: time,
  lastAt: time,
  provider: z.string(),
  model: z.string().nullable(),
  segments: z.array(segmentStateSchema)
})

/** State of one rollout file where a read of it ended. */
export const rolloutStateSchema = z.object({
  /** Offset just past the last whole line read, where the next read begins. */
  endOffset: count,
  /** Whether a line of the mid-2025 format was seen, which is noted once per file. */
  legacyNoted: z.boolean(),
  provider: z.string(),
  model: z.string().nullable(),
  previousTotal: tokenUsageSchema.nullable(),
  turns: z.array(turnStateSchema)
})

export type RolloutState = z.infer<typeof rolloutStateSchema>

/** `GroupResult.state` of a Codex group. */
export const groupStateSchema = z.object({
  version: z.literal(RESUME_STATE_VERSION),
  /**
   * One entry per file of the group, in group order, with the file's name
   * relative to its root. A file that could not be read has null.
   */
  rollouts: z.array(rolloutStateSchema.extend({ name: z.string() }).nullable())
})

export type GroupState = z.infer<typeof groupStateSchema>

type TrackerState = Pick<RolloutState, 'provider' | 'model' | 'previousTotal' | 'turns'>
type TurnState = RolloutState['turns'][number]
type SegmentState = TurnState['segments'][number]

/**
 * Turns a tracker's fields into plain JSON data. Every key is written out, so
 * that a state saved after a resumed read is the same text as one saved after
 * a whole read.
 */
export function saveTracker(fields: TrackerFields): TrackerState {
  const calls = new Map<Segment, string[]>()
  for (const [id, segment] of fields.calls) listOf(calls, segment).push(id)
  const failedCalls = new Map<Segment, string[]>()
  for (const id of fields.failedCalls) {
    const segment = fields.calls.get(id)
    if (segment) listOf(failedCalls, segment).push(id)
  }

  return {
    provider: fields.provider,
    model: fields.model,
    previousTotal: fields.previousTotal && copyUsage(fields.previousTotal),
    turns: fields.turns.map((turn) => ({
      id: turn.id,
      hasPrompt: turn.hasPrompt,
      completed: turn.completed,
      aborted: turn.aborted,
      endsWithAnswer: turn.endsWithAnswer,
      firstAt: turn.firstAt,
      lastAt: turn.lastAt,
      provider: turn.provider,
      model: turn.model,
      segments: [...turn.segments.values()].map((segment): SegmentState => ({
        ...copySegment(segment),
        calls: calls.get(segment) ?? [],
        failedCalls: failedCalls.get(segment) ?? []
      }))
    }))
  }
}

function listOf(lists: Map<Segment, string[]>, segment: Segment): string[] {
  let list = lists.get(segment)
  if (!list) {
    list = []
    lists.set(segment, list)
  }
  return list
}

/** Copies a usage report, in one fixed key order. */
function copyUsage(usage: TokenUsage): TokenUsage {
  const copy: TokenUsage = {
    input_tokens: usage.input_tokens,
    cached_input_tokens: usage.cached_input_tokens,
    cache_write_input_tokens: usage.cache_write_input_tokens,
    output_tokens: usage.output_tokens,
    reasoning_output_tokens: usage.reasoning_output_tokens
  }
  if (usage.total_tokens !== undefined) copy.total_tokens = usage.total_tokens
  return copy
}

/** Copies a segment's own fields, in one fixed key order. */
function copySegment(segment: Segment): Segment {
  return {
    provider: segment.provider,
    model: segment.model,
    inputTokens: segment.inputTokens,
    cacheReadTokens: segment.cacheReadTokens,
    cacheWriteTokens: segment.cacheWriteTokens,
    outputTokens: segment.outputTokens,
    reasoningOutputTokens: segment.reasoningOutputTokens,
    contextTokens: segment.contextTokens,
    modelCalls: segment.modelCalls,
    toolCalls: segment.toolCalls,
    toolErrors: segment.toolErrors,
    firstAt: segment.firstAt,
    lastAt: segment.lastAt
  }
}

/** Rebuilds a tracker's fields from a state that `saveTracker` made. */
export function restoreTracker(state: TrackerState): TrackerFields {
  const calls = new Map<string, Segment>()
  const failedCalls = new Set<string>()
  const turns = state.turns.map((saved): Turn => {
    const segments = new Map<string, Segment>()
    for (const savedSegment of saved.segments) {
      const segment = copySegment(savedSegment)
      segments.set(segmentKey(segment.provider, segment.model), segment)
      for (const id of savedSegment.calls) calls.set(id, segment)
      for (const id of savedSegment.failedCalls) failedCalls.add(id)
    }
    return {
      id: saved.id,
      hasPrompt: saved.hasPrompt,
      completed: saved.completed,
      aborted: saved.aborted,
      endsWithAnswer: saved.endsWithAnswer,
      firstAt: saved.firstAt,
      lastAt: saved.lastAt,
      provider: saved.provider,
      model: saved.model,
      segments
    }
  })

  return {
    turns,
    provider: state.provider,
    model: state.model,
    previousTotal: state.previousTotal && copyUsage(state.previousTotal),
    calls,
    failedCalls
  }
}
