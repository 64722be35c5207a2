import { describe, expect, it } from 'vitest'

import { asConversationId } from '../../shared/ledger'
import type { LedgerRecord } from '../../shared/ledger'
import {
  PRICE_TABLE,
  Pricing,
  canonicalModel,
  costOf,
  estimateRecords,
  estimateTotals,
  pricingSettingsSchema
} from '../../shared/pricing'
import { totalsOf } from '../../shared/totals'

function record(fields: Partial<LedgerRecord>): LedgerRecord {
  return {
    conversation: asConversationId('c-1'),
    turn: 1,
    agent: 'planner',
    provider: 'anthropic',
    model: 'claude-sonnet-4-5-20250929',
    startedAt: '2026-11-24T14:00:00.000Z',
    finishedAt: '2026-11-24T14:01:00.000Z',
    inputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    outputTokens: 0,
    contextTokens: 0,
    wallMs: 60_000,
    toolCalls: 0,
    toolErrors: 0,
    tokens: 'full',
    routine: null,
    run: null,
    ...fields
  }
}

// 25,000 input of which 20,000 cache reads and 3,000 cache writes (2,000 for
// five minutes, 1,000 for an hour), so 2,000 uncached; 1,800 output.
const SONNET_TURN = {
  inputTokens: 25_000,
  cacheReadTokens: 20_000,
  cacheWriteTokens: 3_000,
  cacheWrite5mTokens: 2_000,
  cacheWrite1hTokens: 1_000,
  outputTokens: 1_800,
  contextTokens: 25_000
}
// At Sonnet 4.5 prices ($3 input, $0.30 read, $3.75 5m, $6 1h, $15 output):
// 2,000 × 3 + 20,000 × 0.30 + 2,000 × 3.75 + 1,000 × 6 + 1,800 × 15
// = 6,000 + 6,000 + 7,500 + 6,000 + 27,000 = 52,500 dollar-millionths.
const SONNET_TURN_DOLLARS = 0.0525

describe('canonicalModel', () => {
  const cases: Array<[string, string]> = [
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude-sonnet-4-5', 'claude-sonnet-4-5'],
    ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5'],
    ['Claude-Sonnet-4-5', 'claude-sonnet-4-5'],
    ['claude-3.5-sonnet', 'claude-sonnet-3-5'],
    ['claude-3-5-sonnet-20241022', 'claude-sonnet-3-5'],
    ['claude-3.5-haiku', 'claude-haiku-3-5'],
    ['claude-3-5-haiku-20241022', 'claude-haiku-3-5'],
    ['claude-3-opus-latest', 'claude-opus-3'],
    ['us.anthropic.claude-opus-4-1-20250805-v1:0', 'claude-opus-4-1'],
    ['claude-haiku-4-5@20251001', 'claude-haiku-4-5'],
    ['claude-opus-4-6[1m]', 'claude-opus-4-6'],
    ['openai/gpt-5.1', 'gpt-5-1'],
    ['gpt-5.1-2025-11-13', 'gpt-5-1'],
    ['gpt-5.1-codex', 'gpt-5-1-codex'],
    ['gpt-6.2-sol', 'gpt-6-2-sol']
  ]
  for (const [name, expected] of cases) {
    it(`reduces ${name}`, () => {
      expect(canonicalModel(name)).toBe(expected)
    })
  }
})

describe('Pricing.priceFor', () => {
  const pricing = new Pricing()

  it('finds dated, undated and prefixed ids alike', () => {
    for (const name of [
      'claude-sonnet-4-5-20250929',
      'claude-sonnet-4-5',
      'anthropic/claude-sonnet-4.5'
    ]) {
      expect(pricing.priceFor(name)?.prices).toEqual({
        input: 3,
        cacheRead: 0.3,
        cacheWrite5m: 3.75,
        cacheWrite1h: 6,
        output: 15
      })
    }
  })

  it('tells neighbouring models apart', () => {
    expect(pricing.priceFor('claude-opus-4-1-20250805')?.prices.input).toBe(15)
    expect(pricing.priceFor('claude-opus-4-6')?.prices.input).toBe(5)
    expect(pricing.priceFor('claude-opus-4')?.prices.input).toBe(15)
    expect(pricing.priceFor('claude-opus-4-0')?.model).toBe('claude-opus-4')
  })

  it('prices no model it does not know', () => {
    expect(pricing.priceFor('gpt-5.1-codex')).toBeNull()
    expect(pricing.priceFor('sonnet')).toBeNull()
    expect(pricing.priceFor('llama3.1:8b')).toBeNull()
    expect(pricing.priceFor('claude-opus-4-10')).toBeNull()
  })

  it('names the source and day of every shipped price', () => {
    for (const entry of PRICE_TABLE) {
      expect(entry.source).toMatch(/^https:\/\//)
      expect(entry.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(canonicalModel(entry.model)).toBe(entry.model)
    }
  })

  it('lays a partial override over the shipped prices', () => {
    const custom = new Pricing({
      models: { 'claude-sonnet-4-5': { cacheRead: 0.25, source: 'our contract' } }
    })
    const price = custom.priceFor('claude-sonnet-4-5-20250929')
    expect(price?.prices.cacheRead).toBe(0.25)
    expect(price?.prices.input).toBe(3)
    expect(price?.source).toBe('our contract')
    expect(price?.overridden).toBe(true)
    expect(price?.checked).toBeNull()
  })

  it('adds a model the table lacks', () => {
    const custom = new Pricing({
      models: {
        'gpt-5.3-codex': {
          input: 1.75,
          cacheRead: 0.175,
          cacheWrite5m: 1.75,
          cacheWrite1h: 1.75,
          output: 14
        }
      }
    })
    expect(custom.priceFor('openai/gpt-5.3-codex')?.prices.output).toBe(14)
  })
})

describe('pricingSettingsSchema', () => {
  it('accepts an empty section with defaults', () => {
    expect(pricingSettingsSchema.parse({})).toEqual({ billing: {}, models: {} })
  })

  it('rejects a partial price for a model the app does not ship', () => {
    const parsed = pricingSettingsSchema.safeParse({
      models: { 'my-model': { input: 1, output: 2 } }
    })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toContain(
      'cacheRead, cacheWrite5m, cacheWrite1h'
    )
  })

  it('rejects an unknown billing kind', () => {
    const parsed = pricingSettingsSchema.safeParse({ billing: { anthropic: 'free' } })
    expect(parsed.success).toBe(false)
  })
})

describe('costOf', () => {
  it('splits input into uncached, cache read and cache writes', () => {
    const cost = costOf(SONNET_TURN, new Pricing().priceFor('claude-sonnet-4-5')!.prices)
    expect(cost.input).toBeCloseTo(0.006, 10)
    expect(cost.cacheRead).toBeCloseTo(0.006, 10)
    expect(cost.cacheWrite5m).toBeCloseTo(0.0075, 10)
    expect(cost.cacheWrite1h).toBeCloseTo(0.006, 10)
    expect(cost.output).toBeCloseTo(0.027, 10)
    expect(cost.total).toBeCloseTo(SONNET_TURN_DOLLARS, 10)
  })

  it('prices cache writes without a lifetime split as five-minute writes', () => {
    // 3,000 writes, no split: all at the 5-minute price, none at the 1-hour one.
    const cost = costOf(
      { ...SONNET_TURN, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0 },
      new Pricing().priceFor('claude-sonnet-4-5')!.prices
    )
    expect(cost.cacheWrite5m).toBeCloseTo(3_000 * 3.75e-6, 10)
    expect(cost.cacheWrite1h).toBe(0)
  })
})

describe('estimateRecords', () => {
  it('prices per-token models and counts the rest as unpriced', () => {
    const estimate = estimateRecords(
      [
        record({ ...SONNET_TURN }),
        record({
          turn: 2,
          model: 'claude-unknown-9',
          inputTokens: 700,
          outputTokens: 300
        }),
        record({ turn: 3, model: null, inputTokens: 50, outputTokens: 50 }),
        record({ turn: 4, provider: 'acme', model: 'acme-1', inputTokens: 10 }),
        record({ turn: 5, provider: 'local', model: 'llama3.1:8b', inputTokens: 999 })
      ],
      new Pricing()
    )

    expect(estimate.dollars).toBeCloseTo(SONNET_TURN_DOLLARS, 10)
    expect(estimate.unpricedTurns).toBe(3)
    expect(estimate.unpricedTokens).toBe(700 + 300 + 50 + 50 + 10)

    const byModel = new Map(estimate.rows.map((row) => [row.model, row]))
    expect(byModel.get('claude-unknown-9')?.status).toBe('unpriced')
    expect(byModel.get('claude-unknown-9')?.unpricedReason).toBe('unknown-model')
    expect(byModel.get('claude-unknown-9')?.cost).toBeNull()
    expect(byModel.get(null)?.unpricedReason).toBe('no-model')
    expect(byModel.get('acme-1')?.unpricedReason).toBe('unknown-provider')
    expect(byModel.get('llama3.1:8b')?.status).toBe('not-billed')
    expect(byModel.get('llama3.1:8b')?.cost).toBeNull()
    expect(byModel.get('claude-sonnet-4-5-20250929')?.price?.model).toBe(
      'claude-sonnet-4-5'
    )
  })

  it('never prices a subscription provider', () => {
    const estimate = estimateRecords(
      [record({ ...SONNET_TURN })],
      new Pricing({ billing: { anthropic: 'subscription' } })
    )
    expect(estimate.dollars).toBe(0)
    expect(estimate.unpricedTurns).toBe(0)
    expect(estimate.rows[0]?.status).toBe('not-billed')
    expect(estimate.rows[0]?.cost).toBeNull()
    expect(estimate.providers[0]).toMatchObject({
      provider: 'anthropic',
      billing: 'subscription',
      dollars: null,
      turns: 1
    })
  })

  it('counts a turn of two models once per model row', () => {
    const estimate = estimateRecords(
      [
        record({ ...SONNET_TURN }),
        record({ ...SONNET_TURN, agent: 'claude-code:Explore' }),
        record({ model: 'claude-haiku-4-5-20251001', outputTokens: 1_000 })
      ],
      new Pricing()
    )
    // Haiku 4.5 output: 1,000 × $5 per million = $0.005.
    expect(estimate.dollars).toBeCloseTo(2 * SONNET_TURN_DOLLARS + 0.005, 10)
    expect(estimate.rows.map((row) => [row.model, row.totals.turns])).toEqual([
      ['claude-haiku-4-5-20251001', 1],
      ['claude-sonnet-4-5-20250929', 1]
    ])
    // Both models worked in turn 1, which the provider counts once.
    expect(estimate.providers[0]?.turns).toBe(1)
  })

  it('applies long-context prices above the threshold', () => {
    const usage = { provider: 'openai', model: 'gpt-6.2-sol', outputTokens: 1_000 }
    const estimate = estimateRecords(
      [
        record({ ...usage, turn: 1, inputTokens: 100_000, contextTokens: 100_000 }),
        record({ ...usage, turn: 2, inputTokens: 300_000, contextTokens: 300_000 })
      ],
      new Pricing()
    )
    // Turn 1: 100,000 × $2 + 1,000 × $10 = $0.21.
    // Turn 2, above 272K: 300,000 × $4 + 1,000 × $15 = $1.215.
    expect(estimate.dollars).toBeCloseTo(0.21 + 1.215, 10)
    expect(estimate.rows[0]?.longContextRecords).toBe(1)
  })
})

describe('estimateTotals', () => {
  it('prices per-model totals like the records they sum', () => {
    const records = [record({ ...SONNET_TURN }), record({ ...SONNET_TURN, turn: 2 })]
    const estimate = estimateTotals(
      [
        {
          provider: 'anthropic',
          model: 'claude-sonnet-4-5',
          totals: totalsOf(records)
        },
        { provider: 'openai', model: 'gpt-9', totals: totalsOf([record({ turn: 3 })]) }
      ],
      new Pricing()
    )
    expect(estimate.dollars).toBeCloseTo(2 * SONNET_TURN_DOLLARS, 10)
    expect(estimate.unpricedTurns).toBe(1)
    expect(estimate.rows[0]?.totals.turns).toBe(2)
  })
})
