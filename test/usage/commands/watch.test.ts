import { appendFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { runLowkey } from '../../support/cli'
import { copyDemoBox, tempFolder } from '../../support/temp'

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder()
})
afterEach(() => temp.remove())

function ledgerLine(turn: number, inputTokens: number, outputTokens: number): string {
  const record = {
    conversation: 'c-release-notes',
    turn,
    agent: 'reviewer',
    provider: 'local',
    startedAt: `2026-12-01T12:0${turn}:00Z`,
    finishedAt: `2026-12-01T12:0${turn}:30Z`,
    inputTokens,
    outputTokens,
    // Turn 4 has one call, which failed: "1 tool  1 error", not "1 tools".
    toolCalls: turn === 4 ? 1 : 0,
    toolErrors: turn === 4 ? 1 : 0,
    tokens: 'full'
  }
  return (
    JSON.stringify({ v: 1, type: 'turn.ledger', at: record.finishedAt, record }) + '\n'
  )
}

describe('lowkey usage watch', () => {
  it('prints each new turn with its label as it is appended', async () => {
    const project = copyDemoBox(temp.path)
    const log = join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl')
    const stop = new AbortController()
    let output = ''
    let messages = ''
    const running = runLowkey(temp.path, ['usage', 'watch', '--project', project], {
      stop: stop.signal,
      onStdout: (text) => {
        output += text
      },
      onStderr: (text) => {
        messages += text
      }
    })

    await vi.waitFor(() => expect(messages).toContain('watching '), { timeout: 10_000 })
    appendFileSync(log, ledgerLine(3, 18_400, 2_100))
    await vi.waitFor(() => expect(output).toContain('turn 3'), {
      timeout: 10_000,
      interval: 50
    })

    appendFileSync(log, '{"v":1,"type":"turn.ledger","at":"2026-12-02\n')
    await vi.waitFor(
      () => expect(messages).toMatch(/c-release-notes\.jsonl:\d+: not valid JSON/),
      {
        timeout: 10_000,
        interval: 50
      }
    )
    appendFileSync(log, ledgerLine(4, 950, 40))
    appendFileSync(log, ledgerLine(5, 1_000, 50))
    await vi.waitFor(() => expect(output).toContain('turn 5'), {
      timeout: 10_000,
      interval: 50
    })

    stop.abort()
    const run = await running
    expect(run.code).toBe(0)
    const lines = output.trim().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe(
      '2026-12-01T12:03:00.000Z  c-release-notes  turn 3  reviewer  ~18K in / 2.1K out  30s  0 tools  0 errors'
    )
    expect(lines[1]).toContain('turn 4  reviewer  ~950 in / 40 out')
    expect(lines[1]).toMatch(/ {2}1 tool {2}1 error$/)
    expect(run.stderr).toContain('watching ')
    // One line a problem, never joined by a replacement character.
    expect(run.stderr).not.toContain('\ufffd')
    expect(run.stderr).toMatch(
      /\n[^\n]*c-release-notes\.jsonl:\d+: not valid JSON[^\n]*\n/
    )
  })
})
