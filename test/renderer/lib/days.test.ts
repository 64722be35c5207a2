import { describe, expect, it } from 'vitest'

import {
  addDays,
  chartDays,
  dayCount,
  latestRangeWithData,
  rangeOf,
  todayIn
} from '../../../renderer/src/lib/days'

describe('rangeOf', () => {
  it('ends a preset today', () => {
    expect(rangeOf({ preset: 7 }, '2026-12-04')).toEqual({
      from: '2026-11-28',
      to: '2026-12-04'
    })
    expect(rangeOf({ preset: 30 }, '2026-12-04')).toEqual({
      from: '2026-11-05',
      to: '2026-12-04'
    })
    expect(rangeOf({ preset: 90 }, '2026-03-01')).toEqual({
      from: '2025-12-02',
      to: '2026-03-01'
    })
  })

  it('leaves all days unbounded', () => {
    expect(rangeOf({ preset: 'all' }, '2026-12-04')).toEqual({ from: null, to: null })
  })

  it('keeps fixed days as they are', () => {
    expect(rangeOf({ from: '2026-11-25', to: '2026-12-01' }, '2027-01-15')).toEqual({
      from: '2026-11-25',
      to: '2026-12-01'
    })
  })
})

describe('todayIn', () => {
  it('takes the day in the time zone of the settings', () => {
    const now = new Date('2026-12-03T20:00:00Z')
    expect(todayIn(now, 'UTC')).toBe('2026-12-03')
    // Kolkata is 5 h 30 min ahead: 01:30 on the 4th.
    expect(todayIn(now, 'Asia/Kolkata')).toBe('2026-12-04')
    expect(todayIn(new Date('2026-12-04T03:00:00Z'), 'America/Los_Angeles')).toBe(
      '2026-12-03'
    )
  })
})

describe('addDays and dayCount', () => {
  it('cross month, year and leap day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(dayCount('2026-11-28', '2026-12-04')).toBe(7)
  })
})

describe('latestRangeWithData', () => {
  it('keeps the length and ends on the last day with usage', () => {
    expect(
      latestRangeWithData(
        { from: '2027-01-09', to: '2027-01-15' },
        '2026-11-20',
        '2026-12-01'
      )
    ).toEqual({ from: '2026-11-25', to: '2026-12-01' })
  })

  it('starts no earlier than the first day with usage', () => {
    expect(
      latestRangeWithData(
        { from: '2027-01-01', to: '2027-03-31' },
        '2026-11-20',
        '2026-12-01'
      )
    ).toEqual({ from: '2026-11-20', to: '2026-12-01' })
  })

  it('returns null without any usage', () => {
    expect(
      latestRangeWithData({ from: '2026-11-28', to: '2026-12-04' }, null, null)
    ).toBeNull()
  })
})

describe('chartDays', () => {
  it('lists every day of a bounded range', () => {
    expect(chartDays({ from: '2026-11-29', to: '2026-12-02' }, [])).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02'
    ])
  })

  it('runs from the first to the last day with usage when unbounded', () => {
    expect(chartDays({ from: null, to: null }, ['2026-11-30', '2026-12-02'])).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02'
    ])
    expect(chartDays({ from: null, to: null }, [])).toEqual([])
  })
})
