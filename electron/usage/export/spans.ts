// One OpenTelemetry span per ledger record, following the GenAI semantic
// conventions, with ids derived from the record's identity.

import { createHash } from 'node:crypto'

import { SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api'
import type { Attributes } from '@opentelemetry/api'
import { hrTimeDuration, millisToHrTime } from '@opentelemetry/core'
import type { Resource } from '@opentelemetry/resources'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base'
import {
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT
} from '@opentelemetry/semantic-conventions/incubating'

import type { LedgerRecord } from '../../../shared/ledger'
import { APP_VERSION } from '../version'

const SCOPE = { name: 'lowkey-usage', version: APP_VERSION }

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex')
}

/** Trace id of a conversation: all its turns land in one trace. */
export function traceIdOf(conversation: string): string {
  return nonZero(digest('lowkey-usage trace', conversation).slice(0, 32))
}

/**
 * Span id of a record, from the (conversation, turn, agent, model) that the
 * ledger keeps unique, so a record sent twice carries the same ids both times.
 */
export function spanIdOf(record: LedgerRecord): string {
  return nonZero(
    digest(
      'lowkey-usage span',
      record.conversation,
      String(record.turn),
      record.agent,
      record.model ?? ''
    ).slice(0, 16)
  )
}

/** OpenTelemetry treats an all-zero id as invalid. */
function nonZero(id: string): string {
  return /^0+$/.test(id) ? `${id.slice(0, -1)}1` : id
}

/** Hash of a record's content, which distinguishes a changed record from one already sent. */
export function contentHashOf(record: LedgerRecord): string {
  return digest(JSON.stringify(record)).slice(0, 16)
}

function attributesOf(record: LedgerRecord): Attributes {
  const attributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
    [ATTR_GEN_AI_PROVIDER_NAME]: record.provider,
    [ATTR_GEN_AI_AGENT_NAME]: record.agent,
    [ATTR_GEN_AI_CONVERSATION_ID]: record.conversation,
    [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: record.inputTokens,
    [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: record.outputTokens,
    [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: record.cacheReadTokens,
    [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: record.cacheWriteTokens,
    'lowkey.turn': record.turn,
    'lowkey.usage.cache_creation_5m.input_tokens': record.cacheWrite5mTokens,
    'lowkey.usage.cache_creation_1h.input_tokens': record.cacheWrite1hTokens,
    'lowkey.context_tokens': record.contextTokens,
    'lowkey.tool_calls': record.toolCalls,
    'lowkey.tool_errors': record.toolErrors,
    'lowkey.tokens': record.tokens
  }
  if (record.model !== null) attributes[ATTR_GEN_AI_REQUEST_MODEL] = record.model
  if (record.routine !== null) attributes['lowkey.routine'] = record.routine
  if (record.run !== null) attributes['lowkey.run'] = record.run
  return attributes
}

/** Builds the span of one ledger record, timed by the record's start and finish. */
export function spanOf(record: LedgerRecord, resource: Resource): ReadableSpan {
  const context = {
    traceId: traceIdOf(record.conversation),
    spanId: spanIdOf(record),
    traceFlags: TraceFlags.SAMPLED
  }
  const startTime = millisToHrTime(Date.parse(record.startedAt))
  const endTime = millisToHrTime(Date.parse(record.finishedAt))
  return {
    name: `${GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT} ${record.agent}`,
    kind: SpanKind.INTERNAL,
    spanContext: () => context,
    startTime,
    endTime,
    duration: hrTimeDuration(startTime, endTime),
    status: { code: SpanStatusCode.UNSET },
    attributes: attributesOf(record),
    links: [],
    events: [],
    ended: true,
    resource,
    instrumentationScope: SCOPE,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0
  }
}
