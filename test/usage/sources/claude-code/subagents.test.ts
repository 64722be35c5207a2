import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { LedgerRecord } from '../../../../shared/ledger'
import { tempFolder } from '../../../support/temp'
import {
  SESSION,
  SESSION_LOG,
  assistant,
  at,
  progressCopy,
  prompt,
  readAll,
  toolResult,
  usage,
  userText,
  writeProjects
} from './logs'

const SUBAGENTS = `-work/${SESSION}/subagents`
const sidechain = { isSidechain: true }

/** Turn, agent and output of each record: enough to see where work was counted. */
function places(records: LedgerRecord[]): [number, string, number][] {
  return records.map((record) => [record.turn, record.agent, record.outputTokens])
}

describe('Claude Code subagents', () => {
  let folder: string
  let remove: () => void

  beforeEach(() => {
    const temp = tempFolder('lowkey-claude-subagents-')
    folder = temp.path
    remove = temp.remove
  })
  afterEach(() => remove())

  const read = (files: Record<string, string[]>) => readAll(writeProjects(folder, files))

  it('links a subagent log through the agent id in its result', async () => {
    // The subagent runs in the background past the next prompt, and its prompt
    // differs from the call's: only the agent id can place it in turn 1.
    const launch = { subagent_type: 'Explore', prompt: 'explore the repo' }
    const { records } = await read({
      [SESSION_LOG]: [
        prompt(0, 'start'),
        assistant(1, {
          id: 'm1',
          usage: usage(1, 0, 0, 1),
          tools: [['call1', 'Agent', launch]]
        }),
        toolResult(2, 'call1', {
          toolUseResult: { agentId: 'abc', agentType: 'Explore' }
        }),
        prompt(10, 'next'),
        assistant(11, { id: 'm2', usage: usage(1, 0, 0, 2) })
      ],
      [`${SUBAGENTS}/agent-abc.jsonl`]: [
        prompt(12, 'reworded prompt', { ...sidechain, agentId: 'abc' }),
        assistant(13, { id: 's1', usage: usage(1, 0, 0, 30) }, sidechain)
      ]
    })

    expect(places(records)).toEqual([
      [1, 'claude-code', 1],
      [1, 'claude-code:Explore', 30],
      [2, 'claude-code', 2]
    ])
    expect(records[1]?.startedAt).toBe(at(12))
    expect(records[1]?.finishedAt).toBe(at(13))
  })

  it('links a running subagent through agent_progress lines', async () => {
    const launch = { subagent_type: 'Plan', prompt: 'plan it' }
    const copy = { type: 'user' as const, message: { role: 'user', content: 'plan it' } }
    const { records } = await read({
      [SESSION_LOG]: [
        prompt(0, 'start'),
        assistant(1, {
          id: 'm1',
          usage: usage(1, 0, 0, 1),
          tools: [['call1', 'Task', launch]]
        }),
        progressCopy(2, 'abc', 'call1', copy),
        prompt(10, 'next'),
        assistant(11, { id: 'm2', usage: usage(1, 0, 0, 2) })
      ],
      [`${SUBAGENTS}/agent-abc.jsonl`]: [
        prompt(12, 'another wording', sidechain),
        assistant(13, { id: 's1', usage: usage(1, 0, 0, 30) }, sidechain)
      ]
    })

    expect(places(records)).toEqual([
      [1, 'claude-code', 1],
      [1, 'claude-code:Plan', 30],
      [2, 'claude-code', 2]
    ])
  })

  it('links a subagent log through its prompt', async () => {
    const launch = { subagent_type: 'general-purpose', prompt: 'Examine the package' }
    const { records } = await read({
      [SESSION_LOG]: [
        prompt(0, 'start'),
        assistant(1, {
          id: 'm1',
          usage: usage(1, 0, 0, 1),
          tools: [['call1', 'Task', launch]]
        }),
        toolResult(20, 'call1'),
        prompt(30, 'next'),
        assistant(31, { id: 'm2', usage: usage(1, 0, 0, 2) })
      ],
      // 2.0 layout: beside the session, naming it in sessionId.
      ['-work/agent-1234abcd.jsonl']: [
        prompt(35, 'Examine the package', { ...sidechain, agentId: '1234abcd' }),
        assistant(36, { id: 's1', usage: usage(1, 0, 0, 30) }, sidechain)
      ]
    })

    expect(places(records)).toEqual([
      [1, 'claude-code', 1],
      [1, 'claude-code:general-purpose', 30],
      [2, 'claude-code', 2]
    ])
    expect(new Set(records.map((record) => record.conversation))).toEqual(
      new Set([SESSION])
    )
  })

  it('places an unlinked subagent log by time', async () => {
    const { records } = await read({
      [SESSION_LOG]: [
        prompt(0, 'start'),
        assistant(1, { id: 'm1', usage: usage(1, 0, 0, 1) }),
        prompt(10, 'next'),
        assistant(11, { id: 'm2', usage: usage(1, 0, 0, 2) })
      ],
      [`${SUBAGENTS}/agent-zzz.jsonl`]: [
        // isMeta lines copied from the parent do not start the subagent.
        userText(5, 'hook context', { ...sidechain, isMeta: true }),
        prompt(12, 'unrelated', sidechain),
        assistant(13, { id: 's1', usage: usage(1, 0, 0, 30) }, sidechain)
      ],
      [`${SUBAGENTS}/agent-acompact-99.jsonl`]: [
        prompt(3, 'Your task is to create a detailed summary', sidechain),
        assistant(4, { id: 'c1', usage: usage(1, 0, 0, 6) }, sidechain)
      ]
    })

    expect(places(records)).toEqual([
      [1, 'claude-code', 1],
      [1, 'claude-code:compact', 6],
      [2, 'claude-code', 2],
      [2, 'claude-code:subagent', 30]
    ])
    expect(records[3]?.startedAt).toBe(at(12))
  })

  it('keeps subagent logs of a missing session', async () => {
    const { records } = await read({
      ['-work/agent-feed.jsonl']: [
        prompt(0, 'Warmup', { ...sidechain, sessionId: 'gone-2-0' }),
        assistant(1, { id: 'w1', usage: usage(3811, 0, 0, 247) }, sidechain)
      ],
      ['-work/gone-2-1/subagents/agent-beef.jsonl']: [
        prompt(0, 'Warmup', sidechain),
        assistant(1, { id: 'w2', usage: usage(10, 0, 0, 2) }, sidechain)
      ]
    })

    expect(
      records.map((record) => [record.conversation, record.turn, record.agent])
    ).toEqual([
      ['gone-2-0', 1, 'claude-code:subagent'],
      ['gone-2-1', 1, 'claude-code:subagent']
    ])
    expect(records[0]?.inputTokens).toBe(3811)
  })

  it('follows inline subagents through their parent uuids', async () => {
    const tasks: [string, string, Record<string, unknown>][] = [
      ['c1', 'Task', { subagent_type: 'general-purpose', prompt: 'look at A' }],
      ['c2', 'Task', { subagent_type: 'code-reviewer', prompt: 'review B' }]
    ]
    const { records } = await read({
      [SESSION_LOG]: [
        prompt(0, 'start'),
        assistant(1, { id: 'm1', usage: usage(1, 0, 0, 1), tools: tasks }),
        prompt(2, 'look at A', { ...sidechain, uuid: 'a1' }),
        prompt(3, 'review B', { ...sidechain, uuid: 'b1' }),
        assistant(
          4,
          { id: 'sa', usage: usage(1, 0, 0, 10) },
          { ...sidechain, parentUuid: 'a1' }
        ),
        assistant(
          5,
          { id: 'sb', usage: usage(1, 0, 0, 20) },
          { ...sidechain, parentUuid: 'b1' }
        ),
        toolResult(6, 'c1'),
        toolResult(7, 'c2'),
        assistant(8, { id: 'm2', usage: usage(1, 0, 0, 2) })
      ]
    })

    expect(places(records)).toEqual([
      [1, 'claude-code', 3],
      [1, 'claude-code:code-reviewer', 20],
      [1, 'claude-code:general-purpose', 10]
    ])
  })

  it('skips a sidechain replay of a parent response', async () => {
    const { records } = await read({
      [SESSION_LOG]: [
        prompt(0, 'start'),
        assistant(1, { id: 'm1', requestId: 'r1', usage: usage(100, 0, 0, 10) }),
        assistant(
          2,
          { id: 'm1', requestId: 'r9', usage: usage(100, 0, 0, 10) },
          sidechain
        ),
        assistant(3, { id: 's1', requestId: 'r10', usage: usage(5, 0, 0, 1) }, sidechain)
      ],
      [`${SUBAGENTS}/agent-abc.jsonl`]: [
        prompt(4, 'side question', sidechain),
        assistant(
          5,
          { id: 'm1', requestId: 'r11', usage: usage(100, 0, 0, 10) },
          sidechain
        ),
        assistant(6, { id: 's2', requestId: 'r12', usage: usage(7, 0, 0, 1) }, sidechain)
      ]
    })

    expect(records.map((record) => [record.agent, record.inputTokens])).toEqual([
      ['claude-code', 100],
      ['claude-code:subagent', 12]
    ])
  })

  it('adds no record for a repeated parent line', async () => {
    const response = { id: 'm1', requestId: 'r1', usage: usage(100, 0, 0, 10) }
    const { records } = await read({
      [SESSION_LOG]: [
        prompt(0, 'start'),
        assistant(1, response),
        assistant(2, response, sidechain)
      ]
    })

    expect(records.map((record) => [record.agent, record.inputTokens])).toEqual([
      ['claude-code', 100]
    ])
  })

  it('ignores progress copies when the subagent log exists', async () => {
    const launch = { subagent_type: 'Explore', prompt: 'look' }
    const copied = {
      id: 's1',
      model: 'claude-sonnet-4-5',
      content: [],
      usage: usage(3, 100, 0, 2)
    }
    const { records } = await read({
      [SESSION_LOG]: [
        prompt(0, 'start'),
        assistant(1, {
          id: 'm1',
          usage: usage(1, 0, 0, 1),
          tools: [['call1', 'Task', launch]]
        }),
        progressCopy(2, 'abc', 'call1', {
          type: 'assistant',
          message: copied,
          requestId: 'rs1'
        }),
        progressCopy(3, 'abc', 'call1', {
          type: 'assistant',
          message: { ...copied, id: 's9' },
          requestId: 'rs9'
        }),
        toolResult(4, 'call1', { toolUseResult: { agentId: 'abc' } })
      ],
      [`${SUBAGENTS}/agent-abc.jsonl`]: [
        prompt(2, 'look', sidechain),
        assistant(
          3,
          { id: 's1', requestId: 'rs1', usage: usage(3, 100, 0, 2) },
          sidechain
        )
      ]
    })

    const subagent = records.find((record) => record.agent === 'claude-code:Explore')
    expect(subagent?.inputTokens).toBe(103)
    expect(subagent?.tokens).toBe('full')
  })

  it('counts progress copies of a missing subagent log as partial', async () => {
    const launch = { subagent_type: 'Explore', prompt: 'look' }
    const message = {
      id: 's1',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'tool_use', id: 'st1', name: 'Grep', input: {} }],
      usage: usage(3, 100, 0, 2)
    }
    const failed = {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'st1', is_error: true }]
    }
    const { records } = await read({
      [SESSION_LOG]: [
        prompt(0, 'start'),
        assistant(1, {
          id: 'm1',
          usage: usage(1, 0, 0, 1),
          tools: [['call1', 'Task', launch]]
        }),
        progressCopy(2, 'abc', 'call1', {
          type: 'user',
          message: { role: 'user', content: 'look' }
        }),
        progressCopy(3, 'abc', 'call1', { type: 'assistant', message, requestId: 'rs1' }),
        progressCopy(4, 'abc', 'call1', {
          type: 'assistant',
          message: { ...message, usage: usage(3, 100, 0, 5) },
          requestId: 'rs1'
        }),
        progressCopy(5, 'abc', 'call1', { type: 'user', message: failed }),
        toolResult(6, 'call1', { toolUseResult: { agentId: 'abc' } })
      ]
    })

    const [main, subagent] = records
    expect(main?.tokens).toBe('full')
    expect(subagent?.agent).toBe('claude-code:Explore')
    expect(subagent?.turn).toBe(1)
    expect(subagent?.inputTokens).toBe(103)
    expect(subagent?.outputTokens).toBe(5)
    expect(subagent?.toolCalls).toBe(1)
    expect(subagent?.toolErrors).toBe(1)
    expect(subagent?.tokens).toBe('partial')
    expect(subagent?.startedAt).toBe(at(2))
  })
})
