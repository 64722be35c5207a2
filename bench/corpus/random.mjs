// Seeded randomness and filler text for the benchmark corpus. Everything here
// depends only on the seed, so one seed always gives the same corpus.

/** Mulberry32: a small 32-bit generator, plenty for filler data. */
export class Random {
  constructor(seed) {
    this.state = seed >>> 0
  }

  /** Returns a float in [0, 1). */
  next() {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Returns an integer in [min, max]. */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability) {
    return this.next() < probability
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)]
  }

  /** Returns a log-normal value: `median` times e to a normal draw with spread `sigma`. */
  logNormal(median, sigma) {
    const u = 1 - this.next()
    const v = this.next()
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    return median * Math.exp(sigma * normal)
  }

  hex(length) {
    let text = ''
    while (text.length < length) {
      text += Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, '0')
    }
    return text.slice(0, length)
  }

  /** Returns a random version 4 UUID. */
  uuid() {
    const hex = this.hex(32)
    const variant = '89ab'[parseInt(hex[16], 16) & 3]
    return (
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-` +
      `${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
    )
  }

  /** Returns an id in Anthropic's style, such as `msg_01…` or `toolu_01…`. */
  anthropicId(prefix) {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
    let text = `${prefix}_01`
    for (let index = 0; index < 22; index += 1) text += this.pick(alphabet)
    return text
  }
}

const WORDS = (
  'the a to of and in is for that this with on it be as at by from we an not ' +
  'test build file function value error return config module session line token ' +
  'cache request response agent model turn ledger rollup parse read write check ' +
  'update remove handle state index path folder result output input stream chunk ' +
  'worker thread report day provider routine run count total merge branch commit'
).split(' ')

const IDENTIFIERS = (
  'userId sessionLog readChunk parseLine totals byDay records manifest options ' +
  'buffer offset handler schema result config logger cache store target adapter ' +
  'request response payload entry items index count limit timeout retries'
).split(' ')

const KEYWORDS = ['const', 'let', 'return', 'if', 'for', 'await', 'export', 'import']

/**
 * A pool of filler lines (code, prose, logs, some non-ASCII) that tool output
 * and messages are cut from. Building text from whole pool lines keeps the
 * generator fast while the bytes still look like real output to a parser.
 */
export class TextPool {
  constructor(random, size = 4096) {
    this.random = random
    this.lines = []
    for (let index = 0; index < size; index += 1) this.lines.push(this.makeLine())
  }

  makeLine() {
    const random = this.random
    const kind = random.int(0, 9)
    if (kind < 5) return this.codeLine()
    if (kind < 8) return this.sentence()
    if (kind === 8) {
      const level = random.pick(['INFO', 'WARN', 'DEBUG', 'ERROR'])
      return `[${level}] ${this.sentence()} (${random.int(1, 999)} ms)`
    }
    return `${this.sentence()} — «${random.pick(WORDS)}» ✓ ${random.int(0, 99)}%`
  }

  codeLine() {
    const random = this.random
    const indent = '  '.repeat(random.int(0, 4))
    const name = random.pick(IDENTIFIERS)
    const other = random.pick(IDENTIFIERS)
    switch (random.int(0, 4)) {
      case 0:
        return `${indent}${random.pick(KEYWORDS)} ${name} = ${other}.${random.pick(WORDS)}(${random.int(0, 64)})`
      case 1:
        return `${indent}if (${name} !== null && ${other}.length > ${random.int(1, 99)}) {`
      case 2:
        return `${indent}// ${this.sentence()}`
      case 3:
        return `${indent}"${name}": "${random.pick(WORDS)}-${random.hex(6)}",`
      default:
        return `${indent}}`
    }
  }

  sentence() {
    const random = this.random
    const count = random.int(4, 14)
    const words = []
    for (let index = 0; index < count; index += 1) words.push(random.pick(WORDS))
    const text = words.join(' ')
    return text[0].toUpperCase() + text.slice(1) + '.'
  }

  /** Returns about `length` characters of pool lines, joined by newlines. */
  text(length, prefixLineNumbers = false) {
    const random = this.random
    const parts = []
    let size = 0
    let number = random.int(1, 400)
    while (size < length) {
      let line = this.lines[Math.floor(random.next() * this.lines.length)]
      if (prefixLineNumbers) {
        line = `${String(number).padStart(6, ' ')}→${line}`
        number += 1
      }
      parts.push(line)
      size += line.length + 1
    }
    return parts.join('\n')
  }

  /** Returns prose of about `length` characters. */
  prose(length) {
    const parts = []
    let size = 0
    while (size < length) {
      const sentence = this.sentence()
      parts.push(sentence)
      size += sentence.length + 1
    }
    return parts.join(' ')
  }
}
