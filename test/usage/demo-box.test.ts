import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { DayRollup, NamedRollup, RoutineRollup } from '../../shared/rollups'
import { rebuild } from '../../electron/usage/build'
import { lowkeyAdapter } from '../../electron/usage/sources/lowkey'
import { projectTarget } from '../../electron/usage/targets'
import { copyDemoBox, hashTree, tempFolder } from '../support/temp'

// Every expected figure below is worked out by hand from the tables in
// scripts/generate-demo-box.js, with the arithmetic beside it.

let temp: ReturnType<typeof tempFolder>
let project: string
beforeEach(() => {
  temp = tempFolder()
  project = copyDemoBox(temp.path)
})
afterEach(() => temp.remove())

async function build(timeZone = 'UTC') {
  const target = await projectTarget(project)
  const summary = await rebuild(target, lowkeyAdapter, { timeZone, appVersion: 'test' })
  const read = <T>(name: string): T =>
    JSON.parse(readFileSync(join(summary.setFolder, name), 'utf8')) as T
  return { summary, read }
}

const byName = (rows: NamedRollup[], name: string) =>
  rows.find((row) => row.name === name)

describe('demo project rollups', () => {
  it('counts conversations, turns and the malformed line', async () => {
    const { summary } = await build()
    // 11 triage + 1 handoff + 12 digest + 3 interactive conversations.
    expect(summary.manifest.counts.conversations).toBe(27)
    // 22 triage + 3 handoff + 12 digest + 3 + 3 + 2 interactive turns.
    expect(summary.manifest.counts.turns).toBe(45)
    // One more record than turns: the researcher shares turn 2 of c-refactor-auth.
    expect(summary.manifest.counts.records).toBe(46)
    expect(summary.manifest.counts.badLines).toBe(1)
    expect(summary.diagnostics.problems[0]).toMatchObject({
      file: expect.stringContaining('c-fix-flaky-test.jsonl'),
      line: 8
    })
  })

  it('totals each provider', async () => {
    const { read } = await build()
    const providers = read<NamedRollup[]>('providers.json')
    expect(providers.map((p) => p.name)).toEqual(['anthropic', 'local', 'openai'])

    const anthropic = byName(providers, 'anthropic')
    // Triage planner: sum(8000 + 100k, k=1..11) + 11 * 12000 = 94,600 + 132,000;
    // refactor: 25,000 + 31,000 + 34,000 planner and 9,000 researcher.
    expect(anthropic?.inputTokens).toBe(325_600)
    expect(anthropic?.cacheReadTokens).toBe(255_000) // 11 * 16,000 + 79,000
    expect(anthropic?.cacheWriteTokens).toBe(22_500) // 11 * 1,500 + 6,000
    expect(anthropic?.cacheWrite1hTokens).toBe(1_000)
    expect(anthropic?.outputTokens).toBe(18_700) // 11 * 1,200 + 4,900 + 600
    expect(anthropic?.turns).toBe(25)
    expect(anthropic?.records).toBe(26)
    expect(anthropic?.toolCalls).toBe(71) // 11 * 5 + 12 + 4
    expect(anthropic?.toolErrors).toBe(1)
    // 11 * 90 s, then 95 s, the longer of 120 s and 60 s, and 30 s.
    expect(anthropic?.wallMs).toBe(1_235_000)

    const openai = byName(providers, 'openai')
    expect(openai?.inputTokens).toBe(117_000) // 3 * 18,000 + 63,000
    expect(openai?.outputTokens).toBe(11_950) // 3 * 2,500 + 4,450
    expect(openai?.cacheReadTokens).toBe(85_000) // 3 * 12,000 + 49,000
    expect(openai?.toolErrors).toBe(4)
    expect(openai?.partialTurns).toBe(1)
    expect(openai?.wallMs).toBe(780_000)

    const local = byName(providers, 'local')
    expect(local?.inputTokens).toBe(49_500) // 12 * 3,000 + 6,000 + 7,500
    expect(local?.outputTokens).toBe(6_800) // 12 * 400 + 900 + 1,100
    expect(local?.turns).toBe(14)
  })

  it('rolls routines up by run with a recent average', async () => {
    const { read } = await build()
    const routines = read<RoutineRollup[]>('routines.json')
    const triage = routines.find((r) => r.routine === 'nightly-triage')
    expect(triage?.runs).toHaveLength(11)

    const last = triage?.runs.at(-1)
    // Planner 8,000 + 1,100 + 12,000 in, 1,200 out; coder 3 * (18,000 + 2,500).
    expect((last?.inputTokens ?? 0) + (last?.outputTokens ?? 0)).toBe(83_800)
    expect(last?.conversations).toEqual(['triage-2026-11-30', 'triage-2026-11-30-fix'])
    expect(Object.keys(last?.byAgent ?? {})).toEqual(['coder', 'planner'])

    // Runs 2..11: 9 * 21,200 + 100 * (2 + ... + 10) + 83,800 = 280,000 over 10.
    expect(triage?.recentAverage).toMatchObject({ runs: 10, tokens: 28_000 })

    const digest = routines.find((r) => r.routine === 'morning-digest')
    expect(digest?.runs).toHaveLength(12)
    expect(digest?.recentAverage).toMatchObject({ runs: 10, tokens: 3_400 })
  })

  it('buckets days in the time zone given', async () => {
    const utc = (await build('UTC')).read<DayRollup[]>('days.json')
    const day = utc.find((d) => d.day === '2026-11-24')
    // Triage run 5 (20,500 in), the digest (3,000) and c-refactor-auth (99,000).
    expect(day?.inputTokens).toBe(122_500)
    expect(day?.outputTokens).toBe(7_100)
    expect(day?.turns).toBe(6)
    expect(Object.keys(day?.byProvider ?? {})).toEqual(['anthropic', 'local'])

    // In Los Angeles (UTC-8) 24 November holds triage run 6 (02:00Z on the 25th).
    const la = (await build('America/Los_Angeles')).read<DayRollup[]>('days.json')
    expect(la.find((d) => d.day === '2026-11-24')?.inputTokens).toBe(122_600)
    expect(la[0]?.day).toBe('2026-11-19')
  })

  it('never changes the session logs', async () => {
    const sessions = join(project, '.lowkey', 'sessions')
    const before = hashTree(sessions)
    await build()
    await build()
    expect(hashTree(sessions)).toEqual(before)
  })

  it('writes byte-identical rollups on every build', async () => {
    const first = await build()
    const firstFiles = hashTree(first.summary.setFolder)
    const second = await build()
    const secondFiles = hashTree(second.summary.setFolder)
    delete firstFiles['manifest.json']
    delete secondFiles['manifest.json']
    expect(Object.keys(firstFiles)).toHaveLength(6)
    expect(secondFiles).toEqual(firstFiles)
  })
})
