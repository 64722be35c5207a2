import type { AssistantLine, UserLine } from './schema'

/**
 * Hand-written checks of the two line schemas that nearly every kept line
 * meets, because zod on every line took 6 to 9% of a full rebuild in profiles.
 * Each check accepts only what its schema accepts, and may reject more. A line
 * it rejects goes through zod, which accepts it or names what is wrong, so
 * valid lines and the messages of bad ones are the same as with zod alone.
 */

type Fields = Record<string, unknown>

/**
 * ISO 8601 times in UTC with days up to 28, so that every date is valid in
 * every month and year. The schema accepts these and more.
 */
const UTC_TIME =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$/

/** Tells whether a value surely meets `assistantLineSchema`. On false, zod decides. */
export function isAssistantLine(value: object): value is AssistantLine {
  const line = value as Fields
  return (
    hasLineFields(line) &&
    isText(line.requestId) &&
    isFlag(line.isApiErrorMessage) &&
    isAssistantMessage(line.message)
  )
}

/** Tells whether a value surely meets `userLineSchema`. On false, zod decides. */
export function isUserLine(value: object): value is UserLine {
  const line = value as Fields
  if (!hasLineFields(line) || !isFlag(line.isCompactSummary)) return false
  const message = line.message
  return isRecord(message) && isContent(message.content)
}

function hasLineFields(line: Fields): boolean {
  return (
    typeof line.timestamp === 'string' &&
    UTC_TIME.test(line.timestamp) &&
    isText(line.uuid) &&
    isText(line.parentUuid) &&
    isFlag(line.isSidechain) &&
    isFlag(line.isMeta)
  )
}

function isAssistantMessage(message: unknown): boolean {
  if (!isRecord(message) || !isText(message.id) || !isText(message.model)) return false
  const content = message.content
  if (content !== undefined && content !== null && !isContent(content)) return false
  const usage = message.usage
  return usage === undefined || usage === null || isUsage(usage)
}

function isContent(content: unknown): boolean {
  if (typeof content === 'string') return true
  if (!Array.isArray(content)) return false
  for (const block of content) {
    if (!isRecord(block) || typeof block.type !== 'string') return false
    if (!isText(block.id) || !isText(block.name) || !isText(block.tool_use_id)) {
      return false
    }
    if (!isFlag(block.is_error)) return false
  }
  return true
}

function isUsage(usage: unknown): boolean {
  if (!isRecord(usage)) return false
  const counted =
    isCount(usage.input_tokens) &&
    isCount(usage.cache_creation_input_tokens) &&
    isCount(usage.cache_read_input_tokens) &&
    isCount(usage.output_tokens)
  if (!counted) return false
  const split = usage.cache_creation
  if (split === undefined || split === null) return true
  return (
    isRecord(split) &&
    isCount(split.ephemeral_5m_input_tokens) &&
    isCount(split.ephemeral_1h_input_tokens)
  )
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isText(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string'
}

function isFlag(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'boolean'
}

/**
 * Tells whether a value is a token count as the schema takes it: absent, null
 * or a safe whole number from 0.
 */
function isCount(value: unknown): boolean {
  if (value === undefined || value === null) return true
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}
