import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { tempFolder } from '../../../support/temp'
import {
  SESSION,
  SESSION_LOG,
  assistant,
  at,
  prompt,
  readAll,
  toolResult,
  usage,
  userText,
  writeProjects
} from './logs'

describe('Claude Code turns', () => {
  let folder: string
  let remove: () => void

  beforeEach(() => {
    const temp = tempFolder('lowkey-claude-turns-')
    folder = temp.path
    remove = temp.remove
  })
  afterEach(() => remove())

  const read = (lines: string[]) =>
    readAll(writeProjects(folder, { [SESSION_LOG]: lines }))

  it('makes one conversation per session', async () => {
    const other = 'aaaaaaaa-0000-0000-0000-000000000000'
    const projects = writeProjects(folder, {
      [SESSION_LOG]: [
        prompt(0, 'first'),
        assistant(1, { id: 'm1', usage: usage(1, 0, 0, 1) })
      ],
      [`-elsewhere/${other}.jsonl`]: [
        prompt(0, 'second'),
        assistant(1, { id: 'm2', usage: usage(1, 0, 0, 1) })
      ]
    })

    const { records } = await readAll(projects)

    expect(records.map((record) => record.conversation)).toEqual([SESSION, other])
  })

  it('runs a turn from one prompt to the next', async () => {
    const { records } = await read([
      prompt(0, 'fix the test'),
      assistant(1, { id: 'm1', usage: usage(1, 0, 0, 10), tools: [['t1', 'Bash']] }),
      toolResult(2, 't1'),
      userText(3, 'Base directory for this skill', { isMeta: true }),
      prompt(4, 'This session is being continued', { isCompactSummary: true }),
      assistant(5, { id: 'm2', usage: usage(1, 0, 0, 20) }),
      prompt(6, 'now the docs'),
      assistant(7, { id: 'm3', usage: usage(1, 0, 0, 40) })
    ])

    expect(records.map((record) => [record.turn, record.outputTokens])).toEqual([
      [1, 30],
      [2, 40]
    ])
  })

  it('does not open a turn at sidechain or interrupt lines', async () => {
    const { records } = await read([
      prompt(0, 'go'),
      assistant(1, { id: 'm1', usage: usage(1, 0, 0, 1) }),
      prompt(2, 'a subagent prompt', { isSidechain: true }),
      userText(3, '[Request interrupted by user]'),
      assistant(4, { id: 'm2', usage: usage(1, 0, 0, 1) })
    ])

    expect(new Set(records.map((record) => record.turn))).toEqual(new Set([1]))
  })

  it('puts usage before the first prompt in turn 1', async () => {
    const { records } = await read([
      assistant(0, { id: 'm0', usage: usage(5, 0, 0, 1) }),
      prompt(10, 'next'),
      assistant(11, { id: 'm1', usage: usage(7, 0, 0, 1) })
    ])

    expect(records.map((record) => [record.turn, record.inputTokens])).toEqual([
      [1, 5],
      [2, 7]
    ])
    expect(records[0]?.startedAt).toBe(at(0))
  })

  it('numbers only turns with work', async () => {
    const { records } = await read([
      prompt(0, '<command-name>/clear</command-name>'),
      prompt(1, '<local-command-stdout></local-command-stdout>'),
      prompt(2, 'real work'),
      assistant(3, { id: 'm1', usage: usage(1, 0, 0, 1) }),
      prompt(9, '<command-name>/exit</command-name>')
    ])

    expect(records).toHaveLength(1)
    expect(records[0]?.turn).toBe(1)
    expect(records[0]?.startedAt).toBe(at(2))
  })
})
