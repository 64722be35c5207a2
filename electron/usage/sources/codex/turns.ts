import type { TokenUsage } from './schema'
import { addModelCall, difference, newSegment, sameUsage, segmentKey } from './segments'
import type { Segment } from './segments'
import type { TrackerFields, Turn } from './tracker-fields'

/** Provider of sessions whose `session_meta` names none (older CLI versions). */
export const DEFAULT_PROVIDER = 'openai'

/** One turn of a rollout file, before it is numbered and turned into ledger records. */
export interface TurnDraft {
  /** Codex turn id, where the log has one (0.104 and later). */
  id: string | null
  /** Epoch milliseconds of the turn's earliest and latest event. */
  firstAt: number
  lastAt: number
  partial: boolean
  /** Provider and model in use when the turn ended, for a turn without usage. */
  provider: string
  model: string | null
  /** In the order the segments first appeared. */
  segments: Segment[]
}

/**
 * Splits the events of one rollout file into turns and adds up each turn's usage
 * and tool calls per provider and model. The reader calls one method per event,
 * in file order.
 */
export class TurnTracker {
  private readonly turns: Turn[]
  private readonly turnsById = new Map<string, Turn>()
  private provider: string
  private model: string | null
  private previousTotal: TokenUsage | null
  private readonly calls: Map<string, Segment>
  private readonly failedCalls: Set<string>

  /** Starts with no turns, or goes on from what an earlier tracker kept. */
  constructor(kept?: TrackerFields) {
    this.turns = kept?.turns ?? []
    this.provider = kept?.provider ?? DEFAULT_PROVIDER
    this.model = kept?.model ?? null
    this.previousTotal = kept?.previousTotal ?? null
    this.calls = kept?.calls ?? new Map()
    this.failedCalls = kept?.failedCalls ?? new Set()
    // Ids are only ever given to the newest turn, so of two turns with one id
    // the later one was named last, and it is the one an id finds.
    for (const turn of this.turns) if (turn.id !== null) this.turnsById.set(turn.id, turn)
  }

  /** Returns what the tracker keeps between events: its live objects, not copies. */
  fields(): TrackerFields {
    return {
      turns: this.turns,
      provider: this.provider,
      model: this.model,
      previousTotal: this.previousTotal,
      calls: this.calls,
      failedCalls: this.failedCalls
    }
  }

  sessionStarted(provider: string | undefined): void {
    if (provider) this.provider = provider
  }

  /**
   * Takes the model for the usage that follows. A turn id not seen before starts
   * a turn, or names the open turn that has no id yet.
   */
  turnContext(at: number, turnId: string | undefined, model: string | undefined): void {
    if (model) this.model = model
    const current = this.current()
    if (turnId === undefined || turnId === current?.id || this.turnsById.has(turnId)) {
      if (current && !isClosed(current)) this.touch(current, at)
    } else if (current && current.id === null && !isClosed(current)) {
      this.assignId(current, turnId)
      this.touch(current, at)
    } else {
      this.open(at, turnId)
    }
  }

  /**
   * Starts a turn, or names the open turn that has no id yet: one opened by a
   * prompt written just before, or by usage before the first turn marker.
   */
  taskStarted(at: number, turnId: string | undefined): void {
    const current = this.current()
    if (turnId !== undefined && current?.id === turnId) {
      this.touch(current, at)
    } else if (current && current.id === null && !isClosed(current)) {
      if (turnId !== undefined) this.assignId(current, turnId)
      this.touch(current, at)
    } else {
      this.open(at, turnId ?? null)
    }
  }

  /**
   * Starts a turn at a prompt, unless a turn with an id is running, in which case
   * the user is steering that turn. Without turn ids (CLI 0.58) every prompt
   * starts a turn.
   */
  userMessage(at: number): void {
    const current = this.current()
    if (!current || isClosed(current)) {
      this.open(at, null).hasPrompt = true
    } else if (current.id !== null || !current.hasPrompt) {
      current.hasPrompt = true
      this.touch(current, at)
    } else {
      this.open(at, null).hasPrompt = true
    }
  }

  taskComplete(at: number, turnId: string | undefined): void {
    const turn = this.endingTurn(turnId)
    if (!turn) return
    turn.completed = true
    this.touch(turn, at)
  }

  turnAborted(at: number, turnId: string | undefined): void {
    const turn = this.endingTurn(turnId)
    if (!turn) return
    turn.aborted = true
    this.touch(turn, at)
  }

  /**
   * Adds one model call's spend. Codex writes each report twice with the same
   * running total, so a report whose total equals the previous one is dropped.
   * The spend is `last`. The running total serves only to find repeats, and as
   * a fallback when `last` is missing and the total went up.
   */
  tokenCount(at: number, total: TokenUsage, last: TokenUsage | undefined): void {
    const previous = this.previousTotal
    this.previousTotal = total
    if (previous && sameUsage(previous, total)) {
      this.touchCurrent(at)
      return
    }

    const spend = last ?? (previous ? difference(total, previous) : null)
    if (!spend) {
      this.touchCurrent(at)
      return
    }
    addModelCall(this.segment(this.currentOrOpen(at), at), spend)
  }

  /** Widens the open turn's time span for an event that carries nothing else. */
  touchCurrent(at: number): void {
    const current = this.current()
    if (current && !isClosed(current)) this.touch(current, at)
  }

  toolCall(at: number, callId: string): void {
    const turn = this.currentOrOpen(at)
    turn.endsWithAnswer = false
    this.countCall(turn, at, callId)
  }

  toolOutput(at: number, callId: string, failed: boolean): void {
    const turn = this.currentOrOpen(at)
    turn.endsWithAnswer = false
    this.touch(turn, at)
    if (failed) this.countFailure(turn, at, callId)
  }

  /** Counts the call of an `*_end` event if no response item did, and its failure. */
  toolEnded(at: number, callId: string, failed: boolean): void {
    const turn = this.currentOrOpen(at)
    this.countCall(turn, at, callId)
    if (failed) this.countFailure(turn, at, callId)
  }

  assistantMessage(at: number): void {
    const current = this.current()
    if (!current) return
    current.endsWithAnswer = true
    this.touch(current, at)
  }

  /**
   * Returns the turns in the order they started. A turn with an id is full when
   * its `task_complete` was seen. A turn without one (CLI 0.58, or a prompt that
   * no task event followed) is full when its last response item is the agent's
   * answer. An aborted turn is always partial.
   */
  finish(): TurnDraft[] {
    return this.turns.map((turn) => ({
      id: turn.id,
      firstAt: turn.firstAt,
      lastAt: turn.lastAt,
      partial:
        turn.aborted || (turn.id !== null ? !turn.completed : !turn.endsWithAnswer),
      provider: turn.provider,
      model: turn.model,
      segments: [...turn.segments.values()]
    }))
  }

  private current(): Turn | undefined {
    return this.turns[this.turns.length - 1]
  }

  /** Returns the current turn, or opens turn 1 for usage before any turn marker. */
  private currentOrOpen(at: number): Turn {
    return this.current() ?? this.open(at, null)
  }

  private open(at: number, turnId: string | null): Turn {
    const turn: Turn = {
      id: null,
      hasPrompt: false,
      completed: false,
      aborted: false,
      endsWithAnswer: false,
      firstAt: at,
      lastAt: at,
      provider: this.provider,
      model: this.model,
      segments: new Map()
    }
    if (turnId !== null) this.assignId(turn, turnId)
    this.turns.push(turn)
    return turn
  }

  private assignId(turn: Turn, turnId: string): void {
    turn.id = turnId
    this.turnsById.set(turnId, turn)
  }

  /** Finds the turn that a `task_complete` or `turn_aborted` ends: by id, else the current one. */
  private endingTurn(turnId: string | undefined): Turn | undefined {
    const named = turnId === undefined ? undefined : this.turnsById.get(turnId)
    if (named) return named
    const current = this.current()
    if (!current || (turnId !== undefined && current.id !== null)) return undefined
    if (turnId !== undefined) this.assignId(current, turnId)
    return current
  }

  private touch(turn: Turn, at: number): void {
    turn.firstAt = Math.min(turn.firstAt, at)
    turn.lastAt = Math.max(turn.lastAt, at)
    turn.provider = this.provider
    turn.model = this.model ?? turn.model
  }

  private segment(turn: Turn, at: number): Segment {
    this.touch(turn, at)
    const key = segmentKey(this.provider, this.model)
    let segment = turn.segments.get(key)
    if (!segment) {
      segment = newSegment(this.provider, this.model, at)
      turn.segments.set(key, segment)
    }
    segment.firstAt = Math.min(segment.firstAt, at)
    segment.lastAt = Math.max(segment.lastAt, at)
    return segment
  }

  private countCall(turn: Turn, at: number, callId: string): void {
    if (this.calls.has(callId)) {
      this.touch(turn, at)
      return
    }
    const segment = this.segment(turn, at)
    segment.toolCalls += 1
    this.calls.set(callId, segment)
  }

  /** Counts a failure once per call, on the segment that made the call. */
  private countFailure(turn: Turn, at: number, callId: string): void {
    if (this.failedCalls.has(callId)) return
    this.failedCalls.add(callId)
    // A failed output whose call came before the file started still counts as a
    // call, so that errors never exceed calls.
    if (!this.calls.has(callId)) this.countCall(turn, at, callId)
    const segment = this.calls.get(callId)
    if (segment) segment.toolErrors += 1
  }
}

function isClosed(turn: Turn): boolean {
  return turn.completed || turn.aborted
}
