import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { ledgerRecordSchema } from '../../../../shared/ledger'
import type { LedgerRecord } from '../../../../shared/ledger'
import { Diagnostics } from '../../../../electron/usage/diagnostics'
import { codexAdapter } from '../../../../electron/usage/sources/codex'
import { readRollout } from '../../../../electron/usage/sources/codex/rollout'

// Expected figures come from test/support/count-codex.mjs, which takes each
// call's spend from the difference of running totals (the adapter takes
// last_token_usage), and from the hand checks written next to them.

const FIXTURES = join(import.meta.dirname, '../../../fixtures/codex')
const SESSIONS = join(FIXTURES, 'sessions')

const ACIDICSOIL = join(
  SESSIONS,
  '2025/11/17/rollout-2025-11-17T15-30-28-019a93b9-f380-7600-98ff-940e6b99603c.jsonl'
)
const MULTITURN = join(
  SESSIONS,
  '2026/02/23/rollout-2026-02-23T12-40-23-019c8a4c-ed82-79a1-aa28-7738fc5ab61a.jsonl'
)
const WINDOW = join(
  SESSIONS,
  '2026/02/23/rollout-2026-02-23T12-54-34-019c8a59-e9dd-71f0-9ae3-4079fe9726a9.jsonl'
)
const INTERRUPTED = join(
  SESSIONS,
  '2026/02/23/rollout-2026-02-23T13-19-38-019c8a70-dda7-7f33-98ea-f30553347322.jsonl'
)
const NO_TOKEN_COUNT = join(
  FIXTURES,
  'archived_sessions/rollout-2025-12-28T12-18-30-019b64e5-57fa-7463-b644-fba7e456f905.jsonl'
)
const SYNTHETIC = join(
  SESSIONS,
  '2026/08/03/rollout-2026-08-03T10-48-56-019fc8be-3658-7ca3-9e29-000000000000.jsonl'
)

interface Figures {
  turns: number
  input: number
  cached: number
  output: number
  reasoning: number
  toolCalls: number
  toolErrors: number
  partialTurns: number
}

async function read(path: string) {
  const diagnostics = new Diagnostics()
  const name = path.slice(FIXTURES.length + 1)
  const group = { conversation: 'sample', files: [{ path, root: FIXTURES, name }] }
  const { records } = await codexAdapter.readGroup(group, diagnostics)
  const { turns } = await readRollout(path, new Diagnostics())
  const reasoning = turns
    .flatMap((turn) => turn.segments)
    .reduce((sum, segment) => sum + segment.reasoningOutputTokens, 0)
  return { records, diagnostics, reasoning }
}

function figures(records: LedgerRecord[], reasoning: number): Figures {
  const sum = (field: keyof LedgerRecord) =>
    records.reduce((total, record) => total + Number(record[field]), 0)
  const turns = new Set(records.map((record) => record.turn))
  const partial = new Set(
    records.filter((r) => r.tokens === 'partial').map((r) => r.turn)
  )
  return {
    turns: turns.size,
    input: sum('inputTokens'),
    cached: sum('cacheReadTokens'),
    output: sum('outputTokens'),
    reasoning,
    toolCalls: sum('toolCalls'),
    toolErrors: sum('toolErrors'),
    partialTurns: partial.size
  }
}

describe('Codex samples', () => {
  it('acidicsoil 0.58 single turn', async () => {
    const { records, diagnostics, reasoning } = await read(ACIDICSOIL)
    // By hand: the first three calls (lines 9, 16, 23) spend 10,128 + 10,334 +
    // 11,862 = 32,324 input, which is the total on line 23. The file starts with
    // the session, so the last total (line 279) is the whole spend. Exit codes 1
    // (line 235) and 2 (lines 152 and 194) are the three errors. No assistant
    // message ends the turn: the file stops mid-task.
    expect(figures(records, reasoning)).toEqual({
      turns: 1,
      input: 1_099_261,
      cached: 1_027_328,
      output: 22_305,
      reasoning: 19_520,
      toolCalls: 39,
      toolErrors: 3,
      partialTurns: 1
    })
    expect(records.map((record) => record.model)).toEqual(['gpt-5.1-codex'])
    expect(records[0]?.provider).toBe('openai')
    expect(records[0]?.startedAt).toBe('2025-11-17T21:32:46.911Z')
    expect(records[0]?.finishedAt).toBe('2025-11-17T21:38:46.709Z')
    expect(records[0]?.contextTokens).toBe(52_645)
    expect(diagnostics.problems).toEqual([])
  })

  it('localpush 0.104 multiturn', async () => {
    const { records, diagnostics, reasoning } = await read(MULTITURN)
    expect(figures(records, reasoning)).toEqual({
      turns: 5,
      input: 7_204_025,
      cached: 6_836_352,
      output: 36_075,
      reasoning: 17_896,
      toolCalls: 105,
      toolErrors: 0,
      partialTurns: 0
    })
    expect(
      records.map((r) => [r.turn, r.inputTokens, r.cacheReadTokens, r.outputTokens])
    ).toEqual([
      [1, 673_392, 600_576, 6_682],
      [2, 605_183, 547_584, 6_913],
      [3, 2_663_685, 2_600_960, 14_143],
      [4, 2_466_474, 2_320_512, 6_295],
      [5, 795_291, 766_720, 2_042]
    ])
    expect(records.map((record) => record.toolCalls)).toEqual([28, 16, 35, 20, 6])
    // Turn 1 runs from task_started (line 8) to task_complete (line 186):
    // 11:40:29.279 to 11:43:44.526 is 3 min 15.247 s.
    expect(records[0]?.startedAt).toBe('2026-02-23T11:40:29.279Z')
    expect(records[0]?.finishedAt).toBe('2026-02-23T11:43:44.526Z')
    expect(records[0]?.wallMs).toBe(195_247)
    expect(diagnostics.problems).toEqual([])
  })

  it('localpush compaction window across midnight', async () => {
    const { records, diagnostics, reasoning } = await read(WINDOW)
    // By hand from the running totals: 24,023,283 (last) - 15,785,904 (first)
    // + 150,458 (first call's own spend) = 8,387,837 input; cached 22,596,480 -
    // 15,238,912 + 148,992 = 7,506,560; output 104,965 - 54,325 + 1,214 = 51,854.
    expect(figures(records, reasoning)).toEqual({
      turns: 7,
      input: 8_387_837,
      cached: 7_506_560,
      output: 51_854,
      reasoning: 16_478,
      toolCalls: 79,
      toolErrors: 0,
      partialTurns: 0
    })
    expect(
      records.map((r) => [r.turn, r.inputTokens, r.outputTokens, r.toolCalls])
    ).toEqual([
      [1, 300_546, 1_470, 0],
      [2, 2_117_046, 13_161, 19],
      [3, 3_169_309, 17_283, 27],
      [4, 1_904_403, 13_060, 24],
      [5, 285_781, 3_498, 3],
      [6, 533_510, 2_951, 6],
      [7, 77_242, 431, 0]
    ])
    expect(diagnostics.problems).toEqual([])
  })

  it('localpush window figures per UTC day', async () => {
    const { records } = await read(WINDOW)
    const byDay = new Map<
      string,
      { turns: number; input: number; cached: number; output: number }
    >()
    for (const record of records) {
      const day = record.startedAt.slice(0, 10)
      const sums = byDay.get(day) ?? { turns: 0, input: 0, cached: 0, output: 0 }
      sums.turns += 1
      sums.input += record.inputTokens
      sums.cached += record.cacheReadTokens
      sums.output += record.outputTokens
      byDay.set(day, sums)
    }
    expect(Object.fromEntries(byDay)).toEqual({
      '2026-02-23': { turns: 2, input: 2_417_592, cached: 2_232_192, output: 14_631 },
      '2026-02-24': { turns: 5, input: 5_970_245, cached: 5_274_368, output: 37_223 }
    })
  })

  it('localpush interrupted turn', async () => {
    const { records, diagnostics, reasoning } = await read(INTERRUPTED)
    // By hand: one token_count with info (line 19) whose last usage equals its
    // total: 34,469 input, 3,456 cached, 431 output, 264 reasoning. One
    // function_call (line 18) gets no output, and no task_complete follows.
    expect(figures(records, reasoning)).toEqual({
      turns: 1,
      input: 34_469,
      cached: 3_456,
      output: 431,
      reasoning: 264,
      toolCalls: 1,
      toolErrors: 0,
      partialTurns: 1
    })
    expect(records[0]?.model).toBe('gpt-5.3-codex')
    expect(records[0]?.contextTokens).toBe(34_469)
    expect(diagnostics.problems).toEqual([])
  })

  it('simonw 0.77 file without token counts', async () => {
    const { records, diagnostics, reasoning } = await read(NO_TOKEN_COUNT)
    expect(figures(records, reasoning)).toEqual({
      turns: 1,
      input: 0,
      cached: 0,
      output: 0,
      reasoning: 0,
      toolCalls: 0,
      toolErrors: 0,
      partialTurns: 1
    })
    expect(records[0]?.model).toBe('gpt-5.2-codex')
    // From the prompt (line 5) to the last turn_context (line 11).
    expect(records[0]?.startedAt).toBe('2025-12-28T12:21:44.491Z')
    expect(records[0]?.wallMs).toBe(7_869)
    expect(diagnostics.problems).toEqual([])
  })

  it('synthetic catalog reads without crashing', async () => {
    const { records, diagnostics } = await read(SYNTHETIC)
    // By hand: lines 3, 88, 91 and 99 (world_state), 18 (thread_settings_applied)
    // and 59 (collab_agent_spawn_end) name a model and have types this version
    // does not read. Other unknown lines carry no needle and are never parsed.
    expect(diagnostics.unknownRecords).toBe(6)
    // Lines whose timestamp is "[trimmed for fixture]" are reported, not read.
    expect(diagnostics.badLines).toBeGreaterThan(0)
    expect(records.length).toBeGreaterThan(0)
    for (const record of records) {
      expect(record.inputTokens).toBeGreaterThanOrEqual(0)
      expect(record.outputTokens).toBeGreaterThanOrEqual(0)
    }
  })

  it('every sample gives valid records', async () => {
    for (const path of [
      ACIDICSOIL,
      MULTITURN,
      WINDOW,
      INTERRUPTED,
      NO_TOKEN_COUNT,
      SYNTHETIC
    ]) {
      const { records } = await read(path)
      for (const record of records) {
        expect(ledgerRecordSchema.safeParse(record).error).toBeUndefined()
        expect(record.agent).toBe('codex')
        expect(record.wallMs).toBe(
          Date.parse(record.finishedAt) - Date.parse(record.startedAt)
        )
      }
    }
  })
})
