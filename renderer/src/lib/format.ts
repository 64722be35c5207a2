import { formatDuration } from '../../../shared/format'

/** Formatters for the operator's locale, with dates in the time zone of the settings. */
export interface Formats {
  locale: string
  timeZone: string
  /** Whole number with the locale's grouping: 1,234,567. */
  count(value: number): string
  /** Short form for chart axes: 1.2M. */
  compact(value: number): string
  /** A share from 0 to 1 as a percentage. */
  percent(share: number): string
  /**
   * US dollars of an estimate: cents, or two significant digits below a cent
   * so a small amount never reads as $0.00.
   */
  dollars(value: number): string
  /** A factor such as a warning's ratio: `3.85×`. */
  ratio(value: number): string
  /** A list price in US dollars per million tokens, with up to four decimals. */
  price(value: number): string
  duration(ms: number): string
  /** A day key such as `2026-11-28` as `Nov 28, 2026`. */
  day(dayKey: string): string
  /** A day key as a short axis label: `Nov 28`. */
  shortDay(dayKey: string): string
  /** An ISO 8601 instant as date and time in the settings' time zone. */
  dateTime(iso: string): string
  /** Two instants as one range, naming the shared date once: `Nov 24, 2026, 2:01 – 2:03 PM`. */
  dateTimeRange(startIso: string, endIso: string): string
}

/** Builds the formatters for a locale and a time zone. */
export function createFormats(locale: string, timeZone: string): Formats {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const compact = new Intl.NumberFormat(locale, {
    notation: 'compact',
    maximumFractionDigits: 1
  })
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1
  })
  const factor = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  const dollars = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' })
  const cents = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    maximumSignificantDigits: 2
  })
  const price = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 4
  })
  // Day keys are already days in the settings' zone, so they are shown as UTC dates.
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  const shortDay = new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC'
  })
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone
  })
  const dayDate = (key: string): Date => new Date(`${key}T00:00:00Z`)

  return {
    locale,
    timeZone,
    count: (value) => count.format(value),
    compact: (value) => compact.format(value),
    percent: (share) => percent.format(share),
    dollars: (value) =>
      value > 0 && value < 0.01 ? cents.format(value) : dollars.format(value),
    ratio: (value) => `${factor.format(value)}×`,
    price: (value) => price.format(value),
    duration: formatDuration,
    day: (key) => day.format(dayDate(key)),
    shortDay: (key) => shortDay.format(dayDate(key)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    dateTimeRange: (startIso, endIso) => {
      const start = new Date(startIso)
      const end = new Date(endIso)
      // A range that ends before it starts is shown as two instants.
      if (end < start) return `${dateTime.format(start)} – ${dateTime.format(end)}`
      return dateTime.formatRange(start, end)
    }
  }
}

/** Prefix that Electron puts on a main-process handler's error; the operator needs the rest. */
const IPC_ERROR_PREFIX = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/

/** Returns the message of a failed request, for showing to the operator. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.replace(IPC_ERROR_PREFIX, '')
  return typeof error === 'string' ? error : 'unknown error'
}
