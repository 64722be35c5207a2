// Steps over JSON at the byte level for `JsonProjector`. The functions take
// the position where a token starts and return the position after it, or
// FAILED where the bytes are not what they step over.

export const TAB = 0x09
export const LINE_FEED = 0x0a
export const CARRIAGE_RETURN = 0x0d
export const SPACE = 0x20
export const QUOTE = 0x22
export const PLUS = 0x2b
export const COMMA = 0x2c
export const MINUS = 0x2d
export const DOT = 0x2e
export const ZERO = 0x30
export const NINE = 0x39
export const COLON = 0x3a
export const UPPER_E = 0x45
export const OPEN_BRACKET = 0x5b
export const BACKSLASH = 0x5c
export const CLOSE_BRACKET = 0x5d
export const LOWER_E = 0x65
export const LOWER_F = 0x66
export const LOWER_N = 0x6e
export const LOWER_T = 0x74
export const OPEN_BRACE = 0x7b
export const CLOSE_BRACE = 0x7d
export const FIRST_NON_ASCII = 0x80

/** Position returned when the bytes are not JSON that can be stepped through. */
export const FAILED = -1
/** Maximum nesting stepped through; the caller parses a deeper line whole. */
export const MAX_DEPTH = 256

/** Closing bracket expected at each depth while `skipNested` steps over a value. */
const closers = new Uint8Array(MAX_DEPTH)

/** Steps over an object or array, matching each bracket with its opener. */
export function skipNested(bytes: Buffer, start: number, end: number): number {
  let depth = 0
  let position = start
  while (position < end) {
    const byte = bytes[position]
    if (byte === QUOTE) {
      position = skipString(bytes, position, end)
      if (position === FAILED) return FAILED
      continue
    }
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (depth === MAX_DEPTH) return FAILED
      closers[depth] = byte === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET
      depth += 1
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1
      if (depth < 0 || closers[depth] !== byte) return FAILED
      if (depth === 0) return position + 1
    }
    position += 1
  }
  return FAILED
}

/** Steps over any value without checking what it contains. */
export function skipValue(bytes: Buffer, start: number, end: number): number {
  const first = bytes[start]
  if (first === QUOTE) return skipString(bytes, start, end)
  if (first === OPEN_BRACE || first === OPEN_BRACKET) return skipNested(bytes, start, end)
  return skipScalar(bytes, start, end)
}

/**
 * Steps over a string from its opening quote. A quote ends the string unless
 * an odd run of backslashes comes before it. The search jumps from quote to
 * quote with `indexOf`, which costs less than a loop even for short strings.
 */
export function skipString(bytes: Buffer, start: number, end: number): number {
  let position = start + 1
  for (;;) {
    const quote = bytes.indexOf(QUOTE, position)
    if (quote === -1 || quote >= end) return FAILED
    if (bytes[quote - 1] !== BACKSLASH) return quote + 1

    let before = quote - 2
    while (bytes[before] === BACKSLASH) before -= 1
    if ((quote - 1 - before) % 2 === 0) return quote + 1
    position = quote + 1
  }
}

/**
 * Finds the closing quote of a key. A key with an escape fails, since its
 * bytes differ from the name it is parsed to.
 */
export function endOfKey(bytes: Buffer, start: number, end: number): number {
  for (let position = start; position < end; position += 1) {
    const byte = bytes[position]
    if (byte === QUOTE) return position
    if (byte === BACKSLASH) return FAILED
  }
  return FAILED
}

/** Steps over a left-out number or literal without checking it. */
export function skipScalar(bytes: Buffer, start: number, end: number): number {
  let position = start
  while (position < end && !isDelimiter(bytes, position, end)) {
    const byte = bytes[position]
    if (byte === QUOTE || byte === OPEN_BRACE || byte === OPEN_BRACKET) return FAILED
    position += 1
  }
  return position > start ? position : FAILED
}

export function skipDigits(bytes: Buffer, start: number, end: number): number {
  let position = start
  while (position < end && isDigit(bytes[position])) position += 1
  return position > start ? position : FAILED
}

export function skipSpace(bytes: Buffer, start: number, end: number): number {
  let position = start
  while (position < end && isSpace(bytes[position])) position += 1
  return position
}

/** Tells whether a value ends at `position`: the line's end, a comma, a closing bracket or space. */
export function isDelimiter(bytes: Buffer, position: number, end: number): boolean {
  if (position >= end) return true
  const byte = bytes[position]
  return byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isSpace(byte)
}

export function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= ZERO && byte <= NINE
}

export function isSpace(byte: number | undefined): boolean {
  return byte === SPACE || byte === TAB || byte === LINE_FEED || byte === CARRIAGE_RETURN
}
