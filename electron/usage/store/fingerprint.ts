import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

import type { ScanResult } from '../reader/lines'
import type { LogFingerprint } from './manifest'

/** Bytes at the start of a log that identify it across appends. */
export const HEAD_BYTES = 4096

/** Fingerprints a log as read by a scan: its size then, and a hash of its head. */
export async function fingerprintLog(
  path: string,
  name: string,
  scan: ScanResult
): Promise<LogFingerprint> {
  const handle = await open(path, 'r')
  try {
    const stats = await handle.stat()
    const head = Buffer.alloc(Math.min(HEAD_BYTES, scan.endOffset))
    if (head.length > 0) await handle.read(head, 0, head.length, 0)
    return {
      path: name,
      size: scan.size,
      mtimeMs: Math.trunc(stats.mtimeMs),
      head: createHash('sha256').update(head).digest('hex').slice(0, 32),
      endOffset: scan.endOffset,
      lines: scan.lines
    }
  } finally {
    await handle.close()
  }
}
