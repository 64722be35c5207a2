import { stat } from 'node:fs/promises'

import type { LogStat } from './incremental'

/** Files stat'ed at once: enough to keep the disk busy without exhausting file handles. */
const CONCURRENCY = 64

/** Stats every path, several at a time; a path that cannot be stat'ed maps to null. */
export async function statAll(
  paths: readonly string[]
): Promise<Map<string, LogStat | null>> {
  const result = new Map<string, LogStat | null>()
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next] as string
      next += 1
      try {
        const stats = await stat(path)
        result.set(path, { size: stats.size, mtimeMs: Math.trunc(stats.mtimeMs) })
      } catch {
        result.set(path, null)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, paths.length) }, worker))
  return result
}
