// Runs a command as its own process and measures its wall time and peak
// memory (maximum resident set size).

import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const TIME = '/usr/bin/time'
const RSS_WRAPPER = fileURLToPath(new URL('./max-rss.mjs', import.meta.url))

/** The peak memory method used on this machine, named in the report. */
export const MEMORY_METHOD = existsSync(TIME)
  ? `${TIME} -f %M`
  : 'process.resourceUsage().maxRSS in a wrapper (Node.js commands only)'

/**
 * Runs `command` with `args` and returns `{ ms, peakBytes, status, stdout,
 * stderr }`. `peakBytes` is null when it cannot be measured: without GNU time,
 * only Node.js scripts (`node: true`) are measured, through a wrapper that
 * imports the script and reports its own maximum resident set size.
 */
export function measure(command, args, { env, node = false } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'lowkey-bench-measure-'))
  const peakFile = join(scratch, 'peak')
  let argv = [command, ...args]
  let runEnv = env
  if (existsSync(TIME)) {
    argv = [TIME, '-f', '%M', '-o', peakFile, ...argv]
  } else if (node) {
    argv = [process.execPath, RSS_WRAPPER, ...args]
    runEnv = { ...env, LOWKEY_BENCH_RSS_FILE: peakFile }
  }

  try {
    const started = performance.now()
    const result = spawnSync(argv[0], argv.slice(1), {
      env: runEnv,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const ms = performance.now() - started
    if (result.error) throw result.error
    return {
      ms,
      peakBytes: readPeak(peakFile),
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** Reads the peak in KiB that GNU time or the wrapper wrote; null when absent. */
function readPeak(path) {
  if (!existsSync(path)) return null
  // GNU time writes "Command exited with non-zero status N" first on failure.
  const lines = readFileSync(path, 'utf8').trim().split('\n')
  const kib = Number(lines[lines.length - 1])
  return Number.isFinite(kib) ? kib * 1024 : null
}

/** Returns the median of numbers (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2
}
