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
  key: Buffer
  /** Projection of the value, or null to keep it whole. */
  projection: CompiledProjection | null
}

const TAB = 0x09
const LINE_FEED = 0x0a
const CARRIAGE_RETURN = 0x0d
const SPACE = 0x20
const QUOTE = 0x22
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACKET = 0x5b
const BACKSLASH = 0x5c
const CLOSE_BRACKET = 0x5d
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d

/** Bytes of a string walked one by one before the search for its end uses `indexOf`. */
const SHORT_STRING = 64
/** Maximum nesting the projector steps through; the caller parses a deeper line whole. */
const MAX_DEPTH = 256
/** Length below which a range is copied by a loop, which is faster than a native call. */
const SHORT_COPY = 48

/**
 * Parses one JSON object from a byte range while leaving out every member that
 * a projection does not name. Left-out values are stepped over at the byte
 * level: strings by searching for their closing quote, objects and arrays by
 * matching brackets. Only the kept members are copied into a small JSON text,
 * which `JSON.parse` then reads, so a line of many kilobytes of tool output
 * costs a scan and a parse of a few hundred bytes.
 *
 * A left-out value is checked only for where it ends, not for valid JSON
 * inside it: a bad escape or a stray word within it goes unnoticed.
 * `parse` returns undefined when the range is not one JSON object it can step
 * through (truncated, not an object, a key with escapes, nested too deeply);
 * the caller then parses the line whole, which also finds the syntax error.
 */
export class JsonProjector {
  private readonly root: CompiledProjection
  private bytes: Buffer = Buffer.alloc(0)
  private end = 0
  private position = 0
  private out: Buffer = Buffer.allocUnsafe(16 * 1024)
  private length = 0
  private readonly closers = new Uint8Array(MAX_DEPTH)

  constructor(projection: Projection) {
    this.root = compile(projection)
  }

  /** Parses `bytes[start, end)` keeping the projected members, or returns undefined. */
  parse(bytes: Buffer, start: number, end: number): unknown {
    this.bytes = bytes
    this.position = start
    this.end = end
    this.length = 0

    this.skipSpace()
    if (bytes[this.position] !== OPEN_BRACE) return undefined
    if (!this.projectObject(this.root, 0)) return undefined
    this.skipSpace()
    if (this.position !== end) return undefined

    try {
      return JSON.parse(this.out.toString('utf8', 0, this.length))
    } catch {
      return undefined
    }
  }

  private projectValue(projection: CompiledProjection, depth: number): boolean {
    const first = this.bytes[this.position]
    if (first === OPEN_BRACE) return this.projectObject(projection, depth + 1)
    if (first === OPEN_BRACKET) return this.projectArray(projection, depth + 1)
    return this.copyValue()
  }

  private projectObject(projection: CompiledProjection, depth: number): boolean {
    if (depth > MAX_DEPTH) return false
    this.position += 1
    this.writeByte(OPEN_BRACE)
    this.skipSpace()
    if (this.bytes[this.position] === CLOSE_BRACE) {
      this.position += 1
      this.writeByte(CLOSE_BRACE)
      return true
    }

    let kept = 0
    for (;;) {
      const keyStart = this.position
      if (!this.skipKey()) return false
      const keyEnd = this.position
      this.skipSpace()
      if (this.bytes[this.position] !== COLON) return false
      this.position += 1
      this.skipSpace()

      const member = this.lookup(projection, keyStart + 1, keyEnd - 1)
      if (member === undefined) {
        if (!this.skipValue()) return false
      } else {
        if (kept > 0) this.writeByte(COMMA)
        kept += 1
        this.copy(keyStart, keyEnd)
        this.writeByte(COLON)
        const done =
          member.projection === null
            ? this.copyValue()
            : this.projectValue(member.projection, depth)
        if (!done) return false
      }

      this.skipSpace()
      const next = this.bytes[this.position]
      this.position += 1
      if (next === CLOSE_BRACE) {
        this.writeByte(CLOSE_BRACE)
        return true
      }
      if (next !== COMMA) return false
      this.skipSpace()
    }
  }

  private projectArray(projection: CompiledProjection, depth: number): boolean {
    if (depth > MAX_DEPTH) return false
    this.position += 1
    this.writeByte(OPEN_BRACKET)
    this.skipSpace()
    if (this.bytes[this.position] === CLOSE_BRACKET) {
      this.position += 1
      this.writeByte(CLOSE_BRACKET)
      return true
    }

    for (;;) {
      if (!this.projectValue(projection, depth)) return false
      this.skipSpace()
      const next = this.bytes[this.position]
      this.position += 1
      if (next === CLOSE_BRACKET) {
        this.writeByte(CLOSE_BRACKET)
        return true
      }
      if (next !== COMMA) return false
      this.writeByte(COMMA)
      this.skipSpace()
    }
  }

  /**
   * Steps over a key. A key with an escape fails, because its bytes differ from
   * the name it is parsed to.
   */
  private skipKey(): boolean {
    const bytes = this.bytes
    if (bytes[this.position] !== QUOTE) return false
    for (let position = this.position + 1; position < this.end; position += 1) {
      const byte = bytes[position]
      if (byte === QUOTE) {
        this.position = position + 1
        return true
      }
      if (byte === BACKSLASH) return false
    }
    return false
  }

  /** Finds the member named by the key bytes `[start, end)`. */
  private lookup(
    projection: CompiledProjection,
    start: number,
    end: number
  ): KeptMember | undefined {
    const candidates = projection.byLength[end - start]
    if (candidates === undefined) return undefined
    const bytes = this.bytes
    for (const candidate of candidates) {
      const key = candidate.key
      let index = 0
      while (index < key.length && key[index] === bytes[start + index]) index += 1
      if (index === key.length) return candidate
    }
    return undefined
  }

  private copyValue(): boolean {
    const start = this.position
    if (!this.skipValue()) return false
    this.copy(start, this.position)
    return true
  }

  private skipValue(): boolean {
    const first = this.bytes[this.position]
    if (first === QUOTE) return this.skipString()
    if (first === OPEN_BRACE || first === OPEN_BRACKET) return this.skipNested()
    return this.skipScalar()
  }

  /** Steps over a number or literal. `JSON.parse` checks a kept one. */
  private skipScalar(): boolean {
    const bytes = this.bytes
    const start = this.position
    let position = start
    while (position < this.end) {
      const byte = bytes[position]
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET) break
      if (byte === QUOTE || byte === OPEN_BRACE || byte === OPEN_BRACKET) return false
      if (isSpace(byte)) break
      position += 1
    }
    this.position = position
    return position > start
  }

  /**
   * Steps over a string from its opening quote. A quote ends the string unless
   * an odd run of backslashes comes before it. The first `SHORT_STRING` bytes
   * are walked one by one, and after them the walk jumps from quote to quote.
   */
  private skipString(): boolean {
    const bytes = this.bytes
    const end = this.end
    let position = this.position + 1
    const shortEnd = Math.min(end, position + SHORT_STRING)
    while (position < shortEnd) {
      const byte = bytes[position]
      if (byte === QUOTE) {
        this.position = position + 1
        return true
      }
      position += byte === BACKSLASH ? 2 : 1
    }

    for (;;) {
      if (position >= end) return false
      const quote = bytes.indexOf(QUOTE, position)
      if (quote === -1 || quote >= end) return false
      let before = quote - 1
      while (bytes[before] === BACKSLASH) before -= 1
      if ((quote - 1 - before) % 2 === 0) {
        this.position = quote + 1
        return true
      }
      position = quote + 1
    }
  }

  /** Steps over an object or array, matching each bracket with its opener. */
  private skipNested(): boolean {
    const bytes = this.bytes
    const closers = this.closers
    let depth = 0
    while (this.position < this.end) {
      const byte = bytes[this.position]
      if (byte === QUOTE) {
        if (!this.skipString()) return false
        continue
      }
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (depth === MAX_DEPTH) return false
        closers[depth] = byte === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET
        depth += 1
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        depth -= 1
        if (depth < 0 || closers[depth] !== byte) return false
        if (depth === 0) {
          this.position += 1
          return true
        }
      }
      this.position += 1
    }
    return false
  }

  private skipSpace(): void {
    while (this.position < this.end && isSpace(this.bytes[this.position])) {
      this.position += 1
    }
  }

  private copy(start: number, end: number): void {
    const count = end - start
    this.reserve(count)
    if (count < SHORT_COPY) {
      const bytes = this.bytes
      const out = this.out
      let length = this.length
      for (let index = start; index < end; index += 1) {
        out[length] = bytes[index] as number
        length += 1
      }
      this.length = length
    } else {
      this.bytes.copy(this.out, this.length, start, end)
      this.length += count
    }
  }

  private writeByte(byte: number): void {
    this.reserve(1)
    this.out[this.length] = byte
    this.length += 1
  }

  private reserve(count: number): void {
    if (this.length + count <= this.out.length) return
    const larger = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.length + count))
    this.out.copy(larger, 0, 0, this.length)
    this.out = larger
  }
}

function isSpace(byte: number | undefined): boolean {
  return byte === SPACE || byte === TAB || byte === LINE_FEED || byte === CARRIAGE_RETURN
}

function compile(projection: Projection): CompiledProjection {
  const byLength: Array<KeptMember[] | undefined> = []
  for (const [name, value] of Object.entries(projection)) {
    const key = Buffer.from(name, 'utf8')
    const member = { key, projection: value === true ? null : compile(value) }
    const sameLength = byLength[key.length] ?? []
    sameLength.push(member)
    byLength[key.length] = sameLength
  }
  return { byLength }
}
