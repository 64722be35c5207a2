import { describe, expect, it } from 'vitest'

import { JsonProjector } from '../../../electron/usage/reader/projection'
import type { Projection } from '../../../electron/usage/reader/projection'

/** What the projector should return: the parsed value with unnamed members removed. */
function reference(value: unknown, projection: Projection): unknown {
  if (Array.isArray(value)) return value.map((item) => reference(item, projection))
  if (typeof value !== 'object' || value === null) return value
  const kept: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) {
    const rule = projection[key]
    if (rule === undefined) continue
    kept[key] = rule === true ? member : reference(member, rule)
  }
  return kept
}

function project(text: string, projection: Projection): unknown {
  const bytes = Buffer.from(`garbage before\n${text}\nafter`)
  const start = bytes.indexOf('\n') + 1
  const end = bytes.lastIndexOf('\n')
  return new JsonProjector(projection).parse(bytes, start, end)
}

const FIELDS: Projection = {
  id: true,
  kind: true,
  note: true,
  body: { id: true, items: { id: true, flag: true }, whole: true },
  whole: true
}

/** A seeded generator, so a failure can be replayed. */
function randomSource(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

const KEYS = [
  'id',
  'kind',
  'note',
  'body',
  'items',
  'flag',
  'whole',
  'other',
  'text',
  'é'
]
const PIECES = [
  'a',
  'quote "',
  'back \\',
  '\\"',
  '\n',
  '\t',
  'é',
  '€',
  '😀',
  '{',
  ']',
  ',',
  ':'
]

function randomString(random: () => number): string {
  const long = random() < 0.3
  const count = long ? 20 + Math.floor(random() * 400) : Math.floor(random() * 6)
  let text = ''
  for (let index = 0; index < count; index += 1) {
    text += PIECES[Math.floor(random() * PIECES.length)]
  }
  return text
}

function randomValue(random: () => number, depth: number): unknown {
  const draw = random()
  if (depth > 4 || draw < 0.35) {
    const scalar = random()
    if (scalar < 0.4) return randomString(random)
    if (scalar < 0.7) return Math.round((random() - 0.5) * 1e6) / 100
    if (scalar < 0.8) return true
    if (scalar < 0.9) return false
    return null
  }
  if (draw < 0.6) {
    return Array.from({ length: Math.floor(random() * 4) }, () =>
      randomValue(random, depth + 1)
    )
  }
  const value: Record<string, unknown> = {}
  const members = Math.floor(random() * 6)
  for (let index = 0; index < members; index += 1) {
    value[KEYS[Math.floor(random() * KEYS.length)] as string] = randomValue(
      random,
      depth + 1
    )
  }
  return value
}

describe('JsonProjector', () => {
  it('keeps only the named members, nested and in arrays', () => {
    const line = JSON.stringify({
      id: 'a1',
      cwd: '/home/user/project',
      body: {
        id: 7,
        items: [{ id: 'x', flag: true, output: 'long' }, 'plain', [{ id: 'y' }]],
        skipped: { deep: [1, 2, { id: 'not kept' }] }
      }
    })
    expect(project(line, FIELDS)).toEqual({
      id: 'a1',
      body: { id: 7, items: [{ id: 'x', flag: true }, 'plain', [{ id: 'y' }]] }
    })
  })

  it('keeps a member marked true whole', () => {
    const line = '{"whole":{"any":[1,{"thing":"x"}]},"other":1}'
    expect(project(line, FIELDS)).toEqual({ whole: { any: [1, { thing: 'x' }] } })
  })

  it('steps over escaped quotes and backslashes in long strings', () => {
    const output = `${'say \\"hi\\" '.repeat(40)}ends with a backslash \\\\`
    const line = `{"other":"${output}","id":"after","note":"${output}"}`
    expect(project(line, FIELDS)).toEqual(JSON.parse(`{"id":"after","note":"${output}"}`))
  })

  it('keeps unicode escapes and multibyte characters', () => {
    const line =
      '{"note":"caf\\u00e9 \\ud83d\\ude00 €","other":"\\u0022 \\\\u0022","id":"ü"}'
    expect(project(line, FIELDS)).toEqual({ note: 'café 😀 €', id: 'ü' })
  })

  it('allows whitespace between tokens', () => {
    const line = ' { "id" : "a" , "body" : { "items" : [ { "flag" : false } ] } } '
    expect(project(line, FIELDS)).toEqual({ id: 'a', body: { items: [{ flag: false }] } })
  })

  it('returns undefined for what it cannot step through', () => {
    const cases = [
      '{"id":"a"',
      '{"id":"a}',
      '{"id":"a"} trailing',
      '[{"id":"a"}]',
      '"id"',
      'not json',
      '{"other":[1,2}',
      '{"other":{"a":1]}',
      '{"id":}',
      '{"id" "a"}',
      // The key stands for "id", which its bytes do not show.
      '{"\\u0069d":"a"}',
      `{"other":${'['.repeat(300)}${']'.repeat(300)}}`
    ]
    for (const line of cases) expect(project(line, FIELDS), line).toBeUndefined()
  })

  it('reads nothing past the end of the range', () => {
    const projector = new JsonProjector(FIELDS)
    const cases: Array<[string, number]> = [
      ['{"id":1}', 1],
      ['{"id":1.5}', 3],
      ['{"id":1e5}', 3],
      ['{"id":[1]}', 2],
      ['{"id":"a"}', 2],
      ['{"id":true}', 2],
      ['{"other":"a"}', 3],
      ['{"id":1,"note":2}', 2]
    ]
    for (const [text, cut] of cases) {
      const bytes = Buffer.from(text)
      expect(projector.parse(bytes, 0, bytes.length - cut), text).toBeUndefined()
    }
  })

  it('leaves syntax inside left-out values unchecked', () => {
    expect(project('{"other":[tru, nul],"id":1}', FIELDS)).toEqual({ id: 1 })
  })

  it('reports a syntax error in a kept value as undefined', () => {
    expect(project('{"id":tru}', FIELDS)).toBeUndefined()
    expect(project('{"whole":[1,,2]}', FIELDS)).toBeUndefined()
  })

  it('reads numbers and literals as JSON.parse does', () => {
    const good = [
      '0',
      '-0',
      '7',
      '-12',
      '3.25',
      '1e5',
      '1E-2',
      '-0.5e+3',
      '123456789012345678901'
    ]
    for (const number of good) {
      expect(project(`{"id":${number}}`, FIELDS), number).toEqual({
        id: JSON.parse(number)
      })
    }
    expect(project('{"id":true,"kind":false,"note":null}', FIELDS)).toEqual({
      id: true,
      kind: false,
      note: null
    })
  })

  it('rejects kept values that JSON.parse rejects', () => {
    const bad = [
      '01',
      '1.',
      '.5',
      '-',
      '1e',
      '+1',
      '1x',
      'truex',
      'nul',
      'True',
      '"a\\x"'
    ]
    for (const value of bad) {
      expect(project(`{"id":${value}}`, FIELDS), value).toBeUndefined()
    }
    expect(project('{"id":"tab\\there"}', FIELDS)).toEqual({ id: 'tab\there' })
    expect(project('{"id":"tab\there"}', FIELDS)).toBeUndefined()
    expect(
      project(`{"id":"raw${String.fromCharCode(1)}control"}`, FIELDS)
    ).toBeUndefined()
  })

  it('matches JSON.parse on random values', () => {
    const random = randomSource(7)
    for (let round = 0; round < 2000; round += 1) {
      const value = {
        ...(randomValue(random, 0) as object),
        id: randomValue(random, 3)
      }
      const compact = JSON.stringify(value)
      const spaced = JSON.stringify(value, null, 1)
      const expected = reference(JSON.parse(compact), FIELDS)
      expect(project(compact, FIELDS), compact).toEqual(expected)
      expect(project(spaced, FIELDS), spaced).toEqual(expected)
    }
  })
})
