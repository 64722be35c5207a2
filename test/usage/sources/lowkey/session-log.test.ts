import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { Diagnostics } from '../../../../electron/usage/diagnostics'
import { lowkeyAdapter } from '../../../../electron/usage/sources/lowkey'
import { sessionLogJsonSchema } from '../../../../electron/usage/sources/lowkey/json-schema'
import { DEMO_BOX, REPO, tempFolder } from '../../../support/temp'

const SCHEMA_FILE = join(REPO, 'docs', 'session-log.schema.json')

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats.default(ajv)
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')))
}

describe('session log JSON Schema', () => {
  it('matches the schemas the reader uses', () => {
    // Rerun scripts/write-session-log-schema.js when this fails.
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(sessionLogJsonSchema())
  })

  it('accepts every whole line of the demo project', () => {
    const validate = validator()
    const sessions = join(DEMO_BOX, '.lowkey', 'sessions')
    let checked = 0
    for (const name of readdirSync(sessions)) {
      for (const line of readFileSync(join(sessions, name), 'utf8').split('\n')) {
        if (!line || (name === 'c-fix-flaky-test.jsonl' && !line.endsWith('}'))) continue
        const valid = validate(JSON.parse(line))
        expect(validate.errors ?? [], `${name}: ${line}`).toEqual([])
        expect(valid).toBe(true)
        checked += 1
      }
    }
    // 27 opened events, 46 records, two messages per turn (45 turns).
    expect(checked).toBe(27 + 46 + 90)
  })

  it('rejects a record without its required fields', () => {
    const validate = validator()
    const event = {
      v: 1,
      type: 'turn.ledger',
      at: '2026-12-01T00:00:00Z',
      record: { turn: 1 }
    }
    expect(validate(event)).toBe(false)
  })
})

describe('lowkey adapter', () => {
  let temp: ReturnType<typeof tempFolder>
  let sessions: string
  beforeEach(() => {
    temp = tempFolder()
    sessions = join(temp.path, '.lowkey', 'sessions')
    mkdirSync(sessions, { recursive: true })
  })
  afterEach(() => temp.remove())

  const record = {
    conversation: 'c1',
    turn: 1,
    agent: 'planner',
    provider: 'anthropic',
    startedAt: '2026-12-01T10:00:00+01:00',
    finishedAt: '2026-12-01T10:00:30+01:00',
    inputTokens: 100,
    outputTokens: 10,
    tokens: 'full'
  }
  const ledger = (fields: object) =>
    JSON.stringify({
      v: 1,
      type: 'turn.ledger',
      at: '2026-12-01T09:00:30Z',
      record: { ...record, ...fields }
    })

  async function read(lines: string[]) {
    writeFileSync(join(sessions, 'c1.jsonl'), lines.join('\n') + '\n')
    const diagnostics = new Diagnostics()
    const [group] = await lowkeyAdapter.discover([sessions], diagnostics)
    if (!group) throw new Error('no group discovered')
    const result = await lowkeyAdapter.readGroup(group, diagnostics)
    return { records: result.records, title: result.title, diagnostics }
  }

  it('fills documented defaults and takes routine and run from the opening event', async () => {
    const opened = JSON.stringify({
      v: 1,
      type: 'conversation.opened',
      at: '2026-12-01T09:00:00Z',
      title: 'Nightly',
      routine: 'nightly',
      run: 'run-7'
    })
    const { records, title } = await read([opened, ledger({})])
    expect(title).toBe('Nightly')
    expect(records).toEqual([
      expect.objectContaining({
        model: null,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        contextTokens: 0,
        toolCalls: 0,
        toolErrors: 0,
        wallMs: 30_000,
        routine: 'nightly',
        run: 'run-7',
        startedAt: '2026-12-01T09:00:00.000Z'
      })
    ])
  })

  it('skips unknown event types and fields, keeping going', async () => {
    const unknown = JSON.stringify({
      v: 1,
      type: 'tool.call',
      at: '2026-12-01T09:00:10Z',
      tool: 'x'
    })
    const { records, diagnostics } = await read([unknown, ledger({ surprise: true })])
    expect(records).toHaveLength(1)
    expect(diagnostics.problems).toEqual([])
  })

  it('lets a later record of the same turn, agent and model replace an earlier one', async () => {
    const { records } = await read([
      ledger({ outputTokens: 5 }),
      ledger({ outputTokens: 12 })
    ])
    expect(records.map((r) => r.outputTokens)).toEqual([12])
  })

  it('reports lines it cannot use, with the reason', async () => {
    const { records, diagnostics } = await read([
      JSON.stringify({ v: 2, type: 'turn.ledger', at: '2026-12-01T09:00:30Z', record }),
      ledger({ conversation: 'other' }),
      ledger({ cacheReadTokens: 500 }),
      JSON.stringify({ type: 'turn.ledger', record }),
      ledger({ turn: 2 })
    ])
    expect(records.map((r) => r.turn)).toEqual([2])
    expect(diagnostics.problems.map((p) => [p.line, p.message])).toEqual([
      [1, 'written in format version 2, newer than 1: update Lowkey Usage to read it'],
      [2, 'record of conversation "other" in the log of "c1"'],
      [
        3,
        'invalid turn.ledger: record.cacheReadTokens: cache reads and writes exceed ' +
          'inputTokens, which includes them'
      ],
      [
        4,
        'not a session event: v: Invalid input: expected number, received undefined; at: Invalid input: expected string, received undefined'
      ]
    ])
  })
})

describe('lines of other event types', () => {
  it('reports stray and cut-off lines without parsing the others', async () => {
    const temp = tempFolder()
    try {
      const sessions = join(temp.path, '.lowkey', 'sessions')
      mkdirSync(sessions, { recursive: true })
      const opened = JSON.stringify({
        v: 1,
        type: 'conversation.opened',
        at: '2026-12-01T09:00:00Z',
        title: 'With a BOM'
      })
      const lines = [
        '\ufeff' + opened,
        'hello world',
        'null',
        '42',
        '[1,2]',
        '{"v":1,"type":"message.user","at":"2026-12-01T09:00:01Z","text":"cut',
        '  {"v":1,"type":"message.agent","at":"2026-12-01T09:00:02Z"}  '
      ]
      writeFileSync(join(sessions, 'c1.jsonl'), lines.join('\n') + '\n')
      const diagnostics = new Diagnostics()
      const [group] = await lowkeyAdapter.discover([sessions], diagnostics)
      if (!group) throw new Error('no group discovered')
      const result = await lowkeyAdapter.readGroup(group, diagnostics)
      expect(result.title).toBe('With a BOM')
      expect(diagnostics.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6])
      expect(diagnostics.problems[0]?.message).toBe(
        'not a JSON object (a cut-off or stray line)'
      )
      expect(diagnostics.badLines).toBe(5)
    } finally {
      temp.remove()
    }
  })
})
