import { describe, expect, it } from 'vitest'

import { dayKeyOf, isValidTimeZone, parseDayKey } from '../../shared/time'

describe('dayKeyOf', () => {
  it('agrees with formatToParts across zones and years', () => {
    const zones = ['UTC', 'America/Los_Angeles', 'Asia/Kathmandu', 'Pacific/Chatham']
    for (const zone of zones) {
      const format = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric'
      })
      // Every 7 hours and 13 minutes over four years, so every hour of the day comes up.
      for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 26_580_000) {
        const parts = Object.fromEntries(
          format.formatToParts(ms).map((part) => [part.type, part.value])
        )
        const expected = `${parts.year}-${parts.month?.padStart(2, '0')}-${parts.day?.padStart(2, '0')}`
        expect(dayKeyOf(ms, zone), `${zone} ${new Date(ms).toISOString()}`).toBe(expected)
      }
    }
  })

  it('puts an early UTC morning on the previous day in Los Angeles', () => {
    expect(dayKeyOf('2025-01-25T04:08:00Z', 'America/Los_Angeles')).toBe('2025-01-24')
    expect(dayKeyOf('2025-01-25T04:08:00Z', 'UTC')).toBe('2025-01-25')
  })

  it('follows a half-hour offset', () => {
    // Kolkata is UTC+05:30: 18:29Z is 23:59 there, 18:30Z is midnight.
    expect(dayKeyOf('2026-11-30T18:29:00Z', 'Asia/Kolkata')).toBe('2026-11-30')
    expect(dayKeyOf('2026-11-30T18:30:00Z', 'Asia/Kolkata')).toBe('2026-12-01')
  })

  it('turns the day on a quarter-hour offset', () => {
    // Kathmandu is UTC+05:45: 18:14:59.999Z is 23:59:59.999 there, 18:15Z is midnight.
    expect(dayKeyOf('2026-11-30T18:14:59.999Z', 'Asia/Kathmandu')).toBe('2026-11-30')
    expect(dayKeyOf('2026-11-30T18:15:00.000Z', 'Asia/Kathmandu')).toBe('2026-12-01')
    expect(dayKeyOf('2026-11-30T18:14:00.000Z', 'Asia/Kathmandu')).toBe('2026-11-30')
  })

  it('reads timestamps with offsets', () => {
    expect(dayKeyOf('2026-12-01T00:30:00+01:00', 'UTC')).toBe('2026-11-30')
  })
})

describe('time zone and day parsing', () => {
  it('accepts IANA names and rejects others', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true)
    expect(isValidTimeZone('Mars/Olympus')).toBe(false)
  })
  it('accepts UTC, links and other letter case', () => {
    expect(isValidTimeZone('UTC')).toBe(true)
    expect(isValidTimeZone('Etc/UTC')).toBe(true)
    // Node 20 lists Asia/Calcutta and accepts its link Asia/Kolkata.
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true)
    expect(isValidTimeZone('Asia/Calcutta')).toBe(true)
    expect(isValidTimeZone('europe/berlin')).toBe(true)
    expect(isValidTimeZone('')).toBe(false)
    expect(isValidTimeZone('Europe/Berlin ')).toBe(false)
  })
  it('accepts only zones a DateTimeFormat accepts', () => {
    const listed = Intl.supportedValuesOf('timeZone')
    expect(listed.length).toBeGreaterThan(300)
    for (const zone of listed) {
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone })).not.toThrow()
      expect(isValidTimeZone(zone)).toBe(true)
    }
  })
  it('parses day keys', () => {
    expect(parseDayKey('2026-02-28')).toBe('2026-02-28')
    expect(parseDayKey('20260228')).toBe('2026-02-28')
    expect(parseDayKey('2026-02-30')).toBeNull()
    expect(parseDayKey('yesterday')).toBeNull()
  })
})
