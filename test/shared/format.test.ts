import { describe, expect, it } from 'vitest'

import {
  compactCount,
  formatDuration,
  groupDigits,
  printable,
  turnLabel
} from '../../shared/format'

describe('compactCount', () => {
  it.each([
    [0, '0'],
    [950, '950'],
    [999, '999'],
    [1000, '1K'],
    [2149, '2.1K'],
    [9949, '9.9K'],
    [9950, '10K'],
    [18_400, '18K'],
    [999_499, '999K'],
    [999_500, '1M'],
    [1_250_000, '1.3M'],
    [42_000_000, '42M'],
    [3_000_000_000, '3B']
  ])('formats %d as %s', (value, text) => {
    expect(compactCount(value)).toBe(text)
  })
})

describe('turnLabel', () => {
  it('labels a full turn', () => {
    expect(turnLabel(18_000, 2_100)).toBe('~18K in / 2.1K out')
  })
  it('marks a partial turn', () => {
    expect(turnLabel(26_000, 150, true)).toBe('~26K in / 150 out (partial)')
  })
})

describe('groupDigits and formatDuration', () => {
  it('groups digits by three', () => {
    expect(groupDigits(1_234_567)).toBe('1,234,567')
    expect(groupDigits(999)).toBe('999')
  })
  it('formats durations', () => {
    expect(formatDuration(45_000)).toBe('45s')
    expect(formatDuration(185_000)).toBe('3m 05s')
    expect(formatDuration(7_440_000)).toBe('2h 04m')
  })
})

describe('printable', () => {
  it('replaces terminal escapes, bells and line breaks', () => {
    expect(printable('t\u001b]0;pwned\u0007\u001b[2J')).toBe(
      't\ufffd]0;pwned\ufffd\ufffd[2J'
    )
    expect(printable('two\nlines')).toBe('two\ufffdlines')
    expect(printable('plain café')).toBe('plain café')
  })
})
