import { subagentCallSchema } from './schema'
import type { Content, UserLine } from './schema'

/** Claude Code's text for a stop by the user, with or without a pending tool call. */
const INTERRUPT_PREFIX = '[Request interrupted by user'

/** Tools that start a subagent: `Task` up to 2.1.39, renamed `Agent` by 2.1.114. */
const SUBAGENT_TOOLS = new Set(['Task', 'Agent'])

export interface ToolCall {
  /** tool_use id, or null when the block has none and cannot be matched to a result. */
  id: string | null
  /** Subagent request of a Task or Agent call, else null. */
  subagent: { type: string | null; prompt: string | null } | null
}

export interface ToolResult {
  toolUseId: string
  isError: boolean
}

/** Lists the tool_use blocks of an assistant message. */
export function toolCallsOf(content: Content | null | undefined): ToolCall[] {
  if (!Array.isArray(content)) return []
  const calls: ToolCall[] = []
  for (const block of content) {
    if (block.type !== 'tool_use') continue
    calls.push({
      id: block.id || null,
      subagent: SUBAGENT_TOOLS.has(block.name ?? '') ? subagentRequest(block.input) : null
    })
  }
  return calls
}

function subagentRequest(input: unknown): ToolCall['subagent'] {
  const parsed = subagentCallSchema.safeParse(input)
  if (!parsed.success) return { type: null, prompt: null }
  return {
    type: parsed.data.subagent_type?.trim() || null,
    prompt: parsed.data.prompt ?? null
  }
}

/** Lists the tool_result blocks of a user message that name their tool call. */
export function toolResultsOf(content: Content): ToolResult[] {
  if (!Array.isArray(content)) return []
  const results: ToolResult[] = []
  for (const block of content) {
    if (block.type !== 'tool_result' || !block.tool_use_id) continue
    results.push({ toolUseId: block.tool_use_id, isError: block.is_error === true })
  }
  return results
}

/** Returns the text a user message starts with: the string, or its first text block. */
export function leadingText(content: Content): string | null {
  if (typeof content === 'string') return content
  for (const block of content) {
    if (block.type === 'text' && typeof block.text === 'string') return block.text
  }
  return null
}

function hasToolResult(content: Content): boolean {
  return Array.isArray(content) && content.some((block) => block.type === 'tool_result')
}

/** Tells whether a user line is the notice Claude Code writes when the user stops a turn. */
export function isInterruptNotice(line: UserLine): boolean {
  if (hasToolResult(line.message.content)) return false
  return leadingText(line.message.content)?.startsWith(INTERRUPT_PREFIX) === true
}

/**
 * Tells whether a user line is a prompt that starts a turn. Tool results, isMeta
 * lines (expanded slash commands, hook context), compact summaries, interrupt
 * notices and sidechain (subagent) lines are not prompts.
 */
export function isPrompt(line: UserLine): boolean {
  if (line.isSidechain === true || line.isMeta === true) return false
  if (line.isCompactSummary === true) return false
  if (hasToolResult(line.message.content)) return false
  return !isInterruptNotice(line)
}
