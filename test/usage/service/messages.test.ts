import { describe, expect, it } from 'vitest'

import { rebuiltMessage } from '../../../electron/usage/service'

describe('rebuiltMessage', () => {
  it('groups the digits of large counts', () => {
    expect(rebuiltMessage('lowkey-project', { conversations: 110, turns: 1409 })).toBe(
      'rebuilt lowkey-project: 110 conversations, 1,409 turns'
    )
  })

  it('names one of each in the singular', () => {
    expect(rebuiltMessage('demo', { conversations: 1, turns: 1 })).toBe(
      'rebuilt demo: 1 conversation, 1 turn'
    )
  })
})
