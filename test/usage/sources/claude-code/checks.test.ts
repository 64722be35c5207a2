import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import {
  isAssistantLine,
  isUserLine
} from '../../../../electron/usage/sources/claude-code/checks'
import {
  assistantLineSchema,
  userLineSchema
} from '../../../../electron/usage/sources/claude-code/schema'
import { REPO } from '../../../support/temp'
import { assistant, toolResult, usage } from './logs'

const FIXTURES = join(REPO, 'test', 'fixtures', 'claude-code', 'projects')

function fixtureLines(): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.jsonl')) {
        for (const text of readFileSync(path, 'utf8').split('\n')) {
          try {
            const value: unknown = JSON.parse(text)
            if (typeof value === 'object' && value !== null) {
              lines.push(value as Record<string, unknown>)
            }
          } catch {
            // Bad lines of the fixtures are the schemas' business, not the checks'.
          }
        }
      }
    }
  }
  walk(FIXTURES)
  return lines
}

const JUNK: unknown[] = [
  undefined,
  null,
  '',
  'text',
  '2026-01-01T10:00:00.000Z',
  '2026-02-29T10:00:00Z',
  '2024-02-29T10:00:00Z',
  '2026-01-31T23:59:59.5+02:00',
  '2026-13-01T10:00:00Z',
  '2026-01-01 10:00:00Z',
  0,
  -0,
  7,
  -1,
  1.5,
  2 ** 53,
  true,
  false,
  [],
  [{ type: 'text' }],
  [{ type: 1 }],
  [{ type: 'tool_result', tool_use_id: 5 }],
  [{ type: 'tool_use', is_error: 'yes' }],
  {},
  { input_tokens: 1, cache_creation: { ephemeral_5m_input_tokens: -1 } },
  { input_tokens: '1' },
  { content: 'x' }
]

const FIELDS = [
  ['timestamp'],
  ['uuid'],
  ['parentUuid'],
  ['isSidechain'],
  ['isMeta'],
  ['isCompactSummary'],
  ['requestId'],
  ['isApiErrorMessage'],
  ['message'],
  ['message', 'id'],
  ['message', 'model'],
  ['message', 'content'],
  ['message', 'usage'],
  ['message', 'usage', 'output_tokens'],
  ['message', 'usage', 'cache_creation'],
  ['toolUseResult']
]

/** Returns a deep copy of `value` with the field at `path` set to `junk`. */
function withField(value: unknown, path: string[], junk: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>
  let target = copy
  for (const key of path.slice(0, -1)) {
    const next = target[key]
    if (typeof next !== 'object' || next === null) return copy
    target = next as Record<string, unknown>
  }
  target[path[path.length - 1] as string] = junk
  return copy
}

describe('Claude Code line checks', () => {
  const checks = [
    ['assistant', isAssistantLine, assistantLineSchema],
    ['user', isUserLine, userLineSchema]
  ] as const

  it('pass only lines that the schemas accept', () => {
    // Every 8th user or assistant line of the fixtures, to keep the test fast.
    const sample = fixtureLines()
      .filter((line) => line.type === 'user' || line.type === 'assistant')
      .filter((_, index) => index % 8 === 0)
    const lines = [
      ...sample,
      JSON.parse(
        assistant(1, { id: 'm', usage: usage(1, 2, 3, 4), tools: [['c', 'Bash']] })
      ),
      JSON.parse(toolResult(2, 'c', { isError: true, toolUseResult: { agentId: 'a' } }))
    ] as Record<string, unknown>[]
    let checked = 0
    for (const line of lines) {
      for (const path of FIELDS) {
        for (const junk of JUNK) {
          const value = withField(line, path, junk) as object
          for (const [kind, check, schema] of checks) {
            if (!check(value)) continue
            checked += 1
            expect(
              schema.safeParse(value).success,
              `${kind} ${JSON.stringify(value)}`
            ).toBe(true)
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000)
  })

  it('pass most valid fixture lines without zod', () => {
    const lines = fixtureLines()
    for (const [kind, check, schema] of checks) {
      const valid = lines.filter(
        (line) => line.type === kind && schema.safeParse(line).success
      )
      const passed = valid.filter((line) => check(line))
      expect(valid.length, kind).toBeGreaterThan(50)
      expect(passed.length / valid.length, kind).toBeGreaterThan(0.9)
    }
  })
})
