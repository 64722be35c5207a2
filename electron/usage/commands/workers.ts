import { existsSync } from 'node:fs'
import { join } from 'node:path'

import { parseThreads } from '../parse-pool'
import type { CommandIo } from './io'

/**
 * Worker threads for parsing when the built parse worker is beside the
 * command; none when running from source. Kept apart from the context every
 * command resolves, so that commands which read no logs load no worker code.
 */
export function parseWorkers(
  io: CommandIo
): { path: string; threads: number } | undefined {
  const path = join(io.appDir, 'out', 'cli', 'parse-worker.mjs')
  return existsSync(path) ? { path, threads: parseThreads() } : undefined
}
