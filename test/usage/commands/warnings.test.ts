import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { runLowkey } from '../../support/cli'
import { copyDemoBox, hashTree, tempFolder } from '../../support/temp'

// The demo project's figures, worked out by hand from
// scripts/generate-demo-box.js (test/usage/demo-box.test.ts has more):
// - nightly-triage run k (k = 1..10) uses 21,200 + 100k tokens, 21,300 to
//   22,200; the median of those ten is (21,700 + 21,800) / 2 = 21,750. Run 11
//   uses 83,800 (planner 22,300, coder 3 * 20,500), 83,800 / 21,750 = 3.85.
// - The latest day, 2026-12-01, has 18,900 tokens (digest 3,400, release
//   notes 15,500) against a median day of 25,450 over the ten before: a quiet
//   day, so local's jump from 3,400 is not judged.
// - c-refactor-auth's context 34,000 against the planner's other conversations
//   (eleven triage runs at 12,000): 2.83 times, below 3.
// - The coder's tool errors and the partial turn fall on 11-26 and 11-30, not
//   on the latest day, and the coder has only two days of history.

let temp: ReturnType<typeof tempFolder>
let project: string
beforeEach(() => {
  temp = tempFolder()
  project = copyDemoBox(temp.path)
})
afterEach(() => temp.remove())

const lowkey = (...argv: string[]) => runLowkey(temp.path, argv)

function writeSettings(settings: Record<string, unknown>): void {
  const data = join(temp.path, 'data')
  mkdirSync(data, { recursive: true })
  writeFileSync(
    join(data, 'settings.json'),
    JSON.stringify({ version: 1, timeZone: 'UTC', projects: [], ...settings })
  )
}

describe('lowkey usage warnings on the demo project', () => {
  it('reports only the nightly-triage jump, with exit code 3', async () => {
    const run = await lowkey('usage', 'warnings', '--project', project)
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('no rollups yet')
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toEqual([
      '1 warning (days in UTC)',
      '',
      'routine-run-jump: nightly-triage',
      '  Routine nightly-triage: the latest run, nightly-triage-2026-11-30, used ' +
        '83,800 tokens, 3.85 times the median of the 10 runs before it (21,750 tokens).',
      '  value:    83,800 tokens',
      '  baseline: 21,750 tokens (median of the 10 runs before it)',
      '  ratio:    3.85',
      '  shown on: Automations, routine nightly-triage'
    ])
  })

  it('prints the same warning as JSON', async () => {
    const run = await lowkey('usage', 'warnings', '--project', project, '--json')
    expect(run.code).toBe(3)
    const output = JSON.parse(run.stdout)
    expect(output.timeZone).toBe('UTC')
    expect(output.warnings).toHaveLength(1)
    expect(output.warnings[0]).toEqual({
      kind: 'routine-run-jump',
      subject: 'nightly-triage',
      message: expect.stringContaining('83,800 tokens'),
      unit: 'tokens',
      value: 83_800,
      baseline: 21_750,
      ratio: 3.85,
      window: 'median of the 10 runs before it',
      run: 'nightly-triage-2026-11-30',
      day: null,
      link: { screen: 'automations', routine: 'nightly-triage' }
    })
  })

  it('finds the same in a zone with a half-hour offset', async () => {
    await lowkey('usage', 'rebuild', '--project', project, '--tz', 'Asia/Kolkata')
    const run = await lowkey('usage', 'warnings', '--project', project, '--json')
    expect(run.code).toBe(3)
    const output = JSON.parse(run.stdout)
    expect(output.timeZone).toBe('Asia/Kolkata')
    expect(output.warnings.map((warning: { kind: string }) => warning.kind)).toEqual([
      'routine-run-jump'
    ])
  })

  it('exits with 0 when the jump is gone', async () => {
    // Without run 11, run 10 (22,200) is 1.02 times the median of runs 1 to 9
    // (21,700), and 2026-11-30 contains only the digest.
    const sessions = join(project, '.lowkey', 'sessions')
    rmSync(join(sessions, 'triage-2026-11-30.jsonl'))
    rmSync(join(sessions, 'triage-2026-11-30-fix.jsonl'))
    const run = await lowkey('usage', 'warnings', '--project', project)
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('no warnings\n')

    const json = await lowkey('usage', 'warnings', '--project', project, '--json')
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout).warnings).toEqual([])
  })

  it('follows the thresholds in the settings file', async () => {
    // 3.85 is below a ratio of 4 for runs and for days.
    writeSettings({ warnings: { routineRuns: { ratio: 4 }, routineDays: { ratio: 4 } } })
    const run = await lowkey('usage', 'warnings', '--project', project)
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('no warnings\n')
  })

  it('falls back to the day rule when the run rule is silent', async () => {
    // One run a day: 2026-11-30 contains the 83,800 of run 11, and the ten days
    // before it contain the ten runs before it, so the median is 21,750 again.
    writeSettings({ warnings: { routineRuns: { enabled: false } } })
    const run = await lowkey('usage', 'warnings', '--project', project, '--json')
    expect(run.code).toBe(3)
    const warnings = JSON.parse(run.stdout).warnings
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      kind: 'routine-day-jump',
      subject: 'nightly-triage',
      value: 83_800,
      baseline: 21_750,
      ratio: 3.85,
      day: '2026-11-30'
    })
  })

  it('reports a quiet day once the settings judge it', async () => {
    // Local: 18,900 on 2026-12-01 against 3,400 on every day before, 5.56 times.
    writeSettings({ warnings: { providerVolume: { quietDayRatio: 0 } } })
    const run = await lowkey('usage', 'warnings', '--project', project, '--json')
    expect(run.code).toBe(3)
    const warnings = JSON.parse(run.stdout).warnings
    expect(warnings.map((warning: { subject: string }) => warning.subject)).toEqual([
      'nightly-triage',
      'local'
    ])
    expect(warnings[1]).toMatchObject({
      kind: 'provider-volume-jump',
      value: 18_900,
      baseline: 3_400,
      ratio: 5.56,
      day: '2026-12-01',
      link: { screen: 'providers', provider: 'local' }
    })
  })

  it('never changes the session logs', async () => {
    const sessions = join(project, '.lowkey', 'sessions')
    const before = hashTree(sessions)
    await lowkey('usage', 'warnings', '--project', project)
    expect(hashTree(sessions)).toEqual(before)
  })
})

describe('lowkey usage warnings failures', () => {
  it('exits with 1 under --strict when a line was skipped', async () => {
    const run = await lowkey('usage', 'warnings', '--project', project, '--strict')
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
  })

  it('names an invalid threshold in the settings', async () => {
    writeSettings({ warnings: { routineRuns: { ratio: 0.5 } } })
    const run = await lowkey('usage', 'warnings', '--project', project)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('warnings.routineRuns.ratio')
  })

  it('exits with 2 on bad arguments', async () => {
    expect((await lowkey('usage', 'warnings')).code).toBe(2)
    const both = await lowkey(
      'usage',
      'warnings',
      '--project',
      project,
      '--source',
      'codex'
    )
    expect(both.code).toBe(2)
    const unknown = await lowkey('usage', 'warnings', '--project', project, '--csv')
    expect(unknown.code).toBe(2)
  })
})
