import { closeSync, openSync, readSync } from 'node:fs'

import type { Diagnostics } from '../diagnostics'
import { NeedleFilter } from './needles'

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
  /**
   * Receives the lines the needles kept from `onLine`, for a check that costs
   * no decoding, such as whether the line is a whole JSON object.
   */
  onFiltered?: LineHandler
}

export interface ScanResult {
  /** Offset the read began at: 0 for a whole read, else where an earlier read ended. */
  startOffset: number
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
 *
 * The file is read with synchronous calls. A chunk from the page cache takes a
 * fraction of a millisecond, less than a round trip through libuv's thread
 * pool, and the line handler keeps the thread busy while it parses anyway. The
 * function still yields to the event loop once before it starts, so that
 * messages and timers are served between files.
 */
export async function scanLines(
  path: string,
  onLine: LineHandler,
  options: ScanOptions = {}
): Promise<ScanResult> {
  await yieldToEventLoop()
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK
  const filter = options.needles?.length ? new NeedleFilter(options.needles) : null
  const descriptor = openSync(path, 'r')
  let buffer = takeBuffer(chunkSize)

  try {
    const startOffset = options.startOffset ?? 0
    let position = startOffset
    let lineNumber = options.startLine ?? 0
    let carried = 0

    for (;;) {
      if (carried === buffer.length) buffer = grow(buffer, carried)
      const bytesRead = readSync(
        descriptor,
        buffer,
        carried,
        buffer.length - carried,
        position
      )
      if (bytesRead === 0) break
      position += bytesRead

      const filled = carried + bytesRead
      // Searches stop at the end of this read, never in bytes left from an earlier one.
      const chunk = buffer.subarray(0, filled)
      filter?.reset(chunk)
      let lineStart = 0
      let newline = chunk.indexOf(NEWLINE, 0)
      while (newline !== -1) {
        lineNumber += 1
        let lineEnd = newline
        if (lineEnd > lineStart && chunk[lineEnd - 1] === CARRIAGE_RETURN) lineEnd -= 1
        if (lineEnd > lineStart) {
          if (!filter || filter.matches(lineStart, lineEnd)) {
            onLine(chunk, lineStart, lineEnd, lineNumber)
          } else {
            options.onFiltered?.(chunk, lineStart, lineEnd, lineNumber)
          }
        }
        lineStart = newline + 1
        newline = chunk.indexOf(NEWLINE, lineStart)
      }

      carried = filled - lineStart
      if (carried > 0 && lineStart > 0) buffer.copy(buffer, 0, lineStart, filled)
    }

    const endOffset = position - carried
    return {
      startOffset,
      endOffset,
      lines: lineNumber,
      unfinishedBytes: carried,
      size: position
    }
  } finally {
    closeSync(descriptor)
    giveBack(buffer, chunkSize)
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

function grow(buffer: Buffer, used: number): Buffer {
  const larger = Buffer.allocUnsafe(buffer.length * 2)
  buffer.copy(larger, 0, 0, used)
  return larger
}

/**
 * The chunk buffer of the last scan, kept for the next one. Allocating a fresh
 * megabyte for each of thousands of logs makes V8 collect garbage for the
 * outside memory again and again. Scans in one thread never overlap, since
 * each runs synchronously once started.
 */
let spareBuffer: Buffer | null = null

function takeBuffer(size: number): Buffer {
  const buffer = spareBuffer
  if (buffer === null || buffer.length !== size) return Buffer.allocUnsafe(size)
  spareBuffer = null
  return buffer
}

/** Keeps a buffer for the next scan, unless it grew for a long line. */
function giveBack(buffer: Buffer, size: number): void {
  if (buffer.length === size) spareBuffer = buffer
}

/**
 * Decodes and parses one line as JSON, skipping a UTF-8 byte-order mark that
 * an editor may have put before the first line; throws `SyntaxError` on
 * invalid JSON.
 */
export function parseJsonLine(bytes: Buffer, start: number, end: number): unknown {
  const bom =
    bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf
  return JSON.parse(bytes.toString('utf8', bom ? start + 3 : start, end))
}

/** Describes a JSON syntax error of a line for the operator, without the parser's noise. */
export function describeJsonError(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error)
  return `not valid JSON (${detail})`
}

/**
 * Returns a handler for the lines a scan's needles let pass by. They are not
 * parsed, but each must look like a whole object, or it is reported as a bad
 * line of `file`: a line cut before its needle would otherwise go unseen.
 */
export function reportCutLines(diagnostics: Diagnostics, file: string): LineHandler {
  return (bytes, start, end, line) => {
    if (!looksLikeObject(bytes, start, end)) {
      diagnostics.badLine(file, line, 'not a JSON object (a cut-off or stray line)')
    }
  }
}

const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d

/**
 * Tells whether a line could be a whole JSON object from its first and last
 * bytes (spaces aside): it catches truncated lines and stray text without
 * decoding the line. A byte-order mark before the brace is allowed.
 */
export function looksLikeObject(bytes: Buffer, start: number, end: number): boolean {
  let first = start
  if (bytes[first] === 0xef && bytes[first + 1] === 0xbb && bytes[first + 2] === 0xbf)
    first += 3
  while (first < end && isSpace(bytes[first])) first += 1
  let last = end - 1
  while (last > first && isSpace(bytes[last])) last -= 1
  return bytes[first] === OPEN_BRACE && bytes[last] === CLOSE_BRACE
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09
}
