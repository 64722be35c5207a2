import { describe, expect, it } from 'vitest'

import {
  event,
  readLines,
  taskComplete,
  taskStarted,
  tokenCount,
  turnContext,
  usage,
  userMessage
} from './rollout-lines'

const opening = [
  taskStarted(1, 'turn-a'),
  userMessage(1),
  turnContext(1, 'gpt-5.3-codex')
]

describe('Codex token usage', () => {
  it('drops a report that repeats the total', async () => {
    const { records } = await readLines([
      ...opening,
      tokenCount(2, usage(100, 0, 10), usage(100, 0, 10)),
      tokenCount(3, usage(100, 0, 10), usage(100, 0, 10)),
      tokenCount(4, usage(250, 0, 25), usage(150, 0, 15)),
      tokenCount(5, usage(250, 0, 25), usage(150, 0, 15)),
      taskComplete(6, 'turn-a')
    ])
    expect(records[0]?.inputTokens).toBe(250)
    expect(records[0]?.outputTokens).toBe(25)
  })

  it('takes per-call spend, not the opening total', async () => {
    // A file that starts mid-session: its first total covers earlier files.
    const { records } = await readLines([
      ...opening,
      tokenCount(
        2,
        usage(15_785_904, 15_238_912, 54_325),
        usage(150_458, 148_992, 1_214)
      ),
      tokenCount(3, usage(15_936_000, 15_388_000, 55_000), usage(150_096, 149_088, 675)),
      taskComplete(4, 'turn-a')
    ])
    expect(records[0]?.inputTokens).toBe(300_554)
    expect(records[0]?.cacheReadTokens).toBe(298_080)
    expect(records[0]?.outputTokens).toBe(1_889)
  })

  it('survives a total that goes back down', async () => {
    const { records } = await readLines([
      ...opening,
      tokenCount(2, usage(1_000, 200, 50), usage(1_000, 200, 50)),
      tokenCount(3, usage(0, 0, 0), usage(0, 0, 0)),
      tokenCount(4, usage(300, 100, 30), usage(300, 100, 30)),
      tokenCount(5, usage(300, 100, 30), usage(300, 100, 30)),
      taskComplete(6, 'turn-a')
    ])
    expect(records[0]?.inputTokens).toBe(1_300)
    expect(records[0]?.cacheReadTokens).toBe(300)
    expect(records[0]?.outputTokens).toBe(80)
  })

  it('reads no usage from info null', async () => {
    const { records } = await readLines([
      ...opening,
      event(2, { type: 'token_count', info: null, rate_limits: { primary: null } }),
      taskComplete(3, 'turn-a')
    ])
    expect(records[0]?.inputTokens).toBe(0)
    expect(records[0]?.outputTokens).toBe(0)
  })

  it('maps Codex fields without adding parts twice', async () => {
    const call = { ...usage(10_000, 8_000, 700, 500), cache_write_input_tokens: 1_200 }
    const { records } = await readLines([
      ...opening,
      tokenCount(2, call, call),
      taskComplete(3, 'turn-a')
    ])
    expect(records[0]).toMatchObject({
      inputTokens: 10_000,
      cacheReadTokens: 8_000,
      cacheWriteTokens: 1_200,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      outputTokens: 700
    })
  })

  it('sets context to the largest call input', async () => {
    const { records } = await readLines([
      ...opening,
      tokenCount(2, usage(40_000, 0, 10), usage(40_000, 0, 10)),
      tokenCount(3, usage(100_000, 30_000, 20), usage(60_000, 30_000, 10)),
      tokenCount(4, usage(150_000, 60_000, 30), usage(50_000, 30_000, 10)),
      taskComplete(5, 'turn-a')
    ])
    expect(records[0]?.contextTokens).toBe(60_000)
  })

  it('uses total difference without last usage', async () => {
    const totalOnly = (second: number, total: ReturnType<typeof usage>) =>
      event(second, { type: 'token_count', info: { total_token_usage: total } })
    const { records } = await readLines([
      ...opening,
      tokenCount(2, usage(1_000, 0, 100), usage(1_000, 0, 100)),
      totalOnly(3, usage(1_500, 200, 160)),
      taskComplete(4, 'turn-a')
    ])
    expect(records[0]?.inputTokens).toBe(1_500)
    expect(records[0]?.cacheReadTokens).toBe(200)
    expect(records[0]?.outputTokens).toBe(160)
  })
})
