import { describe, expect, it } from 'vitest'

import { NeedleFilter } from '../../../electron/usage/reader/needles'

/** Runs the filter over `lines` as one chunk and returns the numbers of those it passes. */
function passed(needles: string[], lines: string[]): number[] {
  const chunk = Buffer.from(lines.map((line) => `${line}\n`).join(''))
  const filter = new NeedleFilter(needles.map((needle) => Buffer.from(needle)))
  return passedBy(filter, chunk, lines)
}

function passedBy(filter: NeedleFilter, chunk: Buffer, lines: string[]): number[] {
  filter.reset(chunk)
  const kept: number[] = []
  let start = 0
  for (const [index, line] of lines.entries()) {
    const end = start + Buffer.byteLength(line)
    if (filter.matches(start, end)) kept.push(index + 1)
    start = end + 1
  }
  return kept
}

const CLAUDE = [
  '"type":"user"',
  '"type":"assistant"',
  '"type":"system"',
  '"type":"agent_progress"',
  '"usage":{'
]

describe('NeedleFilter', () => {
  it('finds needles that share a prefix', () => {
    const lines = [
      '{"type":"user","x":1}',
      '{"type":"progress","data":{"type":"hook_progress"}}',
      '{"a":1,"type":"assistant"}',
      '{"type":"progress","data":{"type":"agent_progress"}}',
      '{"type":"billing","usage":{"input_tokens":1}}',
      '{"type":"users"}',
      '{"type":"system"}'
    ]
    expect(passed(CLAUDE, lines)).toEqual([1, 3, 4, 5, 7])
  })

  it('finds the type at the end of a line', () => {
    const lines = [
      `{"message":{"content":"${'x'.repeat(5000)}","type":"message"},"type":"assistant"}`,
      `{"data":{"output":"${'y'.repeat(5000)}"},"type":"progress"}`,
      `{"message":{"content":"${'z'.repeat(5000)}"},"type":"user"}`
    ]
    expect(passed(CLAUDE, lines)).toEqual([1, 3])
  })

  it('ignores escaped needles inside strings', () => {
    const lines = [
      JSON.stringify({ type: 'progress', output: '"type":"user" and "usage":{' }),
      JSON.stringify({ type: 'user' })
    ]
    expect(passed(CLAUDE, lines)).toEqual([2])
  })

  it('needs the whole needle inside the line', () => {
    expect(passed(CLAUDE, ['{"a":1,"type":"us', 'er"}', '"usage":', '{}'])).toEqual([])
  })

  it('matches a needle that starts another', () => {
    const needles = ['"type":"turn"', '"type":"turn_context"', 'conversation.opened']
    const lines = [
      '{"type":"turn_context"}',
      '{"type":"turn"}',
      '{"x":"conversation.opened"}'
    ]
    expect(passed(needles, lines)).toEqual([1, 2, 3])
  })

  it('matches every line with an empty needle', () => {
    expect(passed(['', '"usage":{'], ['a', '{}', 'b'])).toEqual([1, 2, 3])
  })

  it('agrees with a plain search on random lines', () => {
    let state = 11
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648
      return state / 2147483648
    }
    const pieces = [
      ...CLAUDE,
      '"type":"',
      '"type":"progress"',
      'user"',
      '"usage"',
      'abc',
      '{'
    ]
    const lines = Array.from({ length: 3000 }, () => {
      let line = ''
      const count = 1 + Math.floor(random() * 6)
      for (let index = 0; index < count; index += 1) {
        line += pieces[Math.floor(random() * pieces.length)]
      }
      return line
    })
    const expected = lines.flatMap((line, index) =>
      CLAUDE.some((needle) => line.includes(needle)) ? [index + 1] : []
    )
    expect(passed(CLAUDE, lines)).toEqual(expected)

    // A first line full of one byte makes the filter search for another one.
    for (const filler of ['y', 't', '"', '{', 'g']) {
      const shifted = [filler.repeat(20_000), ...lines]
      expect(passed(CLAUDE, shifted), filler).toEqual(expected.map((line) => line + 1))
    }

    // Later filters with the same list keep the first one's choice.
    const needles = CLAUDE.map((needle) => Buffer.from(needle))
    for (const filler of ['y', 'g', '']) {
      const shifted = [filler.repeat(20_000) || 'x', ...lines]
      const chunk = Buffer.from(shifted.map((line) => `${line}\n`).join(''))
      expect(passedBy(new NeedleFilter(needles), chunk, shifted), filler).toEqual(
        expected.map((line) => line + 1)
      )
    }
  })
})
