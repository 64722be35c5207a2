import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { tempFolder } from '../../../support/temp'
import {
  SESSION,
  SESSION_LOG,
  assistant,
  at,
  prompt,
  readAll,
  system,
  toolResult,
  usage,
  userText,
  writeProjects
} from './logs'

describe('Claude Code turn times and partial turns', () => {
  let folder: string
  let remove: () => void

  beforeEach(() => {
    const temp = tempFolder('lowkey-claude-partial-')
    folder = temp.path
    remove = temp.remove
  })
  afterEach(() => remove())

  const read = (lines: string[]) =>
    readAll(writeProjects(folder, { [SESSION_LOG]: lines }))
  const tokensByTurn = async (lines: string[]) =>
    (await read(lines)).records.map((record) => [record.turn, record.tokens])

  it('times a turn from its prompt to its last line', async () => {
    const { records } = await read([
      prompt(0, 'go'),
      assistant(4, { id: 'm1', usage: usage(1, 0, 0, 1), tools: [['t1', 'Bash']] }),
      toolResult(9, 't1'),
      prompt(20, 'next')
    ])

    expect(records[0]?.startedAt).toBe(at(0))
    expect(records[0]?.finishedAt).toBe(at(9))
    expect(records[0]?.wallMs).toBe(9000)
    expect(records[0]?.tokens).toBe('full')
  })

  it('ends each model record at its own last line', async () => {
    const { records } = await read([
      prompt(0, 'go'),
      assistant(2, {
        id: 'm1',
        model: 'claude-opus-4-1-20250805',
        usage: usage(1, 0, 0, 1)
      }),
      assistant(5, {
        id: 'm2',
        model: 'claude-sonnet-4-20250514',
        usage: usage(1, 0, 0, 1)
      })
    ])

    expect(
      records.map((record) => [record.model, record.startedAt, record.finishedAt])
    ).toEqual([
      ['claude-opus-4-1-20250805', at(0), at(2)],
      ['claude-sonnet-4-20250514', at(0), at(5)]
    ])
  })

  it('marks a turn the user interrupted', async () => {
    const turns = await tokensByTurn([
      prompt(0, 'go'),
      assistant(1, { id: 'm1', usage: usage(1, 0, 0, 1), tools: [['t1', 'Bash']] }),
      toolResult(2, 't1', { isError: true }),
      userText(2, '[Request interrupted by user for tool use]'),
      prompt(10, 'again'),
      assistant(11, { id: 'm2', usage: usage(1, 0, 0, 1) })
    ])

    expect(turns).toEqual([
      [1, 'partial'],
      [2, 'full']
    ])
  })

  it('marks a turn ended by an API error', async () => {
    const turns = await tokensByTurn([
      prompt(0, 'go'),
      assistant(1, { id: 'm1', usage: usage(1, 0, 0, 1) }),
      system(2, 'api_error', { retryAttempt: 10, maxRetries: 10 }),
      prompt(10, 'again'),
      assistant(11, { id: 'm2', usage: usage(1, 0, 0, 1) }),
      assistant(
        12,
        { id: 'e1', model: '<synthetic>', text: 'API Error: 500' },
        { isApiErrorMessage: true }
      )
    ])

    expect(turns).toEqual([
      [1, 'partial'],
      [2, 'partial']
    ])
  })

  it('keeps a turn whose retried request succeeded', async () => {
    const turns = await tokensByTurn([
      prompt(0, 'go'),
      system(1, 'api_error', { retryAttempt: 1, maxRetries: 10 }),
      assistant(2, { id: 'm1', usage: usage(1, 0, 0, 1) })
    ])

    expect(turns).toEqual([[1, 'full']])
  })

  it('marks a turn left with an unanswered tool call', async () => {
    const turns = await tokensByTurn([
      prompt(0, 'go'),
      assistant(1, { id: 'm1', usage: usage(1, 0, 0, 1), tools: [['t1', 'Bash']] }),
      toolResult(2, 't1'),
      prompt(10, 'again'),
      assistant(11, { id: 'm2', usage: usage(1, 0, 0, 1), tools: [['t2', 'Edit']] })
    ])

    expect(turns).toEqual([
      [1, 'full'],
      [2, 'partial']
    ])
  })

  it('marks a record whose response has no usage', async () => {
    const turns = await tokensByTurn([
      prompt(0, 'go'),
      assistant(1, { id: 'm1', text: 'hi' })
    ])

    expect(turns).toEqual([[1, 'partial']])
  })

  it('names the session as conversation', async () => {
    const { records } = await read([
      prompt(0, 'go'),
      assistant(1, { id: 'm1', usage: usage(1, 0, 0, 1) })
    ])

    expect(records[0]?.conversation).toBe(SESSION)
    expect(records[0]?.provider).toBe('anthropic')
    expect(records[0]?.agent).toBe('claude-code')
    expect(records[0]?.routine).toBeNull()
    expect(records[0]?.run).toBeNull()
  })
})
