import type { z } from 'zod'

import { describeIssues } from '../../../../shared/validation'
import type { Diagnostics } from '../../diagnostics'
import { describeJsonError, parseJsonLine, scanLines } from '../../reader/lines'
import type { ScanResult } from '../../reader/lines'
import {
  ENVELOPE_TYPES,
  envelopeSchema,
  execCommandEndSchema,
  mcpToolCallEndSchema,
  messageSchema,
  patchApplyEndSchema,
  sessionMetaSchema,
  tokenCountSchema,
  toolCallSchema,
  toolOutputSchema,
  turnContextSchema,
  turnEventSchema,
  typedPayloadSchema
} from './schema'
import { restoreTracker, saveTracker } from './state'
import type { RolloutState } from './state'
import { execCommandFailed, mcpToolCallFailed, toolOutputFailed } from './tool-results'
import { TurnTracker } from './turns'
import type { TurnDraft } from './turns'

/**
 * Byte forms of everything the ledger needs, as Codex writes them (compact JSON).
 * A line without any of them is never decoded or parsed. `_tokens":` and
 * `"model":"` also let through records of unknown types that carry token
 * counts or a model, so that they are counted as unknown instead of passing
 * unseen. Unknown types without either (most `world_state`
 * lines) are skipped without being counted.
 */
const NEEDLES = [
  '"type":"session_meta"',
  '"type":"turn_context"',
  '"type":"token_count"',
  '"type":"task_started"',
  '"type":"task_complete"',
  '"type":"turn_aborted"',
  '"type":"user_message"',
  '"type":"function_call"',
  '"type":"function_call_output"',
  '"type":"custom_tool_call"',
  '"type":"custom_tool_call_output"',
  '"type":"local_shell_call"',
  '"type":"web_search_call"',
  '"role":"assistant"',
  '"type":"exec_command_end"',
  '"type":"mcp_tool_call_end"',
  '"type":"patch_apply_end"',
  '_tokens":',
  '"model":"'
].map((needle) => Buffer.from(needle))

const TOOL_CALL_ITEMS = new Set([
  'function_call',
  'custom_tool_call',
  'local_shell_call',
  'web_search_call'
])
const TOOL_OUTPUT_ITEMS = new Set(['function_call_output', 'custom_tool_call_output'])

/** `event_msg` types read for the ledger. */
const READ_EVENTS = new Set([
  'token_count',
  'task_started',
  'task_complete',
  'turn_aborted',
  'user_message',
  'exec_command_end',
  'mcp_tool_call_end',
  'patch_apply_end'
])

/** Known types that carry nothing for the ledger, skipped without being counted. */
const IGNORED_EVENTS = new Set(['agent_message', 'agent_reasoning', 'context_compacted'])
const IGNORED_ITEMS = new Set(['reasoning', 'ghost_snapshot'])

export interface RolloutRead {
  /** Every turn of the file, those of an earlier read included. */
  turns: TurnDraft[]
  scan: ScanResult
  /** State that a later read starts from, at `scan.endOffset`. */
  state: RolloutState
}

/** End point of an earlier read of a rollout file. */
export interface RolloutResume {
  state: RolloutState
  /** Number of lines before `state.endOffset`. */
  lines: number
}

/**
 * Reads one rollout file into turns, from its start or from where an earlier
 * read ended. Bad lines are reported to `diagnostics`, and the read goes on.
 */
export async function readRollout(
  path: string,
  diagnostics: Diagnostics,
  resume?: RolloutResume
): Promise<RolloutRead> {
  const reader = new RolloutReader(path, diagnostics, resume?.state)
  const scan = await scanLines(path, reader.onLine, {
    needles: NEEDLES,
    startOffset: resume?.state.endOffset,
    startLine: resume?.lines
  })
  const state: RolloutState = {
    endOffset: scan.endOffset,
    legacyNoted: reader.legacyNoted,
    ...saveTracker(reader.tracker.fields())
  }
  return { turns: reader.tracker.finish(), scan, state }
}

class RolloutReader {
  readonly tracker: TurnTracker
  /** Whether a line without the `{timestamp, type, payload}` envelope (mid-2025 format) was seen. */
  legacyNoted: boolean

  constructor(
    private readonly file: string,
    private readonly diagnostics: Diagnostics,
    saved?: RolloutState
  ) {
    this.tracker = new TurnTracker(saved && restoreTracker(saved))
    this.legacyNoted = saved?.legacyNoted ?? false
  }

  readonly onLine = (bytes: Buffer, start: number, end: number, line: number): void => {
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
    if (!('payload' in value)) {
      this.noteLegacyLine()
      return
    }

    const type = 'type' in value ? value.type : undefined
    if (typeof type !== 'string' || !isKnownType(type, value.payload)) {
      this.diagnostics.unknownRecords += 1
      return
    }
    if (type === 'compacted') return

    const envelope = envelopeSchema.safeParse(value)
    if (!envelope.success) {
      this.bad(line, `invalid ${type} record`, envelope.error)
      return
    }
    const at = Date.parse(envelope.data.timestamp)
    const payload = envelope.data.payload

    if (type === 'session_meta') this.readSessionMeta(payload, line)
    else if (type === 'turn_context') this.readTurnContext(payload, at, line)
    else if (type === 'event_msg') this.readEvent(payload, at, line)
    else if (type === 'response_item') this.readItem(payload, at, line)
  }

  /**
   * Notes the mid-2025 format once per file, at its first line, so that the
   * note keeps its place among the bad lines when a read is resumed later.
   */
  private noteLegacyLine(): void {
    if (this.legacyNoted) return
    this.legacyNoted = true
    this.diagnostics.note(
      this.file,
      'skipped lines in the mid-2025 rollout format, which has no timestamps or token counts'
    )
  }

  private readSessionMeta(payload: unknown, line: number): void {
    const meta = this.parse(sessionMetaSchema, payload, line, 'session_meta')
    if (meta) this.tracker.sessionStarted(meta.model_provider)
  }

  private readTurnContext(payload: unknown, at: number, line: number): void {
    const context = this.parse(turnContextSchema, payload, line, 'turn_context')
    if (context) this.tracker.turnContext(at, context.turn_id, context.model)
  }

  private readEvent(payload: unknown, at: number, line: number): void {
    const kind = this.parse(typedPayloadSchema, payload, line, 'event_msg')?.type
    if (kind === undefined) return
    const tracker = this.tracker

    if (kind === 'token_count') {
      const info = this.parse(tokenCountSchema, payload, line, kind)?.info
      if (info) tracker.tokenCount(at, info.total_token_usage, info.last_token_usage)
      else tracker.touchCurrent(at)
    } else if (kind === 'task_started') {
      const event = this.parse(turnEventSchema, payload, line, kind)
      if (event) tracker.taskStarted(at, event.turn_id)
    } else if (kind === 'task_complete') {
      const event = this.parse(turnEventSchema, payload, line, kind)
      if (event) tracker.taskComplete(at, event.turn_id)
    } else if (kind === 'turn_aborted') {
      const event = this.parse(turnEventSchema, payload, line, kind)
      if (event) tracker.turnAborted(at, event.turn_id)
    } else if (kind === 'user_message') {
      tracker.userMessage(at)
    } else if (kind === 'exec_command_end') {
      const event = this.parse(execCommandEndSchema, payload, line, kind)
      if (event) tracker.toolEnded(at, event.call_id, execCommandFailed(event))
    } else if (kind === 'mcp_tool_call_end') {
      const event = this.parse(mcpToolCallEndSchema, payload, line, kind)
      if (event) tracker.toolEnded(at, event.call_id, mcpToolCallFailed(event.result))
    } else if (kind === 'patch_apply_end') {
      const event = this.parse(patchApplyEndSchema, payload, line, kind)
      if (event) tracker.toolEnded(at, event.call_id, event.success === false)
    }
  }

  private readItem(payload: unknown, at: number, line: number): void {
    const kind = this.parse(typedPayloadSchema, payload, line, 'response_item')?.type
    if (kind === undefined) return

    if (TOOL_CALL_ITEMS.has(kind)) {
      const call = this.parse(toolCallSchema, payload, line, kind)
      // Web searches of 0.104 carry neither id, so the line number is the key.
      if (call) this.tracker.toolCall(at, call.call_id ?? call.id ?? `line ${line}`)
    } else if (TOOL_OUTPUT_ITEMS.has(kind)) {
      const output = this.parse(toolOutputSchema, payload, line, kind)
      if (output) {
        this.tracker.toolOutput(at, output.call_id, toolOutputFailed(output.output))
      }
    } else if (kind === 'message') {
      const message = this.parse(messageSchema, payload, line, kind)
      if (message?.role === 'assistant') this.tracker.assistantMessage(at)
    }
  }

  private parse<T>(schema: z.ZodType<T>, value: unknown, line: number, what: string) {
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    this.bad(line, `invalid ${what} payload`, parsed.error)
    return undefined
  }

  private bad(line: number, what: string, error: z.ZodError): void {
    this.diagnostics.badLine(this.file, line, `${what}: ${describeIssues(error)}`)
  }
}

/**
 * Tells whether this version reads or skips a record's type, before the record
 * is validated: an unknown type is counted even when its other fields are invalid.
 * A payload without a string `type` counts as known, so validation reports it.
 */
function isKnownType(type: string, payload: unknown): boolean {
  if (!ENVELOPE_TYPES.has(type)) return false
  const kind = typedPayloadSchema.safeParse(payload)
  if (!kind.success) return true
  if (type === 'event_msg')
    return READ_EVENTS.has(kind.data.type) || IGNORED_EVENTS.has(kind.data.type)
  if (type === 'response_item') {
    return (
      TOOL_CALL_ITEMS.has(kind.data.type) ||
      TOOL_OUTPUT_ITEMS.has(kind.data.type) ||
      kind.data.type === 'message' ||
      IGNORED_ITEMS.has(kind.data.type)
    )
  }
  return true
}
