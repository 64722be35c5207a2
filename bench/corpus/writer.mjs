import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/** Text held before one write call: large writes keep generation fast. */
const FLUSH_CHARACTERS = 4 * 1024 * 1024

/**
 * Writes JSON Lines to one file through a large in-memory buffer. `bytes`
 * counts what reached the file plus an estimate (characters) of what is pending.
 */
export class LineWriter {
  constructor(path, { append = false } = {}) {
    mkdirSync(dirname(path), { recursive: true })
    this.path = path
    this.fd = openSync(path, append ? 'a' : 'w')
    this.parts = []
    this.pendingCharacters = 0
    this.written = 0
  }

  get bytes() {
    return this.written + this.pendingCharacters
  }

  line(value) {
    const text = JSON.stringify(value) + '\n'
    this.parts.push(text)
    this.pendingCharacters += text.length
    if (this.pendingCharacters >= FLUSH_CHARACTERS) this.flush()
  }

  flush() {
    if (this.parts.length === 0) return
    const bytes = Buffer.from(this.parts.join(''))
    let offset = 0
    while (offset < bytes.length) {
      offset += writeSync(this.fd, bytes, offset, bytes.length - offset)
    }
    this.written += bytes.length
    this.parts = []
    this.pendingCharacters = 0
  }

  close() {
    this.flush()
    closeSync(this.fd)
  }
}
