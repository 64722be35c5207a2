import { hostname } from 'node:os'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

import { UsageError, errorText } from '../errors'

export interface LockOwner {
  pid: number
  host: string
  since: string
}

export interface LockOptions {
  /** Called once when another process holds the lock and this one starts waiting. */
  onWait?: (owner: LockOwner, path: string) => void
  /** Stops waiting after this many milliseconds; waits as long as it takes by default. */
  timeoutMs?: number
  signal?: AbortSignal
  pollMs?: number
}

/** Lock releaser returned by `acquireLock`. */
export type ReleaseLock = () => Promise<void>

/**
 * Takes the single-writer lock at `path`. A lock left by a process that is gone
 * (same host, pid no longer running) is taken over; a live one is waited for.
 */
export async function acquireLock(
  path: string,
  options: LockOptions = {}
): Promise<ReleaseLock> {
  await mkdir(dirname(path), { recursive: true })
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString()
  }
  const started = Date.now()
  let announced = false

  for (;;) {
    options.signal?.throwIfAborted()
    try {
      await writeFile(path, JSON.stringify(me) + '\n', { flag: 'wx' })
      return async () => {
        await rm(path, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new UsageError(`cannot create the lock file ${path}: ${errorText(error)}`, {
          cause: error
        })
      }
    }

    const owner = await readOwner(path)
    if (owner === null || (owner.host === me.host && !isRunning(owner.pid))) {
      // The owner is gone (or the file was half written): remove it and try again.
      // NOTE: two processes that find the same dead owner at once could each
      // remove a lock the other has just taken; the window is a few milliseconds.
      await rm(path, { force: true })
      continue
    }
    if (!announced) {
      options.onWait?.(owner, path)
      announced = true
    }
    if (options.timeoutMs !== undefined && Date.now() - started > options.timeoutMs) {
      throw new UsageError(
        `${path} is held by process ${owner.pid} on ${owner.host} since ${owner.since}; ` +
          'wait for it to finish, or delete the file if that process is gone'
      )
    }
    await sleep(options.pollMs ?? 200, options.signal)
  }
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>
    if (typeof value.pid === 'number' && typeof value.host === 'string') {
      return { pid: value.pid, host: value.host, since: String(value.since ?? 'unknown') }
    }
    return null
  } catch {
    return null
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true }
    )
  })
}
