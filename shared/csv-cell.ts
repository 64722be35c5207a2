/**
 * Characters that make a spreadsheet read a cell as a formula. A text cell
 * from a log (a title, an agent name) that starts with one gets a leading
 * apostrophe, so opening an export never runs what a log wrote.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/** Returns a CSV cell that a spreadsheet shows as text, never runs as a formula. */
export function safeCsvCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value
}
