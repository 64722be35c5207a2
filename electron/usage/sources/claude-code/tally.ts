import { compareRecords } from '../../../../shared/ledger'
import type { LedgerRecord } from '../../../../shared/ledger'
import type { ToolCall, ToolResult } from './content'
import {
  figuresFromList,
  figuresOf,
  figuresToList,
  maxFigures,
  toRecord
} from './figures'
import type { Figures, SavedFigures } from './figures'
import { MAIN_AGENT } from './names'
import type { RawUsage } from './schema'

/** A strand of work: the main conversation, one subagent, or one rebuilt from copies. */
export interface Thread {
  /** Prompt segment (see `SessionTally`) whose turn the thread's work counts in. */
  segment: number
  agent: string
  /** Start of the thread's records in ms, null while the main thread has no prompt yet. */
  startedMs: number | null
  /** Subagent work, whose lines may replay a parent response. */
  sidechain: boolean
  /** Rebuilt from agent_progress copies, which can miss the last responses. */
  copied: boolean
  /** An API error came after the thread's last response. */
  apiErrorPending: boolean
}

export function newThread(
  segment: number,
  agent: string,
  startedMs: number | null
): Thread {
  return {
    segment,
    agent,
    startedMs,
    sidechain: true,
    copied: false,
    apiErrorPending: false
  }
}

/** One assistant line as the tally needs it. */
export interface ResponseLine {
  messageId: string | null
  requestId: string | null
  model: string | null
  usage: RawUsage | null | undefined
  timestampMs: number
  toolCalls: ToolCall[]
}

export interface Bucket {
  segment: number
  agent: string
  model: string | null
  startedMs: number
  finishedMs: number
  responses: Response[]
  toolCalls: number
  toolErrors: number
  copied: boolean
}

export interface Response {
  bucket: Bucket
  figures: Figures
  hasUsage: boolean
}

interface Segment {
  promptMs: number | null
  partial: boolean
}

/**
 * Adds up one session's work into ledger records. Prompts split the main
 * conversation into segments: segment 0 contains work before the first prompt,
 * and each prompt opens the next. Only segments with work become turns, numbered
 * from 1 in order. Work is kept per (segment, agent, model), one record each.
 */
export class SessionTally {
  readonly main: Thread = { ...newThread(0, MAIN_AGENT, null), sidechain: false }
  private readonly segments: Segment[] = [{ promptMs: null, partial: false }]
  private readonly buckets = new Map<string, Bucket>()
  /** Responses by message id and request id, so repeated lines count once. */
  private readonly responses = new Map<string, Response>()
  private readonly mainMessageIds = new Set<string>()
  private readonly calls = new Map<string, { bucket: Bucket; answered: boolean }>()

  /** Opens a new turn of the main conversation at a prompt. */
  openPrompt(timestampMs: number): void {
    this.closeMainSegment()
    this.segments.push({ promptMs: timestampMs, partial: false })
    this.main.segment = this.segments.length - 1
    this.main.startedMs = timestampMs
  }

  /** Returns the segment whose prompt is the last one at or before `timestampMs`. */
  segmentAt(timestampMs: number): number {
    for (let index = this.segments.length - 1; index > 0; index -= 1) {
      const promptMs = this.segments[index]?.promptMs
      if (promptMs !== null && promptMs !== undefined && promptMs <= timestampMs) {
        return index
      }
    }
    return 0
  }

  markPartial(segment: number): void {
    const entry = this.segments[segment]
    if (entry) entry.partial = true
  }

  /** Ends a subagent thread: an API error after its last response cut its turn short. */
  closeThread(thread: Thread): void {
    if (thread.apiErrorPending) this.markPartial(thread.segment)
    thread.apiErrorPending = false
  }

  /**
   * Counts one assistant line. Lines of one response (same message id and request
   * id) count once with the maximum of each figure. A subagent line that repeats a
   * main-conversation message id under another request id replays the parent and
   * is skipped. Returns the tool calls counted for the first time.
   */
  addResponse(thread: Thread, line: ResponseLine): ToolCall[] {
    const key =
      line.messageId === null ? null : `${line.messageId}\u0000${line.requestId ?? ''}`
    const figures = figuresOf(line.usage)
    const hasUsage = line.usage !== null && line.usage !== undefined

    const known = key === null ? undefined : this.responses.get(key)
    if (known !== undefined) {
      thread.apiErrorPending = false
      known.figures = maxFigures(known.figures, figures)
      known.hasUsage ||= hasUsage
      known.bucket.finishedMs = Math.max(known.bucket.finishedMs, line.timestampMs)
      return this.countCalls(known.bucket, line.toolCalls)
    }
    if (thread.sidechain && this.isMainMessage(line.messageId)) return []

    thread.apiErrorPending = false
    const bucket = this.bucketFor(thread, line.model)
    bucket.startedMs = Math.min(bucket.startedMs, thread.startedMs ?? line.timestampMs)
    bucket.finishedMs = Math.max(bucket.finishedMs, line.timestampMs)
    const response = { bucket, figures, hasUsage }
    bucket.responses.push(response)
    if (key !== null) this.responses.set(key, response)
    if (!thread.sidechain && line.messageId !== null) {
      this.mainMessageIds.add(line.messageId)
    }
    return this.countCalls(bucket, line.toolCalls)
  }

  /** Counts the tool errors among results, each call once, and extends the calls' records. */
  addToolResults(results: ToolResult[], timestampMs: number): void {
    for (const result of results) {
      const call = this.calls.get(result.toolUseId)
      if (call === undefined || call.answered) continue
      call.answered = true
      if (result.isError) call.bucket.toolErrors += 1
      call.bucket.finishedMs = Math.max(call.bucket.finishedMs, timestampMs)
    }
  }

  /** Returns the tally's contents as plain JSON data, for `restore`. */
  save(): TallyState {
    const buckets = [...this.buckets.values()]
    const bucketIndex = new Map(buckets.map((bucket, index) => [bucket, index]))
    const place = (response: Response): [number, number] => {
      const index = bucketIndex.get(response.bucket) ?? -1
      return [index, response.bucket.responses.indexOf(response)]
    }
    return {
      main: { ...this.main },
      segments: this.segments.map((segment) => [segment.promptMs, segment.partial]),
      buckets: buckets.map(({ responses, ...bucket }) => ({
        ...bucket,
        responses: responses.map(({ figures, hasUsage }) => [
          ...figuresToList(figures),
          hasUsage
        ])
      })),
      responses: [...this.responses].map(([key, response]) => [key, ...place(response)]),
      mainMessageIds: [...this.mainMessageIds],
      calls: [...this.calls].map(([id, call]) => [
        id,
        bucketIndex.get(call.bucket) ?? -1,
        call.answered
      ])
    }
  }

  /** Replaces the tally's contents with a state that `save` returned. */
  restore(state: TallyState): void {
    Object.assign(this.main, state.main)
    this.segments.length = 0
    for (const [promptMs, partial] of state.segments)
      this.segments.push({ promptMs, partial })

    const buckets: Bucket[] = []
    this.buckets.clear()
    for (const saved of state.buckets) {
      const bucket: Bucket = { ...saved, responses: [] }
      for (const figures of saved.responses) {
        const hasUsage = figures[6] === true
        bucket.responses.push({ bucket, figures: figuresFromList(figures), hasUsage })
      }
      buckets.push(bucket)
      this.buckets.set(bucketKey(bucket.segment, bucket.agent, bucket.model), bucket)
    }
    this.responses.clear()
    for (const [key, bucketAt, responseAt] of state.responses) {
      const response = buckets[bucketAt]?.responses[responseAt]
      if (response) this.responses.set(key, response)
    }
    this.mainMessageIds.clear()
    for (const id of state.mainMessageIds) this.mainMessageIds.add(id)
    this.calls.clear()
    for (const [id, bucketAt, answered] of state.calls) {
      const bucket = buckets[bucketAt]
      if (bucket) this.calls.set(id, { bucket, answered })
    }
  }

  /** Builds the ledger records, sorted, and marks turns that were cut off as partial. */
  finish(conversation: string): LedgerRecord[] {
    this.closeMainSegment()
    for (const call of this.calls.values()) {
      if (!call.answered) this.markPartial(call.bucket.segment)
    }

    const turns = this.numberTurns()
    const records: LedgerRecord[] = []
    for (const bucket of this.buckets.values()) {
      const turn = turns.get(bucket.segment) ?? 1
      const partial = this.segments[bucket.segment]?.partial === true
      records.push(toRecord(conversation, turn, bucket, partial))
    }
    return records.sort(compareRecords)
  }

  private isMainMessage(messageId: string | null): boolean {
    return messageId !== null && this.mainMessageIds.has(messageId)
  }

  private closeMainSegment(): void {
    if (this.main.apiErrorPending) this.markPartial(this.main.segment)
    this.main.apiErrorPending = false
  }

  private bucketFor(thread: Thread, model: string | null): Bucket {
    const key = bucketKey(thread.segment, thread.agent, model)
    let bucket = this.buckets.get(key)
    if (bucket === undefined) {
      bucket = {
        segment: thread.segment,
        agent: thread.agent,
        model,
        startedMs: Infinity,
        finishedMs: -Infinity,
        responses: [],
        toolCalls: 0,
        toolErrors: 0,
        copied: false
      }
      this.buckets.set(key, bucket)
    }
    bucket.copied ||= thread.copied
    return bucket
  }

  private countCalls(bucket: Bucket, calls: ToolCall[]): ToolCall[] {
    const counted: ToolCall[] = []
    for (const call of calls) {
      if (call.id !== null) {
        if (this.calls.has(call.id)) continue
        this.calls.set(call.id, { bucket, answered: false })
      }
      bucket.toolCalls += 1
      counted.push(call)
    }
    return counted
  }

  private numberTurns(): Map<number, number> {
    const used = [...new Set([...this.buckets.values()].map((bucket) => bucket.segment))]
    used.sort((a, b) => a - b)
    return new Map(used.map((segment, index) => [segment, index + 1]))
  }
}

function bucketKey(segment: number, agent: string, model: string | null): string {
  return `${segment}\u0000${agent}\u0000${model ?? ''}`
}

/** A tally as plain JSON data: objects that refer to a bucket give its place in `buckets`. */
export interface TallyState {
  main: Thread
  /** Prompt time and partial mark of each segment. */
  segments: Array<[number | null, boolean]>
  buckets: Array<Omit<Bucket, 'responses'> & { responses: SavedFigures[] }>
  /** Response key, then the response's bucket and its place in the bucket's list. */
  responses: Array<[string, number, number]>
  mainMessageIds: string[]
  /** Call id, its bucket, and whether a result for it was read. */
  calls: Array<[string, number, boolean]>
}
