import { describe, expect, it } from 'vitest'

import { ADDITIVE_FIELDS, asConversationId } from '../../shared/ledger'
import type { LedgerRecord } from '../../shared/ledger'
import { totalsOf } from '../../shared/totals'

function record(turn: number, value: number, wallMs: number): LedgerRecord {
  const fields = Object.fromEntries(ADDITIVE_FIELDS.map((field) => [field, value]))
  return {
    conversation: asConversationId('c-1'),
    turn,
    agent: 'planner',
    provider: 'anthropic',
    model: null,
    startedAt: '2026-12-01T10:00:00.000Z',
    finishedAt: '2026-12-01T10:00:05.000Z',
    contextTokens: value,
    wallMs,
    tokens: 'full',
    routine: null,
    run: null,
    ...(fields as Record<(typeof ADDITIVE_FIELDS)[number], number>)
  }
}

describe('totalsOf', () => {
  it('sums every additive field', () => {
    const totals = totalsOf([record(1, 3, 100), record(1, 4, 250), record(2, 5, 40)])
    for (const field of ADDITIVE_FIELDS) expect(totals[field], field).toBe(12)
  })

  it('counts wall time once per turn', () => {
    const totals = totalsOf([record(1, 3, 100), record(1, 4, 250), record(2, 5, 40)])
    expect(totals.turns).toBe(2)
    expect(totals.records).toBe(3)
    expect(totals.wallMs).toBe(290)
  })
})
