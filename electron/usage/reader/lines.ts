import { open } from 'node:fs/promises'

/** Receives one whole line: `bytes[start, end)` without its line end. */
export type LineHandler = (
  bytes: Buffer,
  start: number,
  end: number,
  lineNumber: number
) => void

export interface ScanOptions {
  /** Byte offset to resume from; it must be the start of a line. */
  startOffset?: number
  /** Number of lines before `startOffset`, so line numbers stay true on resume. */
  startLine?: number
  /** Bytes read at a time. */
  chunkSize?: number
  /**
   * Byte strings of which a line must contain at least one to reach the handler.
   * Lines without any are counted but never decoded or parsed.
   */
  needles?: readonly Buffer[]
}

export interface ScanResult {
  /** Offset just past the last whole line: where a later read resumes. */
  endOffset: number
  /** Number of whole lines up to `endOffset`, counting from the start of the file. */
  lines: number
  /** Bytes after the last line end, a line still being written. */
  unfinishedBytes: number
  /** File size when the read ended. */
  size: number
}

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d
const DEFAULT_CHUNK = 1 << 20

/**
 * Reads a file in large chunks and calls `onLine` for each whole line that
 * passes the needle test. A last line without a line end is left unread, so a
 * log still being written is picked up later from `endOffset`.
 */
export async function scanLines(
  path: string,
  onLine: LineHandler,
  options: ScanOptions = {}
): Promise<ScanResult> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK
  const filter = options.needles?.length ? new NeedleFilter(options.needles) : null
  const handle = await open(path, 'r')

  try {
    let position = options.startOffset ?? 0
    let lineNumber = options.startLine ?? 0
    let buffer: Buffer = Buffer.allocUnsafe(chunkSize)
    let carried = 0

    for (;;) {
      if (carried === buffer.length) buffer = grow(buffer, carried)
      const { bytesRead } = await handle.read(
        buffer,
        carried,
        buffer.length - carried,
        position
      )
      if (bytesRead === 0) break
      position += bytesRead

      const filled = carried + bytesRead
      filter?.reset()
      let lineStart = 0
      let newline = buffer.indexOf(NEWLINE, 0)
      while (newline !== -1 && newline < filled) {
        lineNumber += 1
        let lineEnd = newline
        if (lineEnd > lineStart && buffer[lineEnd - 1] === CARRIAGE_RETURN) lineEnd -= 1
        if (
          lineEnd > lineStart &&
          (!filter || filter.matches(buffer, lineStart, lineEnd, filled))
        ) {
          onLine(buffer, lineStart, lineEnd, lineNumber)
        }
        lineStart = newline + 1
        newline = buffer.indexOf(NEWLINE, lineStart)
      }

      carried = filled - lineStart
      if (carried > 0 && lineStart > 0) buffer.copy(buffer, 0, lineStart, filled)
    }

    const endOffset = position - carried
    return { endOffset, lines: lineNumber, unfinishedBytes: carried, size: position }
  } finally {
    await handle.close()
  }
}

function grow(buffer: Buffer, used: number): Buffer {
  const larger = Buffer.allocUnsafe(buffer.length * 2)
  buffer.copy(larger, 0, 0, used)
  return larger
}

/**
 * Tells whether a line holds any of the needles, searching each chunk once per
 * needle: the next match of every needle is remembered and only searched again
 * after the scan has passed it.
 */
class NeedleFilter {
  private readonly next: number[]

  constructor(private readonly needles: readonly Buffer[]) {
    this.next = needles.map(() => -1)
  }

  reset(): void {
    this.next.fill(-1)
  }

  matches(buffer: Buffer, start: number, end: number, filled: number): boolean {
    for (let i = 0; i < this.needles.length; i += 1) {
      let found = this.next[i] ?? -1
      if (found === Infinity) continue
      if (found < start) {
        found = buffer.indexOf(this.needles[i] as Buffer, start)
        if (found === -1 || found >= filled) found = Infinity
        this.next[i] = found
      }
      if (found < end) return true
    }
    return false
  }
}

/** Decodes and parses one line as JSON; throws `SyntaxError` on invalid JSON. */
export function parseJsonLine(bytes: Buffer, start: number, end: number): unknown {
  return JSON.parse(bytes.toString('utf8', start, end))
}

/** Describes a JSON syntax error of a line for the operator, without the parser's noise. */
export function describeJsonError(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error)
  return `not valid JSON (${detail})`
}
