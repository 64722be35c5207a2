import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

import type { ScanResult } from '../reader/lines'
import type { LogFingerprint, ManifestProblem } from './manifest'

/** Bytes at the start of a log that identify it across appends. */
export const HEAD_BYTES = 4096

/** Bytes just before the end of what was read that must be unchanged to resume there. */
export const TAIL_BYTES = 256

/** Problems kept per log for replay; the count covers all of them. */
export const PROBLEMS_PER_LOG = 20

export interface LogIdentity {
  size: number
  mtimeMs: number
  head: string
  /** Hash of the bytes just before `limit`: a log rewritten below it no longer matches. */
  tail: string
}

/**
 * Reads what identifies a log's content up to `limit` (the end of what was
 * read): size, modification time, and hashes of its first bytes and of the
 * bytes just before `limit`.
 */
export async function identifyLog(
  path: string,
  limit = HEAD_BYTES
): Promise<LogIdentity> {
  // Four small calls on one file: done synchronously they cost far less than
  // four round trips through the thread pool, and a build runs off the UI thread.
  const descriptor = openSync(path, 'r')
  try {
    const stats = fstatSync(descriptor)
    const end = Math.min(limit, stats.size)
    const head = Buffer.alloc(Math.min(HEAD_BYTES, end))
    if (head.length > 0) readSync(descriptor, head, 0, head.length, 0)
    const tail = Buffer.alloc(Math.min(TAIL_BYTES, end))
    if (tail.length > 0) readSync(descriptor, tail, 0, tail.length, end - tail.length)
    return {
      size: stats.size,
      mtimeMs: Math.trunc(stats.mtimeMs),
      head: hash(head),
      tail: hash(tail)
    }
  } finally {
    closeSync(descriptor)
  }
}

function hash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32)
}

/**
 * Fingerprints a log as read by a scan, with the problems found in it and the
 * name of the adapter's state at its end (kept on a group's first log only).
 */
export async function fingerprintLog(
  path: string,
  name: string,
  conversation: string,
  scan: ScanResult,
  problems: { badLines: number; list: ManifestProblem[] },
  state?: string
): Promise<LogFingerprint> {
  const identity = await identifyLog(path, scan.endOffset)
  const fingerprint: LogFingerprint = {
    path: name,
    conversation,
    size: scan.size,
    mtimeMs: identity.mtimeMs,
    head: identity.head,
    tail: identity.tail,
    endOffset: scan.endOffset,
    lines: scan.lines,
    badLines: problems.badLines,
    problems: problems.list.slice(0, PROBLEMS_PER_LOG)
  }
  if (state !== undefined) fingerprint.state = state
  return fingerprint
}
