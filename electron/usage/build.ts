import { relative, sep } from 'node:path'

import { compareRecords } from '../../shared/ledger'
import type { LedgerRecord } from '../../shared/ledger'
import { computeRollups } from '../../shared/rollups'
import { Diagnostics } from './diagnostics'
import { writeFileAtomic } from './files'
import { loadPreviousBuild, nothingChanged } from './incremental'
import { readGroups } from './read-groups'
import type { SourceAdapter } from './sources/types'
import type { LockOwner } from './store/lock'
import { acquireLock } from './store/lock'
import { ROLLUP_FORMAT_VERSION } from './store/manifest'
import type { LogFingerprint, Manifest } from './store/manifest'
import { ROLLUP_FILES, readLedgerFile, serializeLedger } from './store/rollup-store'
import type { UsageTarget } from './targets'
import { findUnchangedSet, replayUnchanged } from './unchanged'

/** Problems kept in the manifest for display; the counts cover all of them. */
const MANIFEST_PROBLEMS = 200

export interface BuildProgress {
  filesDone: number
  filesTotal: number
  bytesDone: number
  bytesTotal: number
}

export interface BuildOptions {
  timeZone: string
  appVersion: string
  signal?: AbortSignal
  onProgress?: (progress: BuildProgress) => void
  /** Rereads every log instead of reusing conversations whose logs did not change. */
  full?: boolean
  /** Parses on worker threads started from `path` (the bundled parse-worker) when there is much to read. */
  parseWorkers?: { path: string; threads: number; minBytes?: number }
  /**
   * Bytes a group's logs must have for the adapter's state to be kept for a
   * resumed read; smaller groups are read whole when they grow. Default
   * `RESUME_MIN_BYTES`.
   */
  resumeMinBytes?: number
  /** Called when another process holds the lock and the build waits for it. */
  onWait?: (owner: LockOwner, lockPath: string) => void
}

export interface BuildSummary {
  /** Logs read in this build; the others were unchanged and reused. */
  logsRead: number
  /** Conversations read from their logs in this build, in discovery order. */
  conversationsRead: string[]
  manifest: Manifest
  /**
   * Every record of the set, in ledger order. A build that found nothing
   * changed reads them from the set's ledger only when this is called.
   */
  readRecords: () => Promise<LedgerRecord[]>
  diagnostics: Diagnostics
  setFolder: string
}

/**
 * Rereads every log of a target and writes a complete new rollup set. Session
 * logs are only ever read. Bad lines are counted in the summary, never fatal.
 */
export async function rebuild(
  target: UsageTarget,
  adapter: SourceAdapter,
  options: BuildOptions
): Promise<BuildSummary> {
  const release = await acquireLock(target.store.lockPath, {
    signal: options.signal,
    onWait: options.onWait
  })
  try {
    const diagnostics = new Diagnostics()
    const groups = await adapter.discover(target.roots, diagnostics)
    const unchanged = options.full
      ? null
      : await findUnchangedSet(target, groups, options.timeZone)
    if (unchanged) {
      // Told from the manifest and the logs' stats, without loading the set.
      replayUnchanged(groups, unchanged, diagnostics, options)
      return {
        manifest: unchanged.manifest,
        setFolder: unchanged.setFolder,
        diagnostics,
        logsRead: 0,
        conversationsRead: [],
        readRecords: () => target.store.readLedger()
      }
    }

    const previous = options.full ? null : await loadPreviousBuild(target.store)
    const { records, logs, titles, logsRead, conversationsRead, fromLogs } =
      await readGroups(
        groups,
        adapter,
        diagnostics,
        options,
        previous,
        target.store.states
      )

    const kept = target.historyPath
      ? await keptRecords(target.historyPath, fromLogs)
      : { records: [], conversations: 0 }
    const all = records.concat(kept.records).sort(compareRecords)
    const same =
      previous !== null &&
      nothingChanged(previous, {
        logsRead,
        logs: logs.length,
        keptConversations: kept.conversations,
        timeZone: options.timeZone
      })
    if (previous && same) {
      // Nothing to write: the current set already contains all of this.
      const setFolder = previous.setFolder
      return {
        manifest: previous.manifest,
        diagnostics,
        setFolder,
        logsRead,
        conversationsRead,
        readRecords: () => Promise.resolve(all)
      }
    }

    options.signal?.throwIfAborted()
    const manifest = makeManifest(
      target,
      all,
      logs,
      diagnostics,
      kept.conversations,
      options
    )
    const files = serializeSet(all, titles, manifest, options.timeZone)
    await target.store.states.flush()
    const setFolder = await target.store.writeSet(files, manifest)
    // The history contains every record of the set: the ledger file as written.
    const ledger = files.get(ROLLUP_FILES.ledger) ?? serializeLedger(all)
    if (target.historyPath) await writeFileAtomic(target.historyPath, ledger)
    return {
      manifest,
      diagnostics,
      setFolder,
      logsRead,
      conversationsRead,
      readRecords: () => Promise.resolve(all)
    }
  } finally {
    await release()
  }
}

/** Records of conversations whose logs are gone, from the history of earlier builds. */
async function keptRecords(
  historyPath: string,
  present: ReadonlySet<string>
): Promise<{ records: LedgerRecord[]; conversations: number }> {
  let history: LedgerRecord[]
  try {
    history = await readLedgerFile(historyPath)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { records: [], conversations: 0 }
    throw error
  }
  const records = history.filter((record) => !present.has(record.conversation))
  return { records, conversations: new Set(records.map((r) => r.conversation)).size }
}

function makeManifest(
  target: UsageTarget,
  records: readonly LedgerRecord[],
  logs: LogFingerprint[],
  diagnostics: Diagnostics,
  keptConversations: number,
  options: BuildOptions
): Manifest {
  const turns = new Set(records.map((r) => `${r.conversation}\u0000${r.turn}`))
  // Problems of logs come from their fingerprints, sorted by log, so a build
  // that reuses a log lists them exactly as one that rereads it.
  const logged = new Set(logs.map((log) => log.path))
  const roots = target.roots
  const isLogProblem = (file: string): boolean =>
    roots.some((root) => file.startsWith(root) && logged.has(relativeName(root, file)))
  const problems = [
    ...logs.flatMap((log) => log.problems),
    ...diagnostics.problems.filter((problem) => !isLogProblem(problem.file))
  ]
  return {
    formatVersion: ROLLUP_FORMAT_VERSION,
    appVersion: options.appVersion,
    builtAt: new Date().toISOString(),
    timeZone: options.timeZone,
    source: { kind: target.kind, roots: target.roots },
    logs,
    counts: {
      conversations: new Set(records.map((r) => r.conversation)).size,
      turns: turns.size,
      records: records.length,
      badLines: logs.reduce((sum, log) => sum + log.badLines, 0),
      unreadableFiles: diagnostics.unreadableFiles,
      keptConversations
    },
    problems: problems.slice(0, MANIFEST_PROBLEMS)
  }
}

function relativeName(root: string, path: string): string {
  return relative(root, path).split(sep).join('/')
}

function serializeSet(
  records: readonly LedgerRecord[],
  titles: ReadonlyMap<string, string>,
  manifest: Manifest,
  timeZone: string
): Map<string, string> {
  const rollups = computeRollups(records, timeZone, titles)
  const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n'
  return new Map([
    [ROLLUP_FILES.ledger, serializeLedger(records)],
    [ROLLUP_FILES.conversations, json(rollups.conversations)],
    [ROLLUP_FILES.days, json(rollups.days)],
    [ROLLUP_FILES.agents, json(rollups.agents)],
    [ROLLUP_FILES.providers, json(rollups.providers)],
    [ROLLUP_FILES.routines, json(rollups.routines)],
    [ROLLUP_FILES.manifest, json(manifest)]
  ])
}
