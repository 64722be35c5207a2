import { z } from 'zod'

const count = z.number().int().nonnegative()
const name = z.string().min(1)

/** Record types of the `{timestamp, type, payload}` envelope that this adapter reads or skips. */
export const ENVELOPE_TYPES = new Set([
  'session_meta',
  'turn_context',
  'event_msg',
  'response_item',
  'compacted'
])

export const envelopeSchema = z.object({
  timestamp: z.iso.datetime({ offset: true }),
  type: z.string(),
  payload: z.record(z.string(), z.unknown())
})

/** Payload of `event_msg` and `response_item`, whose `type` names its kind. */
export const typedPayloadSchema = z.object({ type: z.string() })

export const sessionMetaSchema = z.object({
  id: name.optional(),
  model_provider: name.optional()
})

export const turnContextSchema = z.object({
  turn_id: name.optional(),
  model: name.optional()
})

/** `task_started`, `task_complete` and `turn_aborted`. */
export const turnEventSchema = z.object({ turn_id: name.optional() })

/**
 * Token usage of Codex: `input_tokens` includes `cached_input_tokens`, and
 * `output_tokens` includes `reasoning_output_tokens`.
 */
export const tokenUsageSchema = z.object({
  input_tokens: count,
  cached_input_tokens: count.default(0),
  cache_write_input_tokens: count.default(0),
  output_tokens: count,
  reasoning_output_tokens: count.default(0),
  total_tokens: count.optional()
})

export type TokenUsage = z.infer<typeof tokenUsageSchema>

/** `info` is null before the first model response: then the event carries only rate limits. */
export const tokenCountSchema = z.object({
  info: z
    .object({
      total_token_usage: tokenUsageSchema,
      last_token_usage: tokenUsageSchema.optional()
    })
    .nullable()
    .optional()
})

/** `function_call`, `custom_tool_call`, `local_shell_call` and `web_search_call`. */
export const toolCallSchema = z.object({
  call_id: name.optional(),
  id: name.optional()
})

/** `function_call_output` and `custom_tool_call_output`. */
export const toolOutputSchema = z.object({
  call_id: name,
  output: z.unknown()
})

export const messageSchema = z.object({ role: z.string() })

export const execCommandEndSchema = z.object({
  call_id: name,
  exit_code: z.number().int().optional(),
  status: z.string().optional()
})

export const mcpToolCallEndSchema = z.object({
  call_id: name,
  result: z.unknown()
})

export const patchApplyEndSchema = z.object({
  call_id: name,
  success: z.boolean().optional()
})

/** First line of a rollout: `session_meta` now, a bare `{id, timestamp}` header in mid-2025. */
export const rolloutHeaderSchema = z.union([
  z.object({ type: z.literal('session_meta'), payload: z.object({ id: name }) }),
  z.object({ id: name, timestamp: z.string() })
])
