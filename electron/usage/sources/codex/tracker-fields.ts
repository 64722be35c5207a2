import type { TokenUsage } from './schema'
import type { Segment } from './segments'

/** A turn while its file is being read. */
export interface Turn {
  id: string | null
  hasPrompt: boolean
  completed: boolean
  aborted: boolean
  /** Whether the last response item so far is an assistant message. */
  endsWithAnswer: boolean
  firstAt: number
  lastAt: number
  provider: string
  model: string | null
  segments: Map<string, Segment>
}

/** State that a `TurnTracker` keeps between events, enough to go on reading after a pause. */
export interface TrackerFields {
  turns: Turn[]
  /** Provider and model of the latest `session_meta` and `turn_context`. */
  provider: string
  model: string | null
  /** Running total of the latest `token_count`, for telling repeated reports apart. */
  previousTotal: TokenUsage | null
  /** Segment of every tool call seen, by call id, so that each call counts once. */
  calls: Map<string, Segment>
  /** Ids of the calls whose failure was counted. */
  failedCalls: Set<string>
}
