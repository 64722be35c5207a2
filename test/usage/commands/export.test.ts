import { createHash } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { LedgerRecord } from '../../../shared/ledger'
import { runLowkey } from '../../support/cli'
import { parseCsvObjects } from '../../support/csv'
import { startOtlpReceiver } from '../../support/otlp-receiver'
import type { OtlpReceiver } from '../../support/otlp-receiver'
import { copyDemoBox, tempFolder } from '../../support/temp'

let temp: ReturnType<typeof tempFolder>
let project: string
beforeEach(() => {
  temp = tempFolder()
  project = copyDemoBox(temp.path)
})
afterEach(() => temp.remove())

const lowkey = (...argv: string[]) => runLowkey(temp.path, argv)

interface ReportTotal {
  turns: number
  inputTokens: number
  cacheReadTokens: number
  outputTokens: number
  toolCalls: number
}

async function reportTotal(): Promise<ReportTotal> {
  const run = await lowkey('usage', 'report', '--project', project, '--json')
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout).total
}

async function exported(what: string, format: 'csv' | 'json'): Promise<string> {
  const run = await lowkey(
    'usage',
    'export',
    '--project',
    project,
    '--what',
    what,
    '--format',
    format
  )
  expect(run.stderr).not.toContain('lowkey:')
  expect(run.code).toBe(0)
  return run.stdout
}

/** Sums numeric columns of exported rows, the way a spreadsheet would. */
function sum(rows: Array<Record<string, unknown>>, column: string): number {
  return rows.reduce((total, row) => total + Number(row[column]), 0)
}

describe('lowkey usage export', () => {
  it('writes a ledger CSV that adds up to the report', async () => {
    const total = await reportTotal()
    const rows = parseCsvObjects(await exported('ledger', 'csv'))
    // The demo project has 46 records in 45 turns.
    expect(rows).toHaveLength(46)
    expect(new Set(rows.map((row) => `${row.conversation}/${row.turn}`)).size).toBe(
      total.turns
    )
    expect(sum(rows, 'inputTokens')).toBe(total.inputTokens)
    expect(sum(rows, 'cacheReadTokens')).toBe(total.cacheReadTokens)
    expect(sum(rows, 'outputTokens')).toBe(total.outputTokens)
    expect(sum(rows, 'toolCalls')).toBe(total.toolCalls)
    expect(rows[0]?.routine).toBe('')
  })

  it('writes a ledger JSON that adds up to the report', async () => {
    const total = await reportTotal()
    const records = JSON.parse(await exported('ledger', 'json')) as LedgerRecord[]
    expect(records).toHaveLength(46)
    expect(sum(records as never, 'inputTokens')).toBe(total.inputTokens)
    expect(sum(records as never, 'outputTokens')).toBe(total.outputTokens)
    expect(records.filter((record) => record.model === null)).toHaveLength(0)
  })

  it('writes every rollup as CSV and JSON with the same totals', async () => {
    const total = await reportTotal()
    for (const what of ['conversations', 'agents', 'providers', 'routines', 'days']) {
      const csv = parseCsvObjects(await exported(what, 'csv'))
      const json = JSON.parse(await exported(what, 'json')) as Array<
        Record<string, unknown>
      >
      // Days and routines add split rows and run rows to CSV; their totals
      // are on the rows of group `all` and on the routine rows with no run.
      const csvTotals = csv.filter((row) =>
        what === 'days'
          ? row.group === 'all'
          : what === 'routines'
            ? row.run === ''
            : true
      )
      expect(csvTotals, what).toHaveLength(json.length)
      expect(sum(csvTotals, 'outputTokens'), what).toBe(sum(json, 'outputTokens'))
      expect(sum(csvTotals, 'inputTokens'), what).toBe(sum(json, 'inputTokens'))
      if (what !== 'routines' && what !== 'agents') {
        expect(sum(json, 'outputTokens'), what).toBe(total.outputTokens)
      }
    }
  })

  it('splits days by provider, agent and routine in CSV', async () => {
    const rows = parseCsvObjects(await exported('days', 'csv'))
    const day = rows.filter((row) => row.day === '2026-11-24')
    const all = day.find((row) => row.group === 'all')
    const providers = day.filter((row) => row.group === 'provider')
    expect(providers.length).toBeGreaterThan(0)
    expect(sum(providers, 'inputTokens')).toBe(Number(all?.inputTokens))
  })

  it('writes to --out and names the file on stderr', async () => {
    const out = join(temp.path, 'exports', 'agents.json')
    const run = await lowkey(
      'usage',
      'export',
      '--project',
      project,
      '--what',
      'agents',
      '--format',
      'json',
      '--out',
      out
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(`of agents to ${out}`)
    expect(JSON.parse(readFileSync(out, 'utf8')).length).toBeGreaterThan(0)
  })

  it('writes through a link named by --out, not over it', async () => {
    const real = join(temp.path, 'real.json')
    const link = join(temp.path, 'link.json')
    writeFileSync(real, 'keep')
    symlinkSync(real, link)
    const run = await lowkey(
      'usage',
      'export',
      '--project',
      project,
      '--what',
      'agents',
      '--format',
      'json',
      '--out',
      link
    )
    expect(run.code).toBe(0)
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(JSON.parse(readFileSync(real, 'utf8')).length).toBeGreaterThan(0)
  })

  it('rejects options that do not fit the format', async () => {
    const noEndpoint = await lowkey(
      'usage',
      'export',
      '--project',
      project,
      '--format',
      'otlp'
    )
    expect(noEndpoint.code).toBe(2)
    expect(noEndpoint.stderr).toContain('--endpoint')

    const rollup = await lowkey(
      'usage',
      'export',
      '--project',
      project,
      '--format',
      'otlp',
      '--what',
      'days',
      '--endpoint',
      'http://127.0.0.1:9'
    )
    expect(rollup.code).toBe(2)

    const stray = await lowkey(
      'usage',
      'export',
      '--project',
      project,
      '--endpoint',
      'http://127.0.0.1:9'
    )
    expect(stray.code).toBe(2)
    expect(stray.stderr).toContain('--endpoint goes with --format otlp')
  })
})

// The documented id rule, written out again here rather than imported.
function hex(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex')
}

describe('lowkey usage export --format otlp', () => {
  let receiver: OtlpReceiver
  beforeEach(async () => {
    receiver = await startOtlpReceiver()
  })
  afterEach(async () => {
    await receiver.close()
  })

  const sendOtlp = (...extra: string[]) =>
    lowkey(
      'usage',
      'export',
      '--project',
      project,
      '--format',
      'otlp',
      '--endpoint',
      receiver.url,
      ...extra
    )

  it('sends one span per ledger record, then nothing new', async () => {
    const first = await sendOtlp()
    expect(first.stderr).not.toContain('lowkey:')
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('sent 46 ledger records')
    expect(receiver.requests.every((path) => path === '/v1/traces')).toBe(true)

    const ledger = JSON.parse(await exported('ledger', 'json')) as LedgerRecord[]
    expect(receiver.spans).toHaveLength(ledger.length)
    for (const record of ledger) {
      const spanId = hex(
        'lowkey-usage span',
        record.conversation,
        String(record.turn),
        record.agent,
        record.model ?? ''
      ).slice(0, 16)
      const span = receiver.spans.find((candidate) => candidate.spanId === spanId)
      expect(span, `${record.conversation} turn ${record.turn}`).toBeDefined()
      expect(span?.traceId).toBe(
        hex('lowkey-usage trace', record.conversation).slice(0, 32)
      )
      expect(span?.name).toBe(`invoke_agent ${record.agent}`)
      expect(span?.startTimeUnixNano).toBe(`${Date.parse(record.startedAt)}000000`)
      expect(span?.endTimeUnixNano).toBe(`${Date.parse(record.finishedAt)}000000`)
      expect(span?.attributes).toMatchObject({
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.provider.name': record.provider,
        'gen_ai.request.model': record.model ?? '',
        'gen_ai.agent.name': record.agent,
        'gen_ai.conversation.id': record.conversation,
        'gen_ai.usage.input_tokens': record.inputTokens,
        'gen_ai.usage.output_tokens': record.outputTokens,
        'gen_ai.usage.cache_read.input_tokens': record.cacheReadTokens,
        'gen_ai.usage.cache_creation.input_tokens': record.cacheWriteTokens,
        'lowkey.turn': record.turn
      })
    }
    expect(receiver.spans[0]?.resource['service.name']).toBe('lowkey-usage')

    const requestsBefore = receiver.requests.length
    const second = await sendOtlp()
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('sent 0 ledger records')
    expect(second.stdout).toContain('46 records had been sent before')
    expect(receiver.requests).toHaveLength(requestsBefore)
  })

  it('resumes after the collector rejects a batch', async () => {
    receiver.failRequest(2, 400)
    const failed = await sendOtlp('--batch-size', '10')
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('run the same command again to resume')
    expect(receiver.spans).toHaveLength(10)

    const resumed = await sendOtlp('--batch-size', '10')
    expect(resumed.code).toBe(0)
    expect(resumed.stdout).toContain('sent 36 ledger records')
    expect(new Set(receiver.spans.map((span) => span.spanId)).size).toBe(46)
    expect(receiver.spans).toHaveLength(46)
  })

  it('keeps its checkpoint in the data folder', async () => {
    await sendOtlp()
    const folder = join(temp.path, 'data', 'exports')
    expect(existsSync(folder)).toBe(true)
    const [file] = readdirSync(folder)
    const checkpoint = JSON.parse(readFileSync(join(folder, file ?? ''), 'utf8'))
    expect(checkpoint.endpoint).toBe(`${receiver.url}/v1/traces`)
    expect(Object.keys(checkpoint.sent)).toHaveLength(46)
  })

  it('sends everything again with --resend', async () => {
    await sendOtlp()
    const again = await sendOtlp('--resend')
    expect(again.stdout).toContain('sent 46 ledger records')
    expect(receiver.spans).toHaveLength(92)
  })
})
