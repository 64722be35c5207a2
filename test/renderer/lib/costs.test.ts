import { describe, expect, it } from 'vitest'

import { pricesOf, unpricedReasons, unpricedText } from '../../../renderer/src/lib/costs'
import type { EstimateRow } from '../../../shared/pricing'
import { demoEstimate } from '../support/demo'
import { totals } from '../support/fixtures'

function unpriced(
  model: string | null,
  reason: EstimateRow['unpricedReason']
): EstimateRow {
  return {
    provider: 'openai',
    model,
    billing: 'per-token',
    status: 'unpriced',
    unpricedReason: reason,
    totals: totals({ turns: 1 }),
    cost: null,
    price: null,
    longContextRecords: 0
  }
}

describe('unpriced turns', () => {
  it('name the unknown model', () => {
    expect(unpricedText(6, demoEstimate().rows)).toBe(
      '6 turns unpriced (unknown model gpt-5.1-codex)'
    )
  })

  it('name every reason', () => {
    const rows = [
      unpriced('gpt-5.2', 'unknown-model'),
      unpriced('gpt-5.3-codex', 'unknown-model'),
      unpriced(null, 'no-model')
    ]
    expect(unpricedReasons(rows)).toBe(
      'unknown models gpt-5.2, gpt-5.3-codex; the log names no model'
    )
    expect(unpricedText(1, rows)).toBe(
      '1 turn unpriced (unknown models gpt-5.2, gpt-5.3-codex; the log names no model)'
    )
  })

  it('count without reasons', () => {
    expect(unpricedText(2, [])).toBe('2 turns unpriced')
    expect(unpricedReasons([])).toBeNull()
  })
})

describe('pricesOf', () => {
  it('list each priced model once', () => {
    const rows = demoEstimate().rows
    const dated = rows[1]
    if (!dated) throw new Error('the demo estimate has no sonnet row')
    // A second id of the same model, such as an undated one, shares its price.
    const undated: EstimateRow = { ...dated, model: 'claude-sonnet-4-5' }
    const prices = pricesOf([...rows, undated])
    expect(prices.map((entry) => entry.price.model)).toEqual([
      'claude-haiku-4-5',
      'claude-sonnet-4-5'
    ])
    expect(prices[1]?.models).toEqual(['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'])
  })
})
