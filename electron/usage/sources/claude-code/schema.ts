import { z } from 'zod'

import type { Projection } from '../../reader/projection'

/**
 * Schemas of the Claude Code log lines the adapter keeps. They declare only the
 * fields it reads, so tool output and file contents are never validated.
 * Fields that older or newer versions leave out, or write as null, are optional:
 * a missing cache figure or model loses nothing else on the line.
 */

const tokenCount = z.number().int().nonnegative().nullish()
const optionalText = z.string().nullish()
const optionalFlag = z.boolean().nullish()
const timestamp = z.iso.datetime({ offset: true })

export const usageSchema = z.object({
  input_tokens: tokenCount,
  cache_creation_input_tokens: tokenCount,
  cache_read_input_tokens: tokenCount,
  output_tokens: tokenCount,
  cache_creation: z
    .object({
      ephemeral_5m_input_tokens: tokenCount,
      ephemeral_1h_input_tokens: tokenCount
    })
    .nullish()
})

export type RawUsage = z.infer<typeof usageSchema>

/** One block of `message.content`: text, thinking, tool_use, tool_result, image… */
const contentBlockSchema = z.object({
  type: z.string(),
  id: optionalText,
  name: optionalText,
  input: z.unknown().optional(),
  text: z.unknown().optional(),
  tool_use_id: optionalText,
  is_error: optionalFlag
})

export type ContentBlock = z.infer<typeof contentBlockSchema>

const contentSchema = z.union([z.string(), z.array(contentBlockSchema)])

export type Content = z.infer<typeof contentSchema>

export const assistantMessageSchema = z.object({
  id: optionalText,
  model: optionalText,
  content: contentSchema.nullish(),
  usage: usageSchema.nullish()
})

export const userMessageSchema = z.object({ content: contentSchema })

/** Fields that every conversation line carries. */
const lineFields = {
  timestamp,
  uuid: optionalText,
  parentUuid: optionalText,
  isSidechain: optionalFlag,
  isMeta: optionalFlag
}

export const assistantLineSchema = z.object({
  ...lineFields,
  requestId: optionalText,
  isApiErrorMessage: optionalFlag,
  message: assistantMessageSchema
})

export type AssistantLine = z.infer<typeof assistantLineSchema>

export const userLineSchema = z.object({
  ...lineFields,
  isCompactSummary: optionalFlag,
  message: userMessageSchema,
  toolUseResult: z.unknown().optional()
})

export type UserLine = z.infer<typeof userLineSchema>

export const systemLineSchema = z.object({
  subtype: optionalText,
  uuid: optionalText,
  parentUuid: optionalText,
  isSidechain: optionalFlag
})

export type SystemLine = z.infer<typeof systemLineSchema>

/**
 * A `progress` line of type agent_progress: a copy of one message of a running
 * subagent, written into the parent's log while the subagent works.
 */
export const agentProgressSchema = z.object({
  parentToolUseID: optionalText,
  data: z.object({
    agentId: z.string().min(1),
    message: z
      .object({
        type: z.string(),
        timestamp,
        uuid: optionalText,
        requestId: optionalText,
        message: z.unknown().optional()
      })
      .nullish()
  })
})

export type AgentProgress = z.infer<typeof agentProgressSchema>

/** `toolUseResult` of a Task or Agent call, naming the subagent log of the work. */
export const subagentResultSchema = z.object({
  agentId: z.string().min(1),
  agentType: optionalText
})

/** Input of a Task or Agent tool call, as far as linking needs it. */
export const subagentCallSchema = z.object({
  subagent_type: optionalText,
  prompt: optionalText
})

const usageFields = {
  input_tokens: true,
  cache_creation_input_tokens: true,
  cache_read_input_tokens: true,
  output_tokens: true,
  cache_creation: { ephemeral_5m_input_tokens: true, ephemeral_1h_input_tokens: true }
} as const

const messageFields = {
  id: true,
  model: true,
  content: {
    type: true,
    id: true,
    name: true,
    input: { subagent_type: true, prompt: true },
    tool_use_id: true,
    is_error: true
  },
  usage: usageFields
} as const

/**
 * Every field that the schemas above and the reader use, at its place in a
 * line, but the `text` of content blocks. Lines are parsed keeping only these,
 * so tool output, file contents, text, thinking and the other bulk of a log
 * are stepped over unread. The reader parses a user line without tool results
 * whole, since only there text matters. A field added to a schema must be
 * added here too, or it reads as missing.
 */
export const LINE_FIELDS: Projection = {
  type: true,
  subtype: true,
  timestamp: true,
  uuid: true,
  parentUuid: true,
  isSidechain: true,
  isMeta: true,
  isCompactSummary: true,
  requestId: true,
  isApiErrorMessage: true,
  parentToolUseID: true,
  message: messageFields,
  toolUseResult: { agentId: true, agentType: true },
  data: {
    type: true,
    agentId: true,
    message: {
      type: true,
      timestamp: true,
      uuid: true,
      requestId: true,
      message: messageFields
    }
  }
}
