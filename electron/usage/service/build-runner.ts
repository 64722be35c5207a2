import { Worker } from 'node:worker_threads'

import { rebuild } from '../build'
import { parseThreads } from '../parse-pool'
import type { BuildProgress } from '../build'
import type { Problem } from '../diagnostics'
import { adapterFor } from '../sources/registry'
import type { SourceKind } from '../sources/types'
import type { Manifest } from '../store/manifest'
import { RollupStore } from '../store/rollup-store'
import type { UsageTarget } from '../targets'
import { APP_VERSION } from '../version'

/** Everything a build needs, in a form that crosses to a worker thread. */
export interface BuildJob {
  kind: SourceKind
  label: string
  roots: string[]
  rollupFolder: string
  historyPath: string | null
  timeZone: string
  /** Bundled parse worker to parse on several threads; absent runs in one thread. */
  parseWorker?: string
}

export interface BuildOutcome {
  manifest: Manifest
  problems: Problem[]
  /** Conversations read from their logs; the rest were reused unchanged. */
  conversationsRead: string[]
}

/** Runs a build somewhere: in this thread, or in a worker so the caller stays responsive. */
export type BuildRunner = (
  job: BuildJob,
  onProgress: (progress: BuildProgress) => void,
  signal: AbortSignal
) => Promise<BuildOutcome>

export function jobFor(
  target: UsageTarget,
  timeZone: string,
  parseWorker?: string
): BuildJob {
  return {
    parseWorker,
    kind: target.kind,
    label: target.label,
    roots: target.roots,
    rollupFolder: target.store.folder,
    historyPath: target.historyPath,
    timeZone
  }
}

/** Runs a build job in the calling thread. */
export async function runJob(
  job: BuildJob,
  onProgress: (progress: BuildProgress) => void,
  signal: AbortSignal
): Promise<BuildOutcome> {
  const target: UsageTarget = {
    kind: job.kind,
    label: job.label,
    roots: job.roots,
    store: new RollupStore(job.rollupFolder),
    historyPath: job.historyPath
  }
  const summary = await rebuild(target, adapterFor(job.kind), {
    timeZone: job.timeZone,
    appVersion: APP_VERSION,
    signal,
    onProgress,
    parseWorkers: job.parseWorker
      ? { path: job.parseWorker, threads: parseThreads() }
      : undefined
  })
  return {
    manifest: summary.manifest,
    problems: summary.diagnostics.problems.slice(0, 200),
    conversationsRead: summary.conversationsRead
  }
}

export const inThreadRunner: BuildRunner = runJob

/** Messages a build worker posts to its parent. */
export type WorkerMessage =
  | { type: 'progress'; progress: BuildProgress }
  | { type: 'done'; outcome: BuildOutcome }
  | { type: 'failed'; message: string; cancelled: boolean }

/**
 * Runs builds in a worker thread started from `workerPath` (the bundled
 * `build-worker` entry). Cancelling tells the worker to stop between files, so
 * it releases the lock and leaves the current rollups in place.
 */
export function workerRunner(workerPath: string): BuildRunner {
  return (job, onProgress, signal) =>
    new Promise<BuildOutcome>((resolve, reject) => {
      const worker = new Worker(workerPath, { workerData: job })
      const cancel = (): void => worker.postMessage('cancel')
      signal.addEventListener('abort', cancel, { once: true })
      let settled = false

      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') onProgress(message.progress)
        else if (message.type === 'done') {
          settled = true
          resolve(message.outcome)
        } else {
          settled = true
          const error = new Error(message.message)
          if (message.cancelled) error.name = 'AbortError'
          reject(error)
        }
      })
      worker.on('error', (error) => {
        settled = true
        reject(error)
      })
      worker.on('exit', (code) => {
        signal.removeEventListener('abort', cancel)
        if (!settled)
          reject(new Error(`the build worker exited with code ${code} before finishing`))
      })
    })
}
