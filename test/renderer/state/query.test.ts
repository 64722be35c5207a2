import { describe, expect, it } from 'vitest'

import { createQueryStore } from '../../../renderer/src/state/query'

describe('query store', () => {
  it('keeps only the answer to the latest request', async () => {
    const pending = new Map<string, (value: string) => void>()
    const store = createQueryStore<string, string>(
      (request) => new Promise((resolve) => pending.set(request, resolve))
    )
    const first = store.getState().load('7 days')
    const second = store.getState().load('30 days')
    pending.get('30 days')?.('thirty')
    await second
    pending.get('7 days')?.('seven')
    await first
    expect(store.getState().request).toBe('30 days')
    expect(store.getState().result).toBe('thirty')
    expect(store.getState().loading).toBe(false)
  })

  it('keeps the previous result while the next one loads', async () => {
    let resolve: (value: string) => void = () => undefined
    const store = createQueryStore<string, string>((request) =>
      request === 'a' ? Promise.resolve('A') : new Promise((done) => (resolve = done))
    )
    await store.getState().load('a')
    const next = store.getState().load('b')
    expect(store.getState()).toMatchObject({ result: 'A', loading: true })
    resolve('B')
    await next
    expect(store.getState().result).toBe('B')
  })

  it('turns a failure into an error message', async () => {
    const store = createQueryStore<string, string>(() =>
      Promise.reject(new Error('rollups are locked'))
    )
    await store.getState().load('a')
    expect(store.getState()).toMatchObject({
      result: null,
      error: 'rollups are locked',
      loading: false
    })
  })
})
