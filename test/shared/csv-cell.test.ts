import { describe, expect, it } from 'vitest'

import { safeCsvCell } from '../../shared/csv-cell'

describe('safeCsvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['plain title', 'plain title'],
    ['2026-12-01', '2026-12-01']
  ])('keeps %s from running as a formula', (cell, expected) => {
    expect(safeCsvCell(cell)).toBe(expected)
  })

  it('leaves numbers as they are', () => {
    expect(safeCsvCell(-5)).toBe(-5)
  })
})
