import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

import { beforeAll, describe, expect, it } from 'vitest'

import { ledgerRecordSchema } from '../../../../shared/ledger'
import type { LedgerRecord } from '../../../../shared/ledger'
import { Diagnostics } from '../../../../electron/usage/diagnostics'
import { claudeCodeAdapter } from '../../../../electron/usage/sources/claude-code/index'
import { REPO, hashTree } from '../../../support/temp'

const FIXTURES = join(REPO, 'test', 'fixtures', 'claude-code', 'projects')
const COUNTER = join(REPO, 'test', 'support', 'count-claude-code.mjs')

/** input, cache read, cache write, output, tool calls, tool errors */
type Figures = [number, number, number, number, number, number]

interface Expected {
  turns: number[]
  /** Records of cut-off turns, as "turn agent|model". */
  partial: string[]
  byAgentModel: Record<string, Figures>
}

/**
 * Expected figures of the real sample sessions (main log plus subagent logs).
 * They come from test/support/count-claude-code.mjs, which shares no code with
 * the adapter, and three sessions are worked out by hand below.
 */
const EXPECTED: Record<string, Expected> = {
  // Compaction window: no prompt in the file, so all is turn 1. The last Read
  // call has no result (the window was cut there), so the turn is partial.
  '258c7280-ae70-4798-800f-63464d01a85d': {
    turns: [1],
    partial: ['1 claude-code|claude-opus-4-6', '1 claude-code:compact|claude-opus-4-6'],
    byAgentModel: {
      'claude-code|claude-opus-4-6': [2405124, 2378670, 26429, 3947, 28, 0],
      'claude-code:compact|claude-opus-4-6': [169248, 166758, 2487, 6, 0, 0]
    }
  },
  // By hand: one response u8pYiiQa on lines 5-10, input 3 + cache write 13835
  // + cache read 11515 = 25353, output the maximum of 13 on every line.
  // Bash and Glob both fail (2 calls, 2 errors); the user interrupted the turn.
  '55604662-cf2a-4331-851a-ec234028f8ca': {
    turns: [1],
    partial: ['1 claude-code|claude-opus-4-6'],
    byAgentModel: { 'claude-code|claude-opus-4-6': [25353, 11515, 13835, 13, 2, 2] }
  },
  // By hand: the 2.0 warmup log alone, 3811 uncached input and 247 output.
  '58edcfae-5291-436c-91e4-54fbb188a0ca': {
    turns: [1],
    partial: [],
    byAgentModel: {
      'claude-code:subagent|claude-haiku-4-5-20251001': [3811, 0, 0, 247, 0, 0]
    }
  },
  // By hand, main thread, 10 responses (uncached, cache write, cache read, output):
  //   4+7+8+8+6+6+7+6+6+6 = 64 uncached;
  //   cache write 18764+255+422+901+737+228+265+1317+2959+226 = 26074;
  //   cache read 0+18764+19019+19441+20342+21079+21307+21572+22889+25848 = 190261;
  //   input 64+26074+190261 = 216399; output 263+302+625+207+24+1+67+26+184+304 = 2003.
  //   13 tool calls; Task HGQife (no prompt) and Edit DkYwvc fail.
  // Inline general-purpose subagents, 10 responses:
  //   uncached 65, cache write 21673, cache read 133998, input 155736;
  //   output 107+70+308+179+86+102+92+70+92+520 = 1626; 8 calls, Bash d3p6jV fails.
  '5c0375b4-57a5-4f26-b12d-d022ee4e51b7': {
    turns: [1],
    partial: [],
    byAgentModel: {
      'claude-code|claude-sonnet-4-20250514': [216399, 190261, 26074, 2003, 13, 2],
      'claude-code:general-purpose|claude-sonnet-4-20250514': [
        155736, 133998, 21673, 1626, 8, 1
      ]
    }
  },
  '937c6e6b-27e7-4edd-86f1-ad28f9731841': {
    turns: [1, 2],
    partial: [],
    byAgentModel: {
      'claude-code|claude-sonnet-4-20250514': [876735, 836558, 40058, 1873, 26, 3]
    }
  },
  // The file ends in an Edit call without its result, so the turn is partial.
  'ae4a77f8-aedd-4bc1-888f-c94edc91af04': {
    turns: [1],
    partial: [
      '1 claude-code|claude-haiku-4-5-20251001',
      '1 claude-code|claude-opus-4-6',
      '1 claude-code:general-purpose|claude-sonnet-4-5-20250929'
    ],
    byAgentModel: {
      'claude-code|claude-opus-4-6': [143352, 128728, 14617, 639, 12, 0],
      'claude-code|claude-haiku-4-5-20251001': [159319, 118694, 40601, 1379, 5, 0],
      'claude-code:general-purpose|claude-sonnet-4-5-20250929': [
        50496, 29274, 18814, 7, 12, 0
      ]
    }
  },
  'b25638d7-b104-4f06-a797-70ac33d069ed': {
    turns: [1],
    partial: [],
    byAgentModel: {
      'claude-code|claude-opus-4-1-20250805': [155548, 146034, 9489, 560, 8, 0],
      'claude-code|claude-sonnet-4-20250514': [239415, 225234, 14142, 199, 9, 1]
    }
  },
  'ef958aa1-0e93-49f0-bb71-150f63befcd1': {
    turns: [1, 2],
    partial: [],
    byAgentModel: {
      'claude-code|claude-opus-4-7': [832157, 728660, 102189, 22901, 40, 0],
      'claude-code:general-purpose|claude-opus-4-7': [394842, 360852, 33267, 8156, 17, 2]
    }
  },
  'fe869ecb-c176-478f-9734-7e4b8ef12cff': {
    turns: [1, 2],
    partial: [],
    byAgentModel: {
      'claude-code|claude-sonnet-4-20250514': [778467, 705497, 72790, 2169, 23, 4]
    }
  }
}

const SYNTHETIC = 'ses_stage0_small'

/** One session as the counter script prints it. */
interface CounterSession {
  turns: number
  byAgentModel: Record<
    string,
    Record<'input' | 'cacheRead' | 'cacheWrite' | 'output', number> & {
      toolCalls: number
      toolErrors: number
    }
  >
}

function figuresByAgentModel(records: LedgerRecord[]): Record<string, Figures> {
  const totals: Record<string, Figures> = {}
  for (const record of records) {
    const key = `${record.agent}|${record.model}`
    const row = totals[key] ?? [0, 0, 0, 0, 0, 0]
    row[0] += record.inputTokens
    row[1] += record.cacheReadTokens
    row[2] += record.cacheWriteTokens
    row[3] += record.outputTokens
    row[4] += record.toolCalls
    row[5] += record.toolErrors
    totals[key] = row
  }
  return totals
}

describe('Claude Code sample sessions', () => {
  const bySession = new Map<string, LedgerRecord[]>()
  const diagnosticsBySession = new Map<string, Diagnostics>()
  let hashesBefore: Record<string, string>

  beforeAll(async () => {
    hashesBefore = hashTree(FIXTURES)
    const groups = await claudeCodeAdapter.discover([FIXTURES], new Diagnostics())
    for (const group of groups) {
      const diagnostics = new Diagnostics()
      const result = await claudeCodeAdapter.readGroup(group, diagnostics)
      bySession.set(group.conversation, result.records)
      diagnosticsBySession.set(group.conversation, diagnostics)
    }
  })

  it('reads every sample session', () => {
    expect([...bySession.keys()]).toEqual([...Object.keys(EXPECTED), SYNTHETIC].sort())
  })

  describe.each(Object.entries(EXPECTED))('session %s', (session, expected) => {
    const records = (): LedgerRecord[] => bySession.get(session) ?? []

    it('matches the expected figures', () => {
      expect(figuresByAgentModel(records())).toEqual(expected.byAgentModel)
    })

    it('has the expected turns', () => {
      expect([...new Set(records().map((record) => record.turn))]).toEqual(expected.turns)
    })

    it('marks only cut-off turns partial', () => {
      const partial = records()
        .filter((record) => record.tokens === 'partial')
        .map((record) => `${record.turn} ${record.agent}|${record.model}`)
      expect(partial).toEqual(expected.partial)
    })

    it('yields valid ledger records', () => {
      for (const record of records()) {
        expect(ledgerRecordSchema.safeParse(record).error).toBeUndefined()
        expect(record.conversation).toBe(session)
        expect(record.wallMs).toBe(
          Date.parse(record.finishedAt) - Date.parse(record.startedAt)
        )
      }
    })

    it('reads without problems', () => {
      expect(diagnosticsBySession.get(session)?.problems).toEqual([])
      expect(diagnosticsBySession.get(session)?.unknownRecords).toBe(0)
    })
  })

  it('starts turns at their prompts', () => {
    const records = bySession.get('ef958aa1-0e93-49f0-bb71-150f63befcd1') ?? []
    const main = records.filter((record) => record.agent === 'claude-code')
    expect(main.map((record) => [record.startedAt, record.finishedAt])).toEqual([
      ['2026-04-18T13:18:42.368Z', '2026-04-18T13:34:49.649Z'],
      ['2026-04-18T13:45:02.540Z', '2026-04-18T13:50:40.622Z']
    ])
    const subagent = records.find((record) => record.agent !== 'claude-code')
    expect([subagent?.startedAt, subagent?.finishedAt]).toEqual([
      '2026-04-18T13:20:58.485Z',
      '2026-04-18T13:28:25.417Z'
    ])
  })

  it('survives the synthetic record catalogue', () => {
    const diagnostics = diagnosticsBySession.get(SYNTHETIC)
    // system session_start and model_refusal_fallback; unknown types such as
    // frame-link carry no needle and are never parsed.
    expect(diagnostics?.unknownRecords).toBe(2)
    // Lines whose timestamp is "[trimmed for fixture]".
    expect(diagnostics?.badLines).toBe(11)
    for (const record of bySession.get(SYNTHETIC) ?? []) {
      expect(ledgerRecordSchema.safeParse(record).error).toBeUndefined()
    }
  })

  it('agrees with the independent counter', () => {
    const output = execFileSync(process.execPath, [COUNTER, FIXTURES], {
      encoding: 'utf8'
    })
    const counted = JSON.parse(output) as Record<string, CounterSession>
    for (const [session, expected] of Object.entries(EXPECTED)) {
      const rows = Object.fromEntries(
        Object.entries(counted[session]?.byAgentModel ?? {}).map(([key, row]) => [
          key,
          [
            row.input,
            row.cacheRead,
            row.cacheWrite,
            row.output,
            row.toolCalls,
            row.toolErrors
          ]
        ])
      )
      expect(rows, session).toEqual(expected.byAgentModel)
      expect(counted[session]?.turns, session).toBe(expected.turns.length)
    }
  })

  it('leaves the logs unchanged', () => {
    expect(hashTree(FIXTURES)).toEqual(hashesBefore)
  })
})
