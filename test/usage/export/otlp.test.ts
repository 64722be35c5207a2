import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { asConversationId } from '../../../shared/ledger'
import type { LedgerRecord } from '../../../shared/ledger'
import { checkpointPath, loadCheckpoint } from '../../../electron/usage/export/checkpoint'
import { tracesUrl } from '../../../electron/usage/export/endpoint'
import { contentHashOf, spanIdOf, traceIdOf } from '../../../electron/usage/export/spans'
import { tempFolder } from '../../support/temp'

const RECORD: LedgerRecord = {
  conversation: asConversationId('c-1'),
  turn: 3,
  agent: 'planner',
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  startedAt: '2026-11-24T14:00:00.000Z',
  finishedAt: '2026-11-24T14:01:00.000Z',
  inputTokens: 10,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  outputTokens: 5,
  contextTokens: 10,
  wallMs: 60_000,
  toolCalls: 0,
  toolErrors: 0,
  tokens: 'full',
  routine: null,
  run: null
}

describe('span ids', () => {
  it('depend on the record identity only', () => {
    const grown = { ...RECORD, outputTokens: 50, tokens: 'partial' as const }
    expect(spanIdOf(grown)).toBe(spanIdOf(RECORD))
    expect(contentHashOf(grown)).not.toBe(contentHashOf(RECORD))
  })

  it('differ for each part of the identity', () => {
    const ids = new Set([
      spanIdOf(RECORD),
      spanIdOf({ ...RECORD, turn: 4 }),
      spanIdOf({ ...RECORD, agent: 'coder' }),
      spanIdOf({ ...RECORD, model: null }),
      spanIdOf({ ...RECORD, conversation: asConversationId('c-2') })
    ])
    expect(ids.size).toBe(5)
  })

  it('have the OTLP widths', () => {
    expect(spanIdOf(RECORD)).toMatch(/^[0-9a-f]{16}$/)
    expect(traceIdOf(RECORD.conversation)).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('tracesUrl', () => {
  it('adds the default path to a bare collector address', () => {
    expect(tracesUrl('http://127.0.0.1:4318')).toBe('http://127.0.0.1:4318/v1/traces')
  })

  it('keeps a path the operator gave', () => {
    expect(tracesUrl('https://otel.example/ingest/traces')).toBe(
      'https://otel.example/ingest/traces'
    )
  })

  it('rejects what is not an http URL', () => {
    expect(() => tracesUrl('127.0.0.1:4318')).toThrow(/must use http or https|not a URL/)
    expect(() => tracesUrl('ftp://127.0.0.1/x')).toThrow('must use http or https')
  })
})

describe('loadCheckpoint', () => {
  let temp: ReturnType<typeof tempFolder>
  beforeEach(() => {
    temp = tempFolder()
  })
  afterEach(() => temp.remove())

  it('starts empty when no file exists', async () => {
    const path = checkpointPath(temp.path, 'http://a/v1/traces', 'project')
    const checkpoint = await loadCheckpoint(path, 'http://a/v1/traces', 'project')
    expect(checkpoint.sent).toEqual({})
  })

  it('keeps one file per endpoint and target', () => {
    const a = checkpointPath(temp.path, 'http://a/v1/traces', 'project')
    expect(checkpointPath(temp.path, 'http://b/v1/traces', 'project')).not.toBe(a)
    expect(checkpointPath(temp.path, 'http://a/v1/traces', 'other')).not.toBe(a)
  })

  it('names the fix for a damaged file', async () => {
    const path = join(temp.path, 'exports', 'otlp-x.json')
    mkdirSync(join(temp.path, 'exports'))
    writeFileSync(path, '{"version":1,')
    await expect(loadCheckpoint(path, 'http://a', 'project')).rejects.toThrow(
      /not valid JSON .*--resend/
    )
  })
})
