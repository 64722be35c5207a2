// Locale-neutral formatting for the command line, CSV and the compact turn
// label. The app formats numbers for the operator's locale elsewhere.

/** Rounds a token count to two significant figures at most: 950, 2.1K, 18K, 1.2M. */
export function compactCount(value: number): string {
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K']
  ]
  for (const [size, suffix] of units) {
    if (value >= size * 0.9995) {
      const scaled = value / size
      const text =
        scaled < 9.95
          ? scaled.toFixed(1).replace(/\.0$/, '')
          : Math.round(scaled).toString()
      return text + suffix
    }
  }
  return Math.round(value).toString()
}

/** Label shown beside a finished turn, such as `~18K in / 2.1K out`. */
export function turnLabel(
  inputTokens: number,
  outputTokens: number,
  partial = false
): string {
  const label = `~${compactCount(inputTokens)} in / ${compactCount(outputTokens)} out`
  return partial ? `${label} (partial)` : label
}

/** Groups digits in threes with commas, whatever the locale: 1,234,567. */
export function groupDigits(value: number): string {
  const sign = value < 0 ? '-' : ''
  const digits = Math.abs(Math.round(value)).toString()
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Formats milliseconds as `45s`, `3m 05s` or `2h 04m`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`
  const hours = Math.floor(minutes / 60)
  return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`
}

/** Formats a byte count with binary units: 512 B, 1.5 MiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`
}

/** Counts a noun in English: `1 bad line`, `3 bad lines`, with digits grouped. */
export function plural(
  count: number,
  singular: string,
  pluralForm = `${singular}s`
): string {
  return `${groupDigits(count)} ${count === 1 ? singular : pluralForm}`
}

/**
 * Replaces control characters (terminal escapes, bells, line breaks) with a
 * visible stand-in, so text from a log cannot drive the terminal or break an
 * aligned table.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd')
}
