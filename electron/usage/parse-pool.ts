import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

import type { ParsedGroup } from './read-groups'
import type { LogGroup, SourceKind } from './sources/types'

/** Parses groups somewhere else, such as on worker threads. */
export interface GroupReader {
  read: (kind: SourceKind, group: LogGroup) => Promise<ParsedGroup>
  close: () => Promise<void>
}

/** Request to a parse worker, and its reply. */
export interface ParseRequest {
  id: number
  kind: SourceKind
  group: LogGroup
}

export type ParseReply =
  | { id: number; ok: true; parsed: ParsedGroup }
  | { id: number; ok: false; message: string }

interface Waiting {
  resolve: (parsed: ParsedGroup) => void
  reject: (error: Error) => void
}

/**
 * Starts a fixed set of worker threads started from `workerPath` (the bundled
 * `parse-worker` entry). Each request goes to the thread with the fewest in
 * flight; a thread that dies fails its requests instead of hanging the build.
 */
export function parsePool(workerPath: string, threads: number): GroupReader {
  let nextId = 0
  const workers = Array.from({ length: Math.max(1, threads) }, () => {
    const worker = new Worker(workerPath)
    const waiting = new Map<number, Waiting>()
    worker.on('message', (reply: ParseReply) => {
      const entry = waiting.get(reply.id)
      waiting.delete(reply.id)
      if (!entry) return
      if (reply.ok) entry.resolve(reply.parsed)
      else entry.reject(new Error(reply.message))
    })
    const failAll = (error: Error): void => {
      for (const entry of waiting.values()) entry.reject(error)
      waiting.clear()
    }
    worker.on('error', failAll)
    worker.on('exit', (code) =>
      failAll(new Error(`a parse worker exited with code ${code}`))
    )
    return { worker, waiting }
  })

  return {
    read(kind, group) {
      const target = workers.reduce((least, candidate) =>
        candidate.waiting.size < least.waiting.size ? candidate : least
      )
      const id = nextId++
      return new Promise<ParsedGroup>((resolve, reject) => {
        target.waiting.set(id, { resolve, reject })
        const request: ParseRequest = { id, kind, group }
        target.worker.postMessage(request)
      })
    },
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()))
    }
  }
}

/**
 * Number of parse threads: `LOWKEY_PARSE_THREADS` when set, else one per core
 * but one, which is left to the main thread for merging and writing. NOTE: on
 * 2 cores a pool of two gained little over one thread (measured in
 * docs/performance.md), so pools start from 3 cores up by default.
 */
export function parseThreads(env: NodeJS.ProcessEnv = process.env): number {
  const chosen = Number(env.LOWKEY_PARSE_THREADS)
  if (Number.isInteger(chosen) && chosen >= 1) return chosen
  return availableParallelism() - 1
}
