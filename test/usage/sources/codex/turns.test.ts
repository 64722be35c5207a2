import { describe, expect, it } from 'vitest'

import {
  assistantMessage,
  at,
  functionCall,
  functionOutput,
  item,
  readLines,
  sessionMeta,
  taskComplete,
  taskStarted,
  tokenCount,
  turnAborted,
  turnContext,
  usage,
  userMessage
} from './rollout-lines'

describe('Codex turns', () => {
  it('starts one turn per turn id', async () => {
    const { records } = await readLines([
      sessionMeta(0),
      taskStarted(1, 'turn-a'),
      userMessage(1),
      turnContext(2, 'gpt-5.3-codex', 'turn-a'),
      tokenCount(3, usage(100, 0, 10), usage(100, 0, 10)),
      taskComplete(4, 'turn-a'),
      taskStarted(10, 'turn-b'),
      userMessage(10),
      turnContext(11, 'gpt-5.3-codex', 'turn-b'),
      tokenCount(12, usage(300, 0, 30), usage(200, 0, 20)),
      taskComplete(13, 'turn-b')
    ])
    expect(records.map((r) => [r.turn, r.inputTokens, r.outputTokens, r.tokens])).toEqual(
      [
        [1, 100, 10, 'full'],
        [2, 200, 20, 'full']
      ]
    )
  })

  it('keeps a steering prompt in its turn', async () => {
    const { records } = await readLines([
      taskStarted(1, 'turn-a'),
      userMessage(1, 'first'),
      turnContext(2, 'gpt-5.3-codex', 'turn-a'),
      tokenCount(3, usage(100, 0, 10), usage(100, 0, 10)),
      userMessage(4, 'also check the tests'),
      turnContext(5, 'gpt-5.3-codex', 'turn-a'),
      tokenCount(6, usage(250, 0, 25), usage(150, 0, 15)),
      taskComplete(7, 'turn-a')
    ])
    expect(records).toHaveLength(1)
    expect(records[0]?.inputTokens).toBe(250)
    expect(records[0]?.tokens).toBe('full')
  })

  it('starts a turn per prompt without task events', async () => {
    const { records } = await readLines([
      sessionMeta(0, { cli_version: '0.58.0' }),
      userMessage(1),
      turnContext(2, 'gpt-5.1-codex'),
      tokenCount(3, usage(100, 0, 10), usage(100, 0, 10)),
      assistantMessage(4),
      userMessage(10),
      turnContext(11, 'gpt-5.1-codex'),
      tokenCount(12, usage(300, 0, 30), usage(200, 0, 20)),
      assistantMessage(13)
    ])
    expect(records.map((r) => [r.turn, r.inputTokens, r.tokens])).toEqual([
      [1, 100, 'full'],
      [2, 200, 'full']
    ])
  })

  it('ignores user and developer items', async () => {
    const text = (role: string, value: string) =>
      item(1, { type: 'message', role, content: [{ type: 'input_text', text: value }] })
    const { records } = await readLines([
      text('developer', 'system text'),
      text('user', '# AGENTS.md instructions'),
      text('user', '<environment_context></environment_context>'),
      userMessage(2),
      text('user', 'the prompt again, as a response item'),
      turnContext(3, 'gpt-5.2-codex'),
      tokenCount(4, usage(100, 0, 10), usage(100, 0, 10)),
      assistantMessage(5)
    ])
    expect(records.map((record) => record.turn)).toEqual([1])
  })

  it('puts early usage in turn 1', async () => {
    const { records } = await readLines([
      sessionMeta(0),
      turnContext(1, 'gpt-5.3-codex'),
      tokenCount(2, usage(5_000_000, 0, 900), usage(400, 0, 40)),
      taskStarted(3, 'turn-a'),
      userMessage(3),
      tokenCount(4, usage(5_000_600, 0, 960), usage(600, 0, 60)),
      taskComplete(5, 'turn-a')
    ])
    expect(records.map((r) => [r.turn, r.inputTokens, r.outputTokens])).toEqual([
      [1, 1000, 100]
    ])
  })

  it('joins prompt and later task_started', async () => {
    const { records } = await readLines([
      userMessage(1),
      taskStarted(1, 'turn-a'),
      tokenCount(2, usage(100, 0, 10), usage(100, 0, 10)),
      taskComplete(3, 'turn-a')
    ])
    expect(records.map((r) => [r.turn, r.tokens])).toEqual([[1, 'full']])
  })

  it('marks a turn without task_complete partial', async () => {
    const { records } = await readLines([
      taskStarted(1, 'turn-a'),
      userMessage(1),
      tokenCount(2, usage(100, 0, 10), usage(100, 0, 10)),
      functionCall(3, 'call-1')
    ])
    expect(records[0]?.tokens).toBe('partial')
  })

  it('marks an aborted turn partial', async () => {
    const { records } = await readLines([
      taskStarted(1, 'turn-a'),
      userMessage(1),
      tokenCount(2, usage(100, 0, 10), usage(100, 0, 10)),
      turnAborted(3, 'turn-a'),
      taskComplete(4, 'turn-a')
    ])
    expect(records[0]?.tokens).toBe('partial')
  })

  it('marks prompt-only turn full after answer', async () => {
    const { records } = await readLines([
      userMessage(1),
      tokenCount(2, usage(100, 0, 10), usage(100, 0, 10)),
      functionCall(3, 'call-1'),
      functionOutput(4, 'call-1', 'ok'),
      tokenCount(5, usage(300, 0, 30), usage(200, 0, 20)),
      assistantMessage(6),
      userMessage(10),
      tokenCount(11, usage(600, 0, 60), usage(300, 0, 30)),
      functionCall(12, 'call-2'),
      functionOutput(13, 'call-2', 'ok')
    ])
    expect(records.map((r) => [r.turn, r.tokens])).toEqual([
      [1, 'full'],
      [2, 'partial']
    ])
  })

  it('times turn from start to completion', async () => {
    const { records } = await readLines([
      sessionMeta(0),
      taskStarted(5, 'turn-a'),
      userMessage(5),
      turnContext(6, 'gpt-5.3-codex', 'turn-a'),
      tokenCount(8, usage(100, 0, 10), usage(100, 0, 10)),
      // Codex can write a later line with an earlier time (acidicsoil line 28).
      tokenCount(7, usage(100, 0, 10), usage(100, 0, 10)),
      taskComplete(20, 'turn-a')
    ])
    expect(records[0]?.startedAt).toBe(at(5))
    expect(records[0]?.finishedAt).toBe(at(20))
    expect(records[0]?.wallMs).toBe(15_000)
  })

  it('records zero usage for a turn', async () => {
    const { records } = await readLines([
      sessionMeta(0),
      userMessage(1),
      turnContext(2, 'gpt-5.2-codex'),
      turnContext(4, 'gpt-5.2-codex')
    ])
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({
      turn: 1,
      model: 'gpt-5.2-codex',
      inputTokens: 0,
      outputTokens: 0,
      contextTokens: 0,
      wallMs: 3_000,
      tokens: 'partial'
    })
  })
})

describe('Codex models and providers', () => {
  it('takes the model of the latest turn_context', async () => {
    const { records } = await readLines([
      turnContext(0, 'gpt-5.1-codex'),
      taskStarted(1, 'turn-a'),
      turnContext(2, 'gpt-5.3-codex', 'turn-a'),
      tokenCount(3, usage(100, 0, 10), usage(100, 0, 10)),
      taskComplete(4, 'turn-a')
    ])
    expect(records.map((record) => record.model)).toEqual(['gpt-5.3-codex'])
  })

  it('splits a turn that changes model', async () => {
    const { records } = await readLines([
      taskStarted(1, 'turn-a'),
      userMessage(1),
      turnContext(2, 'gpt-5.1-codex', 'turn-a'),
      tokenCount(3, usage(100, 0, 10), usage(100, 0, 10)),
      functionCall(4, 'call-1'),
      turnContext(5, 'gpt-5.3-codex', 'turn-a'),
      tokenCount(6, usage(300, 0, 30), usage(200, 0, 20)),
      taskComplete(9, 'turn-a')
    ])
    expect(
      records.map((r) => [
        r.turn,
        r.model,
        r.inputTokens,
        r.toolCalls,
        r.startedAt,
        r.finishedAt
      ])
    ).toEqual([
      [1, 'gpt-5.1-codex', 100, 1, at(1), at(4)],
      [1, 'gpt-5.3-codex', 200, 0, at(6), at(9)]
    ])
  })

  it('reads the provider from session_meta', async () => {
    const { records } = await readLines([
      sessionMeta(0, { model_provider: 'azure' }),
      userMessage(1),
      tokenCount(2, usage(100, 0, 10), usage(100, 0, 10))
    ])
    expect(records[0]?.provider).toBe('azure')
  })

  it('defaults the provider to openai', async () => {
    const { records } = await readLines([
      sessionMeta(0),
      userMessage(1),
      tokenCount(2, usage(100, 0, 10), usage(100, 0, 10))
    ])
    expect(records[0]?.provider).toBe('openai')
    expect(records[0]?.agent).toBe('codex')
    expect(records[0]?.model).toBeNull()
  })
})
