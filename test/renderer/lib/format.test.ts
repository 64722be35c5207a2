import { describe, expect, it } from 'vitest'

import { createFormats, errorMessage } from '../../../renderer/src/lib/format'

describe('createFormats', () => {
  it('groups digits for the locale', () => {
    expect(createFormats('en-US', 'UTC').count(1_234_567)).toBe('1,234,567')
    expect(createFormats('de-DE', 'UTC').count(1_234_567)).toBe('1.234.567')
  })

  it('formats shares, compact counts and durations', () => {
    const formats = createFormats('en-US', 'UTC')
    expect(formats.percent(0.65018)).toBe('65%')
    expect(formats.percent(0.10632)).toBe('10.6%')
    expect(formats.compact(1_250_000)).toBe('1.3M')
    expect(formats.duration(342_000)).toBe('5m 42s')
  })

  it('shows estimates in cents', () => {
    const formats = createFormats('en-US', 'UTC')
    expect(formats.dollars(0.563925)).toBe('$0.56')
    expect(formats.dollars(1234.5)).toBe('$1,234.50')
    expect(formats.dollars(0)).toBe('$0.00')
    expect(createFormats('de-DE', 'UTC').dollars(0.563925)).toBe('0,56\u00a0$')
  })

  it('never shows a small estimate as zero', () => {
    const formats = createFormats('en-US', 'UTC')
    // 35 output tokens at $5 per million.
    expect(formats.dollars(0.000175)).toBe('$0.00018')
    expect(formats.dollars(0.0049)).toBe('$0.0049')
  })

  it('formats prices and ratios', () => {
    const formats = createFormats('en-US', 'UTC')
    expect(formats.price(3)).toBe('$3.00')
    expect(formats.price(0.125)).toBe('$0.125')
    expect(formats.price(0.08)).toBe('$0.08')
    expect(formats.ratio(3.85)).toBe('3.85×')
    expect(formats.ratio(83_800 / 21_750)).toBe('3.85×')
    expect(formats.ratio(2)).toBe('2×')
  })

  it('shows day keys as the days they name', () => {
    // Far west of UTC, a day key must not slip to the day before.
    const formats = createFormats('en-US', 'Pacific/Honolulu')
    expect(formats.day('2026-12-01')).toBe('Dec 1, 2026')
    expect(formats.shortDay('2026-12-01')).toBe('Dec 1')
  })

  it('shows instants in the time zone of the settings', () => {
    const instant = '2026-11-24T14:00:00.000Z'
    expect(createFormats('en-US', 'UTC').dateTime(instant)).toBe('Nov 24, 2026, 2:00 PM')
    expect(createFormats('en-US', 'Asia/Kolkata').dateTime(instant)).toBe(
      'Nov 24, 2026, 7:30 PM'
    )
  })

  it('names a shared date once in a range', () => {
    const formats = createFormats('en-US', 'UTC')
    // ICU puts thin and narrow no-break spaces around the dash and before PM.
    const range = formats.dateTimeRange('2026-11-24T14:01:00Z', '2026-11-24T14:03:00Z')
    expect(range.replace(/[\u2009\u202f]/g, ' ')).toBe('Nov 24, 2026, 2:01 – 2:03 PM')
  })

  it('shows a range that ends before it starts as two instants', () => {
    const formats = createFormats('en-US', 'UTC')
    const range = formats.dateTimeRange('2026-11-24T14:03:00Z', '2026-11-24T14:01:00Z')
    expect(range.replace(/[\u2009\u202f]/g, ' ')).toBe(
      'Nov 24, 2026, 2:03 PM – Nov 24, 2026, 2:01 PM'
    )
  })
})

describe('errorMessage', () => {
  it('takes the message of an Error and keeps text as it is', () => {
    expect(errorMessage(new Error('locked by pid 42'))).toBe('locked by pid 42')
    expect(errorMessage('bridge closed')).toBe('bridge closed')
    expect(errorMessage(42)).toBe('unknown error')
  })

  it('drops the prefix Electron adds to handler errors', () => {
    const error = new Error(
      "Error invoking remote method 'projects:add': UsageError: /nowhere has no .lowkey folder"
    )
    expect(errorMessage(error)).toBe('/nowhere has no .lowkey folder')
  })
})
