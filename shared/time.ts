import type { DayKey } from './ledger'

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** Tells whether `zone` is an IANA time zone name this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Returns the time zone of the system the code runs on. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/**
 * Returns the calendar day of an instant in a time zone. The zone is always
 * named by the caller: a day means nothing without one.
 */
export function dayKeyOf(instant: string | number | Date, timeZone: string): DayKey {
  let format = dayFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit'
    })
    dayFormats.set(timeZone, format)
  }
  const parts = format.formatToParts(new Date(instant))
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}` as DayKey
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

/** Parses `YYYY-MM-DD` (also `YYYYMMDD`) into a day key, or returns null. */
export function parseDayKey(text: string): DayKey | null {
  const normalised = /^\d{8}$/.test(text)
    ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`
    : text
  if (!DAY_PATTERN.test(normalised)) return null
  const date = new Date(`${normalised}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return null
  return date.toISOString().slice(0, 10) === normalised ? (normalised as DayKey) : null
}
