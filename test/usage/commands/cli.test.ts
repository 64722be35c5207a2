import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { runLowkey } from '../../support/cli'
import { copyDemoBox, hashTree, tempFolder } from '../../support/temp'

let temp: ReturnType<typeof tempFolder>
let project: string
beforeEach(() => {
  temp = tempFolder()
  project = copyDemoBox(temp.path)
})
afterEach(() => temp.remove())

const lowkey = (...argv: string[]) => runLowkey(temp.path, argv)

describe('lowkey usage rebuild', () => {
  it('prints a summary and reports the bad line on stderr', async () => {
    const run = await lowkey('usage', 'rebuild', '--project', project)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('27 conversations, 45 turns, 46 records')
    expect(run.stdout).toContain('read 27 logs of 27')
    expect(run.stderr).toContain('1 bad line skipped')
    expect(run.stderr).toMatch(/c-fix-flaky-test\.jsonl:8: not valid JSON/)
  })

  it('fails under --strict when a line was skipped', async () => {
    const run = await lowkey('usage', 'rebuild', '--project', project, '--strict')
    expect(run.code).toBe(1)
  })

  it('saves --tz as the time zone for days', async () => {
    const run = await lowkey(
      'usage',
      'rebuild',
      '--project',
      project,
      '--tz',
      'Asia/Kolkata'
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('days in Asia/Kolkata')
    const settings = JSON.parse(
      readFileSync(join(temp.path, 'data', 'settings.json'), 'utf8')
    )
    expect(settings.timeZone).toBe('Asia/Kolkata')
  })

  it('never changes the session logs', async () => {
    const before = hashTree(join(project, '.lowkey', 'sessions'))
    await lowkey('usage', 'rebuild', '--project', project)
    await lowkey('usage', 'report', '--project', project, '--by', 'routine')
    expect(hashTree(join(project, '.lowkey', 'sessions'))).toEqual(before)
  })
})

describe('lowkey usage report', () => {
  it('builds missing rollups, then prints a table by provider', async () => {
    const run = await lowkey(
      'usage',
      'report',
      '--project',
      project,
      '--by',
      'provider',
      '--tz',
      'UTC'
    )
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('no rollups yet')
    const lines = run.stdout.split('\n')
    expect(lines[1]).toMatch(/^Provider\s+Turns\s+Input\s+Cache read/)
    expect(lines.find((line) => line.startsWith('anthropic'))).toMatch(
      /^anthropic\s+25\s+325,600\s+255,000\s+22,500\s+18,700\s+20m 35s\s+71\s+1\s+0$/
    )
    // 325,600 + 117,000 + 49,500 input and 18,700 + 11,950 + 6,800 output.
    expect(lines.find((line) => line.startsWith('Total'))).toMatch(
      /^Total\s+45\s+492,100\s.*\s37,450\s/
    )
  })

  it('prints clean JSON on stdout', async () => {
    const run = await lowkey(
      'usage',
      'report',
      '--project',
      project,
      '--by',
      'routine',
      '--json'
    )
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.rows.map((row: { routine: string }) => row.routine)).toEqual([
      'morning-digest',
      'nightly-triage'
    ])
    expect(report.rows[1].runs).toBe(11)
    expect(report.rows[1].recentAverageTokens).toBe(28_000)
  })

  it('answers in another zone without rewriting the rollups', async () => {
    await lowkey('usage', 'rebuild', '--project', project, '--tz', 'UTC')
    const usage = join(project, '.lowkey', 'usage')
    const before = hashTree(usage)
    const run = await lowkey(
      'usage',
      'report',
      '--project',
      project,
      '--tz',
      'America/Los_Angeles',
      '--since',
      '2026-11-24',
      '--until',
      '2026-11-24',
      '--csv'
    )
    expect(run.code).toBe(0)
    const [header, row, extra] = run.stdout.trim().split('\n')
    expect(header?.startsWith('day,turns,inputTokens,cacheReadTokens')).toBe(true)
    // Triage run 6 (20,600), the digest of the 25th (3,000) and c-refactor-auth (99,000).
    expect(row?.startsWith('2026-11-24,6,122600,')).toBe(true)
    expect(extra).toBeUndefined()
    expect(hashTree(usage)).toEqual(before)
  })

  it('rebuilds stale rollups after a log grows', async () => {
    await lowkey('usage', 'rebuild', '--project', project)
    const log = join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl')
    const record = {
      conversation: 'c-release-notes',
      turn: 3,
      agent: 'reviewer',
      provider: 'local',
      model: 'qwen2.5-coder:14b',
      startedAt: '2026-12-01T12:00:00Z',
      finishedAt: '2026-12-01T12:00:30Z',
      inputTokens: 1000,
      outputTokens: 100,
      tokens: 'full'
    }
    appendFileSync(
      log,
      JSON.stringify({ v: 1, type: 'turn.ledger', at: record.finishedAt, record }) + '\n'
    )
    const run = await lowkey(
      'usage',
      'report',
      '--project',
      project,
      '--by',
      'conversation',
      '--json'
    )
    expect(run.stderr).toContain('rollups are stale (changed log c-release-notes.jsonl)')
    const notes = JSON.parse(run.stdout).rows.find(
      (row: { conversation: string }) => row.conversation === 'c-release-notes'
    )
    expect(notes.turns).toBe(3)
    expect(notes.inputTokens).toBe(14_500) // 6,000 + 7,500 + 1,000
    expect(notes.wallMs).toBe(125_000) // 45 s + 50 s + 30 s, taken from the timestamps
  })
})

describe('lowkey usage report on rollups it cannot rebuild', () => {
  it('reports the last rollups with a warning', async () => {
    await lowkey('usage', 'rebuild', '--project', project)
    appendFileSync(
      join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl'),
      '{"v":1,"type":"message","at":"2026-12-01T12:00:00Z"}\n'
    )
    // A folder where the lock file goes: the rebuild cannot take the lock.
    mkdirSync(join(project, '.lowkey', 'usage', 'lock'))

    const run = await lowkey('usage', 'report', '--project', project, '--json')
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('lowkey: the rebuild failed (')
    expect(run.stderr).toContain('which may be out of date')
    const days = JSON.parse(run.stdout).rows as Array<{ turns: number }>
    expect(days.reduce((sum, day) => sum + day.turns, 0)).toBe(45)
  })
})

describe('bad input', () => {
  it('names a missing project folder', async () => {
    const run = await lowkey('usage', 'rebuild', '--project', join(temp.path, 'nowhere'))
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      `project folder not found: ${join(temp.path, 'nowhere')}`
    )
  })

  it('tells a folder without .lowkey/sessions from a project', async () => {
    const run = await lowkey('usage', 'rebuild', '--project', temp.path)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      'is not a Lowkey project: it has no .lowkey/sessions folder'
    )
  })

  it('tells a file from a project folder', async () => {
    const file = join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl')
    const run = await lowkey('usage', 'rebuild', '--project', file)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`${file} is not a folder: name the project folder`)
  })

  it('rejects --project with --source', async () => {
    const run = await lowkey('usage', 'report', '--project', project, '--source', 'codex')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('choose one of --project and --source, not both')
  })

  it('exits with 2 on bad arguments', async () => {
    expect((await lowkey('usage', 'report')).code).toBe(2)
    expect(
      (await lowkey('usage', 'report', '--project', project, '--by', 'week')).code
    ).toBe(2)
    const zone = await lowkey(
      'usage',
      'report',
      '--project',
      project,
      '--tz',
      'Mars/Base'
    )
    expect(zone.code).toBe(2)
    expect(zone.stderr).toContain('unknown time zone "Mars/Base"')
    const date = await lowkey(
      'usage',
      'report',
      '--project',
      project,
      '--since',
      '2026-13-01'
    )
    expect(date.code).toBe(2)
    expect(date.stderr).toContain('--since "2026-13-01" is not a date: use YYYY-MM-DD')
  })

  it('counts an empty log and a wrong field type, keeping good lines', async () => {
    const sessions = join(project, '.lowkey', 'sessions')
    writeFileSync(join(sessions, 'empty.jsonl'), '')
    const record = {
      conversation: 'typed',
      turn: 1,
      agent: 'a',
      provider: 'p',
      startedAt: '2026-12-01T00:00:00Z',
      finishedAt: '2026-12-01T00:00:01Z',
      inputTokens: 10,
      outputTokens: 5,
      tokens: 'full'
    }
    const good = JSON.stringify({
      v: 1,
      type: 'turn.ledger',
      at: record.finishedAt,
      record
    })
    const wrong = JSON.stringify({
      v: 1,
      type: 'turn.ledger',
      at: record.finishedAt,
      record: { ...record, turn: 2, inputTokens: '12' }
    })
    writeFileSync(
      join(sessions, 'typed.jsonl'),
      `${wrong}\n${good}\n{"v":1,"type":"turn.led`
    )
    const run = await lowkey('usage', 'rebuild', '--project', project)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('28 conversations, 46 turns')
    expect(run.stderr).toContain('2 bad lines skipped')
    expect(run.stderr).toMatch(
      /typed\.jsonl:1: invalid turn\.ledger: record\.inputTokens: Invalid input: expected number, received string/
    )
    expect(run.stderr).toMatch(/typed\.jsonl: last line is still being written/)
    expect(run.stderr).toMatch(/empty\.jsonl: empty log/)
  })
})

describe('lowkey demo', () => {
  it('reports on a copy of the example project in the data folder', async () => {
    const run = await lowkey('demo')
    expect(run.code).toBe(0)
    expect(run.stderr).toContain(
      `demo project copied to ${join(temp.path, 'data', 'demo-box')}`
    )
    expect(run.stdout.split('\n').find((line) => line.startsWith('Total'))).toMatch(
      /^Total\s+45\s+492,100\s/
    )
  })
})

describe('lowkey usage rebuild, again', () => {
  it('rereads only changed logs unless --full', async () => {
    const temp2 = tempFolder()
    try {
      const project2 = copyDemoBox(temp2.path)
      const again = (...argv: string[]) => runLowkey(temp2.path, argv)
      await again('usage', 'rebuild', '--project', project2)
      appendFileSync(join(project2, '.lowkey', 'sessions', 'c-release-notes.jsonl'), '\n')
      const second = await again('usage', 'rebuild', '--project', project2)
      expect(second.stdout).toContain('read 1 log of 27')
      expect(second.stderr).toContain('1 bad line skipped')
      const full = await again('usage', 'rebuild', '--project', project2, '--full')
      expect(full.stdout).toContain('read 27 logs of 27')
    } finally {
      temp2.remove()
    }
  })
})

describe('text from logs', () => {
  it('cannot drive the terminal or a spreadsheet', async () => {
    const sessions = join(project, '.lowkey', 'sessions')
    const opened = {
      v: 1,
      type: 'conversation.opened',
      at: '2026-12-01T00:00:00Z',
      title: '=HYPERLINK("x")\u001b]0;pwned\u0007'
    }
    const record = {
      conversation: 'evil',
      turn: 1,
      agent: 'a\u001b[31mRED',
      provider: 'p',
      startedAt: '2026-12-01T00:00:00Z',
      finishedAt: '2026-12-01T00:00:01Z',
      inputTokens: 10,
      outputTokens: 5,
      tokens: 'full'
    }
    writeFileSync(
      join(sessions, 'evil.jsonl'),
      JSON.stringify(opened) +
        '\n' +
        JSON.stringify({ v: 1, type: 'turn.ledger', at: record.finishedAt, record }) +
        '\n'
    )
    const table = await lowkey('usage', 'report', '--project', project, '--by', 'agent')
    expect(table.stdout).not.toContain('\u001b')
    expect(table.stdout).toContain('a\ufffd[31mRED')
    const csv = await lowkey(
      'usage',
      'report',
      '--project',
      project,
      '--by',
      'conversation',
      '--csv'
    )
    expect(csv.stdout).toContain('"\'=HYPERLINK(""x"")')
  })
})

describe('problems of reused logs', () => {
  it('counts the same hidden problems on every build', async () => {
    const sessions = join(project, '.lowkey', 'sessions')
    writeFileSync(join(sessions, 'noisy.jsonl'), 'garbage\n'.repeat(33))
    const first = await lowkey('usage', 'rebuild', '--project', project)
    const second = await lowkey('usage', 'rebuild', '--project', project)
    // 33 stray lines and the demo's cut-off line; ten are listed.
    expect(first.stderr).toContain('34 bad lines skipped')
    expect(first.stderr).toContain('and 24 more')
    expect(second.stderr).toContain('34 bad lines skipped')
    expect(second.stderr).toContain('and 24 more')
  })
})
