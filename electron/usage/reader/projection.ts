import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DOT,
  FAILED,
  FIRST_NON_ASCII,
  LOWER_E,
  LOWER_F,
  LOWER_N,
  LOWER_T,
  MAX_DEPTH,
  MINUS,
  OPEN_BRACE,
  OPEN_BRACKET,
  PLUS,
  QUOTE,
  SPACE,
  UPPER_E,
  ZERO,
  endOfKey,
  isDelimiter,
  isDigit,
  skipDigits,
  skipNested,
  skipSpace,
  skipString,
  skipValue
} from './json-bytes'

/**
 * Members of a JSON object that a projected parse keeps. `true` keeps a
 * member's value whole. A nested projection keeps only the members it names,
 * of an object value and of every object in an array value. A string, number
 * or literal under a nested projection is kept whole.
 */
export interface Projection {
  readonly [key: string]: Projection | true
}

/** A projection with its keys as bytes, grouped by length for lookup in place. */
interface CompiledProjection {
  byLength: Array<KeptMember[] | undefined>
}

interface KeptMember {
  name: string
  key: Buffer
  /** Projection of the value, or null to keep it whole. */
  projection: CompiledProjection | null
}

const TRUE = Buffer.from('true')
const FALSE = Buffer.from('false')
const NULL = Buffer.from('null')

/** Digits up to which an integer is summed exactly in a double. */
const SAFE_DIGITS = 15

/**
 * Parses one JSON object from a byte range, keeping only the members that a
 * projection names. Left-out values are stepped over at the byte level:
 * strings by searching for their closing quote, objects and arrays by matching
 * brackets. Kept values are built directly, so a line of many kilobytes of
 * tool output costs a scan and a few small values.
 *
 * Kept values are checked as strictly as `JSON.parse` checks them. A left-out
 * value is checked only for where it ends, so a bad escape or a stray word
 * inside it goes unnoticed. `parse` returns undefined when the range is not one
 * JSON object it can step through (truncated, not an object, a key with
 * escapes, nested too deeply, a kept value that is not valid JSON). The caller
 * then parses the line whole, which also finds the syntax error.
 */
export class JsonProjector {
  private readonly root: CompiledProjection
  /** Value read by the last method that returned a position. */
  private value: unknown = undefined

  constructor(projection: Projection) {
    this.root = compile(projection)
  }

  /** Parses `bytes[start, end)` keeping the projected members, or returns undefined. */
  parse(bytes: Buffer, start: number, end: number): unknown {
    let position = skipSpace(bytes, start, end)
    if (position >= end || bytes[position] !== OPEN_BRACE) return undefined
    position = this.readObject(bytes, position, end, this.root, 0)
    if (position === FAILED || skipSpace(bytes, position, end) !== end) return undefined
    return this.value
  }

  private readObject(
    bytes: Buffer,
    start: number,
    end: number,
    projection: CompiledProjection,
    depth: number
  ): number {
    if (depth > MAX_DEPTH) return FAILED
    const object: Record<string, unknown> = {}
    let position = skipSpace(bytes, start + 1, end)
    if (position < end && bytes[position] === CLOSE_BRACE) {
      this.value = object
      return position + 1
    }

    for (;;) {
      const keyStart = position + 1
      if (keyStart > end || bytes[position] !== QUOTE) return FAILED
      const keyEnd = endOfKey(bytes, keyStart, end)
      if (keyEnd === FAILED) return FAILED
      position = skipSpace(bytes, keyEnd + 1, end)
      if (position >= end || bytes[position] !== COLON) return FAILED
      position = skipSpace(bytes, position + 1, end)
      if (position >= end) return FAILED

      const member = lookup(projection, bytes, keyStart, keyEnd)
      if (member === undefined) {
        position = skipValue(bytes, position, end)
      } else {
        position = this.readValue(bytes, position, end, member.projection, depth)
        if (position !== FAILED) object[member.name] = this.value
      }
      if (position === FAILED) return FAILED

      position = skipSpace(bytes, position, end)
      const next = position < end ? bytes[position] : undefined
      if (next === CLOSE_BRACE) {
        this.value = object
        return position + 1
      }
      if (next !== COMMA) return FAILED
      position = skipSpace(bytes, position + 1, end)
    }
  }

  private readArray(
    bytes: Buffer,
    start: number,
    end: number,
    projection: CompiledProjection,
    depth: number
  ): number {
    if (depth > MAX_DEPTH) return FAILED
    const array: unknown[] = []
    let position = skipSpace(bytes, start + 1, end)
    if (position < end && bytes[position] === CLOSE_BRACKET) {
      this.value = array
      return position + 1
    }

    for (;;) {
      if (position >= end) return FAILED
      position = this.readValue(bytes, position, end, projection, depth)
      if (position === FAILED) return FAILED
      array.push(this.value)

      position = skipSpace(bytes, position, end)
      const next = position < end ? bytes[position] : undefined
      if (next === CLOSE_BRACKET) {
        this.value = array
        return position + 1
      }
      if (next !== COMMA) return FAILED
      position = skipSpace(bytes, position + 1, end)
    }
  }

  /** Reads a value, projected when `projection` is given and the value is an object or array. */
  private readValue(
    bytes: Buffer,
    start: number,
    end: number,
    projection: CompiledProjection | null,
    depth: number
  ): number {
    const first = bytes[start]
    if (first === QUOTE) return this.readString(bytes, start, end)
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      if (projection === null) return this.readWhole(bytes, start, end)
      return first === OPEN_BRACE
        ? this.readObject(bytes, start, end, projection, depth + 1)
        : this.readArray(bytes, start, end, projection, depth + 1)
    }
    if (first === LOWER_T) return this.readLiteral(bytes, start, end, TRUE, true)
    if (first === LOWER_F) return this.readLiteral(bytes, start, end, FALSE, false)
    if (first === LOWER_N) return this.readLiteral(bytes, start, end, NULL, null)
    return this.readNumber(bytes, start, end)
  }

  /** Reads an object or array kept whole; such values are rare, so `JSON.parse` reads them. */
  private readWhole(bytes: Buffer, start: number, end: number): number {
    const after = skipNested(bytes, start, end)
    if (after === FAILED) return FAILED
    return this.parseSlice(bytes, start, after)
  }

  /**
   * Reads a string. One of printable ASCII without escapes, the common case
   * for ids and names, is sliced from the bytes. `JSON.parse` reads any other,
   * which decodes escapes and UTF-8 and rejects control characters.
   */
  private readString(bytes: Buffer, start: number, end: number): number {
    const after = skipString(bytes, start, end)
    if (after === FAILED) return FAILED
    const last = after - 1
    for (let position = start + 1; position < last; position += 1) {
      const byte = bytes[position] as number
      if (byte === BACKSLASH || byte < SPACE || byte >= FIRST_NON_ASCII) {
        return this.parseSlice(bytes, start, after)
      }
    }
    this.value = bytes.toString('latin1', start + 1, last)
    return after
  }

  private parseSlice(bytes: Buffer, start: number, end: number): number {
    try {
      this.value = JSON.parse(bytes.toString('utf8', start, end))
    } catch {
      return FAILED
    }
    return end
  }

  private readLiteral(
    bytes: Buffer,
    start: number,
    end: number,
    literal: Buffer,
    value: boolean | null
  ): number {
    const after = start + literal.length
    if (after > end || !isDelimiter(bytes, after, end)) return FAILED
    for (let index = 1; index < literal.length; index += 1) {
      if (bytes[start + index] !== literal[index]) return FAILED
    }
    this.value = value
    return after
  }

  /** Reads a number in JSON's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`. */
  private readNumber(bytes: Buffer, start: number, end: number): number {
    let position = start
    if (bytes[position] === MINUS) position += 1
    const digitsStart = position
    let integer = 0
    while (position < end && isDigit(bytes[position])) {
      integer = integer * 10 + ((bytes[position] as number) - ZERO)
      position += 1
    }
    const digits = position - digitsStart
    if (digits === 0 || (digits > 1 && bytes[digitsStart] === ZERO)) return FAILED

    let plain = digits <= SAFE_DIGITS
    if (position < end && bytes[position] === DOT) {
      plain = false
      position = skipDigits(bytes, position + 1, end)
      if (position === FAILED) return FAILED
    }
    if (position < end && (bytes[position] === LOWER_E || bytes[position] === UPPER_E)) {
      plain = false
      position += 1
      if (position < end && (bytes[position] === PLUS || bytes[position] === MINUS)) {
        position += 1
      }
      position = skipDigits(bytes, position, end)
      if (position === FAILED) return FAILED
    }
    if (!isDelimiter(bytes, position, end)) return FAILED

    if (plain) {
      this.value = digitsStart > start ? -integer : integer
    } else {
      this.value = Number(bytes.toString('latin1', start, position))
    }
    return position
  }
}

function lookup(
  projection: CompiledProjection,
  bytes: Buffer,
  start: number,
  end: number
): KeptMember | undefined {
  const candidates = projection.byLength[end - start]
  if (candidates === undefined) return undefined
  for (const candidate of candidates) {
    const key = candidate.key
    let index = 0
    while (index < key.length && key[index] === bytes[start + index]) index += 1
    if (index === key.length) return candidate
  }
  return undefined
}

function compile(projection: Projection): CompiledProjection {
  const byLength: Array<KeptMember[] | undefined> = []
  for (const [name, value] of Object.entries(projection)) {
    // Assigning this key would set the object's prototype, not a member.
    if (name === '__proto__') throw new Error('a projection cannot keep __proto__')
    const key = Buffer.from(name, 'utf8')
    const member = { name, key, projection: value === true ? null : compile(value) }
    const sameLength = byLength[key.length] ?? []
    sameLength.push(member)
    byLength[key.length] = sameLength
  }
  return { byLength }
}
