import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { tempFolder } from '../../../support/temp'
import {
  SESSION_LOG,
  assistant,
  prompt,
  readAll,
  system,
  toolResult,
  usage,
  writeProjects
} from './logs'

describe('Claude Code token figures', () => {
  let folder: string
  let remove: () => void

  beforeEach(() => {
    const temp = tempFolder('lowkey-claude-tokens-')
    folder = temp.path
    remove = temp.remove
  })
  afterEach(() => remove())

  const read = (lines: string[]) =>
    readAll(writeProjects(folder, { [SESSION_LOG]: lines }))

  it('counts the lines of one response once, with their maximum', async () => {
    // Claude Code writes one line per content block; output grows from line to line.
    const { records } = await read([
      prompt(0, 'go'),
      assistant(1, {
        id: 'm1',
        requestId: 'r1',
        usage: usage(4, 100, 2000, 3),
        text: 'a'
      }),
      assistant(2, {
        id: 'm1',
        requestId: 'r1',
        usage: usage(4, 100, 2000, 3),
        text: 'b'
      }),
      assistant(3, {
        id: 'm1',
        requestId: 'r1',
        usage: usage(4, 100, 2000, 250),
        text: 'c'
      })
    ])

    expect(records).toHaveLength(1)
    expect(records[0]?.inputTokens).toBe(2104)
    expect(records[0]?.cacheWriteTokens).toBe(100)
    expect(records[0]?.cacheReadTokens).toBe(2000)
    expect(records[0]?.outputTokens).toBe(250)
  })

  it('takes the maximum of each field apart', async () => {
    const { records } = await read([
      prompt(0, 'go'),
      assistant(1, { id: 'm1', requestId: 'r1', usage: usage(9, 0, 50, 1) }),
      assistant(2, { id: 'm1', requestId: 'r1', usage: usage(1, 70, 0, 40) })
    ])

    expect(records[0]?.inputTokens).toBe(9 + 70 + 50)
    expect(records[0]?.outputTokens).toBe(40)
  })

  it('keys a response by its id when the request id is missing or empty', async () => {
    const { records } = await read([
      prompt(0, 'go'),
      assistant(1, { id: 'm1', usage: usage(10, 0, 0, 1) }),
      assistant(2, { id: 'm1', usage: usage(10, 0, 0, 5) }),
      assistant(3, { id: 'm2', requestId: '', usage: usage(20, 0, 0, 1) }),
      assistant(4, { id: 'm2', requestId: '', usage: usage(20, 0, 0, 7) })
    ])

    expect(records[0]?.inputTokens).toBe(30)
    expect(records[0]?.outputTokens).toBe(12)
  })

  it('counts one id under two request ids twice', async () => {
    const { records } = await read([
      prompt(0, 'go'),
      assistant(1, { id: 'm1', requestId: 'r1', usage: usage(10, 0, 0, 1) }),
      assistant(2, { id: 'm1', requestId: 'r2', usage: usage(10, 0, 0, 1) })
    ])

    expect(records[0]?.inputTokens).toBe(20)
  })

  it('counts each line without a message id', async () => {
    const { records } = await read([
      prompt(0, 'go'),
      assistant(1, { usage: usage(10, 0, 0, 1) }),
      assistant(2, { usage: usage(10, 0, 0, 1) })
    ])

    expect(records[0]?.inputTokens).toBe(20)
    expect(records[0]?.outputTokens).toBe(2)
  })

  it('adds both cache parts to the input', async () => {
    const { records } = await read([
      prompt(0, 'go'),
      assistant(1, {
        id: 'm1',
        usage: {
          ...usage(6, 300, 5000, 12),
          cache_creation: {
            ephemeral_5m_input_tokens: 100,
            ephemeral_1h_input_tokens: 200
          }
        }
      }),
      assistant(2, { id: 'm2', usage: usage(1, 40, 5300, 8) })
    ])

    const [record] = records
    expect(record?.inputTokens).toBe(6 + 300 + 5000 + 1 + 40 + 5300)
    expect(record?.cacheReadTokens).toBe(10300)
    expect(record?.cacheWriteTokens).toBe(340)
    expect(record?.cacheWrite5mTokens).toBe(100)
    expect(record?.cacheWrite1hTokens).toBe(200)
    expect(record?.outputTokens).toBe(20)
    expect(record?.contextTokens).toBe(1 + 40 + 5300)
  })

  it('keeps a line whose optional fields are null or missing', async () => {
    const { records } = await read([
      prompt(0, 'go'),
      assistant(
        1,
        {
          id: 'm1',
          model: null,
          usage: {
            input_tokens: 12,
            cache_creation_input_tokens: null,
            output_tokens: 3,
            cache_creation: null
          },
          tools: [['t1', 'Read']]
        },
        { costUSD: null }
      )
    ])

    expect(records).toHaveLength(1)
    expect(records[0]?.model).toBeNull()
    expect(records[0]?.inputTokens).toBe(12)
    expect(records[0]?.cacheWriteTokens).toBe(0)
    expect(records[0]?.outputTokens).toBe(3)
    expect(records[0]?.toolCalls).toBe(1)
  })

  it('gives one record per model in a turn', async () => {
    const { records } = await read([
      prompt(0, 'plan then build'),
      assistant(1, {
        id: 'm1',
        model: 'claude-opus-4-1-20250805',
        usage: usage(1, 0, 0, 5)
      }),
      assistant(2, {
        id: 'm2',
        model: 'claude-sonnet-4-20250514',
        usage: usage(2, 0, 0, 7)
      })
    ])

    expect(
      records.map((record) => [record.turn, record.model, record.outputTokens])
    ).toEqual([
      [1, 'claude-opus-4-1-20250805', 5],
      [1, 'claude-sonnet-4-20250514', 7]
    ])
  })

  it('ignores synthetic responses', async () => {
    const { records } = await read([
      prompt(0, 'go'),
      assistant(1, { id: 'm1', usage: usage(10, 0, 0, 1) }),
      assistant(2, { id: 'm2', model: '<synthetic>', usage: usage(99, 0, 0, 99) })
    ])

    expect(records).toHaveLength(1)
    expect(records[0]?.inputTokens).toBe(10)
  })

  it('never adds subagent summaries or compaction sizes', async () => {
    const summary = {
      agentId: 'a1',
      totalTokens: 13751,
      usage: usage(7, 501, 12935, 308)
    }
    const { records } = await read([
      prompt(0, 'go'),
      assistant(1, { id: 'm1', usage: usage(10, 0, 0, 1), tools: [['t1', 'Task']] }),
      toolResult(2, 't1', { toolUseResult: summary }),
      system(3, 'compact_boundary', {
        compactMetadata: { trigger: 'auto', preTokens: 167094 }
      })
    ])

    expect(records).toHaveLength(1)
    expect(records[0]?.inputTokens).toBe(10)
    expect(records[0]?.outputTokens).toBe(1)
  })

  it('counts each tool call and error once', async () => {
    const { records } = await read([
      prompt(0, 'go'),
      assistant(1, {
        id: 'm1',
        requestId: 'r1',
        usage: usage(1, 0, 0, 1),
        tools: [['t1', 'Bash']]
      }),
      // The same response written again with its second block: t1 must not count twice.
      assistant(2, {
        id: 'm1',
        requestId: 'r1',
        usage: usage(1, 0, 0, 9),
        tools: [
          ['t1', 'Bash'],
          ['t2', 'Read']
        ]
      }),
      toolResult(3, 't1', { isError: true }),
      toolResult(4, 't1', { isError: true }),
      toolResult(5, 't2', { isError: false }),
      toolResult(6, 'unknown-call', { isError: true })
    ])

    expect(records[0]?.toolCalls).toBe(2)
    expect(records[0]?.toolErrors).toBe(1)
  })
})
