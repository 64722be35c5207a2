import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { runLowkey } from '../../support/cli'
import { copyDemoBox, tempFolder } from '../../support/temp'

let temp: ReturnType<typeof tempFolder>
let project: string
beforeEach(() => {
  temp = tempFolder()
  project = copyDemoBox(temp.path)
})
afterEach(() => temp.remove())

const lowkey = (...argv: string[]) => runLowkey(temp.path, argv)

function writeSettings(pricing: unknown): void {
  mkdirSync(join(temp.path, 'data'), { recursive: true })
  writeFileSync(
    join(temp.path, 'data', 'settings.json'),
    JSON.stringify({ version: 1, timeZone: 'UTC', projects: [], pricing })
  )
}

// Worked out by hand from the demo project's provider and agent totals.
// Sonnet 4.5 (25 turns): 316,600 input, 255,000 cache reads, 21,500 5-minute
// and 1,000 1-hour cache writes, 18,100 output, so 39,100 uncached:
//   39,100 × 3 + 255,000 × 0.30 + 21,500 × 3.75 + 1,000 × 6 + 18,100 × 15
//   = 117,300 + 76,500 + 80,625 + 6,000 + 271,500 = $0.551925
// Haiku 4.5 (1 turn): 9,000 × 1 + 600 × 5 = $0.012
const SONNET_DOLLARS = 0.551925
const HAIKU_DOLLARS = 0.012
// gpt-5.1-codex (6 turns): 117,000 input, 85,000 cache reads, 11,950 output.
const CODEX_TOKENS = 117_000 + 11_950

interface JsonRow {
  provider: string
  model: string | null
  status: string
  unpricedReason: string | null
  turns: number
  dollars: { total: number } | null
  price: { source: string; checked: string | null } | null
}

describe('lowkey usage cost', () => {
  it('estimates per-token models and lists the rest', async () => {
    const run = await lowkey('usage', 'cost', '--project', project, '--json')
    expect(run.code).toBe(0)
    const estimate = JSON.parse(run.stdout)
    expect(estimate.estimate).toBe(true)
    expect(estimate.currency).toBe('USD')
    expect(estimate.dollars).toBeCloseTo(SONNET_DOLLARS + HAIKU_DOLLARS, 6)
    expect(estimate.unpricedTurns).toBe(6)
    expect(estimate.unpricedTokens).toBe(CODEX_TOKENS)

    const rows = estimate.rows as JsonRow[]
    const sonnet = rows.find((row) => row.model === 'claude-sonnet-4-5-20250929')
    expect(sonnet?.dollars?.total).toBeCloseTo(SONNET_DOLLARS, 6)
    expect(sonnet?.price?.source).toMatch(/^https:\/\/platform\.claude\.com\//)
    expect(sonnet?.price?.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    const codex = rows.find((row) => row.model === 'gpt-5.1-codex')
    expect(codex?.status).toBe('unpriced')
    expect(codex?.unpricedReason).toBe('unknown-model')
    expect(codex?.dollars).toBeNull()

    const local = rows.filter((row) => row.provider === 'local')
    expect(local.map((row) => row.status)).toEqual(['not-billed', 'not-billed'])
    expect(local.every((row) => row.dollars === null)).toBe(true)
  })

  it('labels the table as an estimate with its prices', async () => {
    const run = await lowkey('usage', 'cost', '--project', project)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('an estimate from list prices in USD, not a bill')
    expect(run.stdout).toContain('Estimated total: $0.56, not counting 6 unpriced turns')
    expect(run.stdout).toContain('claude-sonnet-4-5: 3 / 0.3 / 3.75 / 6 / 15')
    expect(run.stdout).toMatch(/^local\s+llama3\.1:8b\s.*\(local\)$/m)
    expect(run.stdout).toMatch(/^openai\s+gpt-5\.1-codex\s.*unpriced$/m)
    expect(run.stdout).toContain('add it under pricing.models in settings.json')
  })

  it('shows no dollars for a subscription provider', async () => {
    writeSettings({ billing: { anthropic: 'subscription' } })
    const run = await lowkey('usage', 'cost', '--project', project, '--json')
    expect(run.code).toBe(0)
    const estimate = JSON.parse(run.stdout)
    expect(estimate.dollars).toBe(0)
    const anthropic = (estimate.rows as JsonRow[]).filter(
      (row) => row.provider === 'anthropic'
    )
    expect(anthropic.map((row) => row.status)).toEqual(['not-billed', 'not-billed'])
    expect(anthropic.every((row) => row.dollars === null)).toBe(true)
  })

  it('uses prices from the settings', async () => {
    writeSettings({
      models: {
        'openai/gpt-5.1-codex': {
          input: 1.25,
          cacheRead: 0.125,
          cacheWrite5m: 1.25,
          cacheWrite1h: 1.25,
          output: 10,
          source: 'our price sheet'
        }
      }
    })
    const run = await lowkey('usage', 'cost', '--project', project, '--json')
    expect(run.code).toBe(0)
    const estimate = JSON.parse(run.stdout)
    // 32,000 uncached × 1.25 + 85,000 × 0.125 + 11,950 × 10 = $0.170125.
    expect(estimate.dollars).toBeCloseTo(SONNET_DOLLARS + HAIKU_DOLLARS + 0.170125, 6)
    expect(estimate.unpricedTurns).toBe(0)
    const codex = (estimate.rows as JsonRow[]).find(
      (row) => row.model === 'gpt-5.1-codex'
    )
    expect(codex?.price?.source).toBe('our price sheet')
  })

  it('rejects a settings price missing fields', async () => {
    writeSettings({ models: { 'my-model': { input: 1 } } })
    const run = await lowkey('usage', 'cost', '--project', project)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('my-model has no shipped price, so it needs')
  })

  it('limits the estimate to a date range', async () => {
    const run = await lowkey(
      'usage',
      'cost',
      '--project',
      project,
      '--since',
      '2026-11-24',
      '--until',
      '2026-11-24',
      '--json'
    )
    expect(run.code).toBe(0)
    const estimate = JSON.parse(run.stdout)
    expect(estimate.since).toBe('2026-11-24')
    expect((estimate.rows as JsonRow[]).length).toBeGreaterThan(0)
    expect(estimate.dollars).toBeLessThan(SONNET_DOLLARS + HAIKU_DOLLARS)
  })
})
