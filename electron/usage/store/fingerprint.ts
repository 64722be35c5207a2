import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

import type { ScanResult } from '../reader/lines'
import type { LogFingerprint, ManifestProblem } from './manifest'

/** Bytes at the start of a log that identify it across appends. */
export const HEAD_BYTES = 4096

/** Problems kept per log for replay; the count covers all of them. */
export const PROBLEMS_PER_LOG = 20

export interface LogIdentity {
  size: number
  mtimeMs: number
  head: string
}

/**
 * Reads what identifies a log's current content: size, modification time and
 * a hash of its first bytes (up to `limit`, the end of what was read).
 */
export async function identifyLog(
  path: string,
  limit = HEAD_BYTES
): Promise<LogIdentity> {
  const handle = await open(path, 'r')
  try {
    const stats = await handle.stat()
    const head = Buffer.alloc(Math.min(HEAD_BYTES, limit, stats.size))
    if (head.length > 0) await handle.read(head, 0, head.length, 0)
    return {
      size: stats.size,
      mtimeMs: Math.trunc(stats.mtimeMs),
      head: createHash('sha256').update(head).digest('hex').slice(0, 32)
    }
  } finally {
    await handle.close()
  }
}

/** Fingerprints a log as read by a scan, with the problems found in it. */
export async function fingerprintLog(
  path: string,
  name: string,
  conversation: string,
  scan: ScanResult,
  problems: { badLines: number; list: ManifestProblem[] }
): Promise<LogFingerprint> {
  const identity = await identifyLog(path, scan.endOffset)
  return {
    path: name,
    conversation,
    size: scan.size,
    mtimeMs: identity.mtimeMs,
    head: identity.head,
    endOffset: scan.endOffset,
    lines: scan.lines,
    badLines: problems.badLines,
    problems: problems.list.slice(0, PROBLEMS_PER_LOG)
  }
}
