import type { z } from 'zod'

import type { LedgerRecord } from '../../../../shared/ledger'
import { describeIssues } from '../../../../shared/validation'
import type { Diagnostics } from '../../diagnostics'
import { errorText } from '../../errors'
import {
  describeJsonError,
  parseJsonLine,
  reportCutLines,
  scanLines
} from '../../reader/lines'
import type { ScanResult } from '../../reader/lines'
import { JsonProjector } from '../../reader/projection'
import type { LogFile } from '../types'
import { isAssistantLine, isUserLine } from './checks'
import {
  isInterruptNotice,
  isPrompt,
  leadingText,
  toolCallsOf,
  toolResultsOf
} from './content'
import { SubagentLinks, agentIdOf, isSubagentLog } from './links'
import type { LinksState } from './links'
import {
  agentProgressSchema,
  assistantLineSchema,
  assistantMessageSchema,
  LINE_FIELDS,
  subagentResultSchema,
  systemLineSchema,
  userLineSchema,
  userMessageSchema
} from './schema'
import type { AgentProgress, AssistantLine } from './schema'
import { BOOKKEEPING_TYPES, NEEDLES, SYSTEM_SUBTYPES } from './record-types'
import { SessionTally } from './tally'
import type { TallyState, Thread } from './tally'
import { READER_STATE_VERSION } from './state'
import { ThreadRouter } from './threads'
import type { RouterState } from './threads'

/** Shared by every reader: each parse runs to its end before another starts. */
const projector = new JsonProjector(LINE_FIELDS)

/** Model name Claude Code gives to messages it writes itself, such as API errors. */
const SYNTHETIC_MODEL = '<synthetic>'

/**
 * Reads the logs of one session, its own log first and then its subagents' logs,
 * into one tally. What it keeps between lines is small (response keys and figures,
 * tool call ids, uuids of inline subagent lines), never line contents.
 */
export class SessionReader {
  private readonly tally = new SessionTally()
  private readonly links = new SubagentLinks()
  private readonly router = new ThreadRouter(this.tally, this.links)
  private file = ''

  constructor(
    private readonly diagnostics: Diagnostics,
    /** Agent ids whose own log is part of the session. */
    private readonly agentLogs: ReadonlySet<string>
  ) {}

  /**
   * Reads one log of the session, from `from` when given (where an earlier
   * read ended); returns null when it could not be read.
   */
  async read(
    file: LogFile,
    from?: { endOffset: number; lines: number }
  ): Promise<ScanResult | null> {
    this.file = file.path
    this.router.beginLog(isSubagentLog(file.path) ? agentIdOf(file.path) : null)
    try {
      const scan = await scanLines(file.path, this.onLine, {
        needles: NEEDLES,
        onFiltered: reportCutLines(this.diagnostics, file.path),
        startOffset: from?.endOffset,
        startLine: from?.lines
      })
      if (scan.unfinishedBytes > 0) this.diagnostics.unfinishedLastLine(file.path)
      return scan
    } catch (error) {
      this.diagnostics.unreadable(
        file.path,
        `cannot read the session log (${errorText(error)})`
      )
      return null
    }
  }

  /** Returns what the reader keeps between lines as plain JSON data, for `restore`. */
  save(): ReaderState {
    return {
      version: READER_STATE_VERSION,
      tally: this.tally.save(),
      links: this.links.save(),
      router: this.router.save()
    }
  }

  /** Goes on from a state that `save` returned after the same logs were read. */
  restore(state: ReaderState): void {
    this.tally.restore(state.tally)
    this.links.restore(state.links)
    this.router.restore(state.router)
  }

  finish(conversation: string): LedgerRecord[] {
    this.router.closeAll()
    return this.tally.finish(conversation)
  }

  private readonly onLine = (
    bytes: Buffer,
    start: number,
    end: number,
    line: number
  ): void => {
    const projected = projector.parse(bytes, start, end)
    if (projected !== undefined && this.readRecord(projected as object, line, true)) {
      return
    }

    // A line the projection cannot step through, or one whose text matters,
    // is parsed whole. That also names a syntax error.
    let value: unknown
    try {
      value = parseJsonLine(bytes, start, end)
    } catch (error) {
      this.diagnostics.badLine(this.file, line, describeJsonError(error))
      return
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.diagnostics.badLine(this.file, line, 'not a JSON object')
      return
    }
    this.readRecord(value, line, false)
  }

  /**
   * Reads one parsed line. Returns false, having changed nothing, when the
   * line was `projected` and needs a field that the projection leaves out.
   */
  private readRecord(value: object, line: number, projected: boolean): boolean {
    const type: unknown = (value as { type?: unknown }).type
    if (type === 'assistant') {
      this.readAssistant(value, line)
    } else if (type === 'user') {
      return this.readUser(value, line, projected)
    } else if (type === 'system') {
      this.readSystem(value, line)
    } else if (type === 'progress') {
      this.readProgress(value, line)
    } else if (typeof type !== 'string') {
      this.diagnostics.badLine(this.file, line, 'no record type')
    } else if (!BOOKKEEPING_TYPES.has(type)) {
      this.diagnostics.unknownRecords += 1
    }
    return true
  }

  private readAssistant(value: object, line: number): void {
    const entry = isAssistantLine(value)
      ? value
      : this.validate(assistantLineSchema, value, line, 'assistant')
    if (entry === null) return
    const timestampMs = Date.parse(entry.timestamp)
    const thread = this.router.threadOf(entry, timestampMs, null)
    if (thread !== null) this.countResponse(thread, entry, timestampMs)
  }

  private countResponse(
    thread: Thread,
    entry: Pick<AssistantLine, 'message' | 'requestId' | 'isApiErrorMessage'>,
    timestampMs: number
  ): void {
    const { message } = entry
    if (message.model !== SYNTHETIC_MODEL) {
      const counted = this.tally.addResponse(thread, {
        messageId: message.id || null,
        requestId: entry.requestId || null,
        model: message.model || null,
        usage: message.usage,
        timestampMs,
        toolCalls: toolCallsOf(message.content)
      })
      for (const call of counted) {
        if (call.subagent) this.links.addLaunch(call.id, thread.segment, call.subagent)
      }
    }
    if (entry.isApiErrorMessage === true) thread.apiErrorPending = true
  }

  private readUser(value: object, line: number, projected: boolean): boolean {
    const entry = isUserLine(value)
      ? value
      : this.validate(userLineSchema, value, line, 'user')
    if (entry === null) return true
    const results = toolResultsOf(entry.message.content)
    // Without tool results, the text distinguishes a prompt, an interrupt
    // notice and a subagent's first line, and the projection leaves text out.
    if (results.length === 0 && projected) return false

    const timestampMs = Date.parse(entry.timestamp)
    if (!this.router.readingSubagentLog && isPrompt(entry)) {
      this.tally.openPrompt(timestampMs)
      return true
    }

    const prompt = results.length === 0 ? leadingText(entry.message.content) : null
    const thread = this.router.threadOf(entry, timestampMs, prompt)
    if (thread === null) return true

    const first = results[0]
    if (first !== undefined) {
      this.tally.addToolResults(results, timestampMs)
      this.linkSubagentResult(entry.toolUseResult, first.toolUseId)
    } else if (isInterruptNotice(entry)) {
      this.tally.markPartial(thread.segment)
    }
    return true
  }

  /** Links a Task or Agent result to the subagent log it names (2.1 and later). */
  private linkSubagentResult(toolUseResult: unknown, callId: string): void {
    // Most results name no agent; the check spares zod building an error for each.
    const agentId: unknown = (toolUseResult as { agentId?: unknown } | null)?.agentId
    if (typeof agentId !== 'string') return
    const parsed = subagentResultSchema.safeParse(toolUseResult)
    if (parsed.success) {
      this.links.linkAgent(parsed.data.agentId, callId, parsed.data.agentType)
    }
  }

  private readSystem(value: object, line: number): void {
    const parsed = systemLineSchema.safeParse(value)
    if (!parsed.success) {
      this.reject(line, 'system', describeIssues(parsed.error))
      return
    }
    const entry = parsed.data
    if (entry.subtype && !SYSTEM_SUBTYPES.has(entry.subtype)) {
      this.diagnostics.unknownRecords += 1
      return
    }
    if (entry.subtype !== 'api_error') return

    // A retried request that succeeds writes its response after the api_error,
    // and the response clears the mark.
    const thread = this.router.systemThread(entry)
    if (thread !== null) thread.apiErrorPending = true
  }

  private readProgress(value: object, line: number): void {
    const data: unknown = (value as { data?: unknown }).data
    const kind =
      typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : null
    // hook_progress, bash_progress and waiting_for_task lines carry no usage.
    if (kind !== 'agent_progress') return

    const parsed = agentProgressSchema.safeParse(value)
    if (!parsed.success) {
      this.reject(line, 'agent_progress', describeIssues(parsed.error))
      return
    }
    const { agentId, message } = parsed.data.data
    if (parsed.data.parentToolUseID) {
      this.links.linkAgent(agentId, parsed.data.parentToolUseID)
    }
    // The subagent's own log contains the same messages, so counting both would
    // double them. Without that log, the copies are all that is left.
    if (this.agentLogs.has(agentId) || !message) return
    this.countCopy(agentId, message, line)
  }

  /** Counts a progress copy of a message of a subagent whose own log is missing. */
  private countCopy(
    agentId: string,
    copy: NonNullable<AgentProgress['data']['message']>,
    line: number
  ): void {
    const timestampMs = Date.parse(copy.timestamp)
    const thread = this.router.copyThread(agentId, timestampMs)

    if (copy.type === 'assistant') {
      const message = assistantMessageSchema.safeParse(copy.message)
      if (!message.success) {
        this.reject(line, 'agent_progress', describeIssues(message.error))
        return
      }
      const response = { message: message.data, requestId: copy.requestId }
      this.countResponse(thread, response, timestampMs)
    } else if (copy.type === 'user') {
      const message = userMessageSchema.safeParse(copy.message)
      if (!message.success) {
        this.reject(line, 'agent_progress', describeIssues(message.error))
        return
      }
      this.tally.addToolResults(toolResultsOf(message.data.content), timestampMs)
    }
  }

  /** Returns what `schema` makes of a line, or reports the line and returns null. */
  private validate<T>(
    schema: z.ZodType<T>,
    value: object,
    line: number,
    kind: string
  ): T | null {
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    this.reject(line, kind, describeIssues(parsed.error))
    return null
  }

  private reject(line: number, kind: string, issues: string): void {
    this.diagnostics.badLine(this.file, line, `invalid ${kind} line: ${issues}`)
  }
}

/** The state a session reader keeps between lines, as plain JSON data. */
export interface ReaderState {
  version: typeof READER_STATE_VERSION
  tally: TallyState
  links: LinksState
  router: RouterState
}
