import { describe, expect, it } from 'vitest'

import type { TurnQuery, TurnRow } from '../../../shared/api'
import {
  createTurnsStore,
  MAX_CACHED_TURN_PAGES,
  TURN_PAGE_SIZE,
  turnAt
} from '../../../renderer/src/state/turns'
import { FakeApi } from '../support/fake-api'

function row(turn: number): TurnRow {
  return {
    turn,
    startedAt: '2026-11-24T14:00:00.000Z',
    finishedAt: '2026-11-24T14:01:00.000Z',
    label: '',
    partial: false,
    inputTokens: 1_000,
    cacheReadTokens: 0,
    outputTokens: 100,
    wallMs: 60_000,
    toolCalls: 0,
    toolErrors: 0,
    models: [],
    agents: [],
    records: []
  }
}

const TOTAL = 10_000

function page(request: TurnQuery) {
  const count = Math.max(0, Math.min(request.limit, TOTAL - request.offset))
  return {
    rows: Array.from({ length: count }, (_, i) => row(request.offset + i + 1)),
    offset: request.offset,
    total: TOTAL
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('turns store', () => {
  it('fetches the pages that hold the turns asked for, once each', async () => {
    const api = new FakeApi({ 'usage:turns': page })
    const store = createTurnsStore(api)
    store.getState().open('p1', 'long-run')
    store.getState().ensure(0, 0)
    await flush()
    expect(store.getState().total).toBe(TOTAL)

    store.getState().ensure(150, 260)
    store.getState().ensure(150, 260)
    await flush()
    expect(api.requests('usage:turns').map((request) => request.offset)).toEqual([
      0, 100, 200
    ])
    expect(turnAt(store.getState(), 259)?.turn).toBe(260)
    expect(turnAt(store.getState(), 300)).toBeUndefined()
  })

  it('never asks past the last turn', async () => {
    const api = new FakeApi({ 'usage:turns': page })
    const store = createTurnsStore(api)
    store.getState().open('p1', 'long-run')
    store.getState().ensure(0, 0)
    await flush()
    store.getState().ensure(9_990, 20_000)
    await flush()
    expect(api.requests('usage:turns').map((request) => request.offset)).toEqual([
      0, 9_900
    ])
  })

  it('drops answers for a conversation no longer open', async () => {
    let release: () => void = () => undefined
    const api = new FakeApi({
      'usage:turns': (request) =>
        new Promise((resolve) => {
          release = () => resolve(page(request))
        })
    })
    const store = createTurnsStore(api)
    store.getState().open('p1', 'first')
    store.getState().ensure(0, 0)
    store.getState().open('p1', 'second')
    release()
    await flush()
    expect(store.getState().conversation).toBe('second')
    expect(store.getState().total).toBeNull()
    expect(store.getState().pages).toEqual({})
  })

  it('keeps a bounded number of pages, the nearest ones', async () => {
    const api = new FakeApi({ 'usage:turns': page })
    const store = createTurnsStore(api)
    store.getState().open('p1', 'long-run')
    for (let index = 0; index < TOTAL; index += TURN_PAGE_SIZE) {
      store.getState().ensure(index, index)
      await flush()
    }
    const kept = Object.keys(store.getState().pages).map(Number)
    expect(kept).toHaveLength(MAX_CACHED_TURN_PAGES)
    // The last page asked for is 99; the pages kept are the 20 before it.
    expect(Math.min(...kept)).toBe(100 - MAX_CACHED_TURN_PAGES)
  })

  it('retries a failed page on ensure', async () => {
    let fail = true
    const api = new FakeApi({
      'usage:turns': (request) => {
        if (fail) throw new Error('ledger.jsonl is missing')
        return page(request)
      }
    })
    const store = createTurnsStore(api)
    store.getState().open('p1', 'long-run')
    store.getState().ensure(0, 0)
    await flush()
    expect(store.getState().error).toBe('ledger.jsonl is missing')

    fail = false
    store.getState().ensure(0, 0)
    await flush()
    expect(store.getState().error).toBeNull()
    expect(turnAt(store.getState(), 0)?.turn).toBe(1)
  })
})
