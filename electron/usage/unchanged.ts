import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

import type { BuildOptions, BuildProgress } from './build'
import type { Diagnostics } from './diagnostics'
import { unchangedGroup } from './incremental'
import type { LogGroup } from './sources/types'
import { statAll } from './stat-all'
import { ROLLUP_FORMAT_VERSION } from './store/manifest'
import type { LogFingerprint, Manifest } from './store/manifest'
import { ROLLUP_FILES } from './store/rollup-store'
import type { UsageTarget } from './targets'

/** The current set of a target whose logs did not change since it was built. */
export interface UnchangedSet {
  manifest: Manifest
  setFolder: string
  /** Fingerprints of each group's logs, in discovery order. */
  logs: LogFingerprint[][]
}

/**
 * Tells, from the manifest and the logs' sizes and modification times, whether
 * a build would find nothing to write. That needs every log as the current set
 * read it, no log added or gone, days in the same zone, a ledger with every
 * record the manifest counts, and the kept history as the set left it.
 *
 * Returns null when anything differs, or cannot be checked without reading the
 * set; the build then loads the set and decides from its contents.
 * NOTE: the rollup files are checked for presence and the ledger's lines
 * counted, none parsed, so a set damaged inside a line stays until a change in
 * the logs or `rebuild --full` replaces it.
 */
export async function findUnchangedSet(
  target: UsageTarget,
  groups: readonly LogGroup[],
  timeZone: string
): Promise<UnchangedSet | null> {
  const manifest = await target.store.readManifest()
  if (!manifest || manifest.formatVersion !== ROLLUP_FORMAT_VERSION) return null
  if (manifest.timeZone !== timeZone) return null
  const setFolder = await target.store.currentSet()
  if (!setFolder || !hasEveryFile(setFolder)) return null

  const logs = await unchangedLogs(manifest, groups)
  if (!logs) return null
  // Read synchronously: a promise reads 512 KiB a turn of the thread pool,
  // and a ledger runs to megabytes.
  const ledger = readOrNull(join(setFolder, ROLLUP_FILES.ledger))
  if (!ledger || !hasEveryRecord(ledger, manifest.counts.records)) return null
  if (!historyAsSetLeftIt(target.historyPath, ledger, manifest)) return null
  return { manifest, setFolder, logs }
}

/**
 * Goes through the groups of an unchanged set as a build that reuses them
 * does: reports progress after each group, throws when `signal` is aborted,
 * and replays each log's problems into `diagnostics` in the same order.
 */
export function replayUnchanged(
  groups: readonly LogGroup[],
  unchanged: UnchangedSet,
  diagnostics: Diagnostics,
  options: Pick<BuildOptions, 'signal' | 'onProgress'>
): void {
  const sizes = unchanged.logs.map((logs) => logs.reduce((sum, log) => sum + log.size, 0))
  const progress: BuildProgress = {
    filesDone: 0,
    filesTotal: groups.reduce((sum, group) => sum + group.files.length, 0),
    bytesDone: 0,
    bytesTotal: sizes.reduce((sum, size) => sum + size, 0)
  }
  options.onProgress?.({ ...progress })

  for (const [index, group] of groups.entries()) {
    options.signal?.throwIfAborted()
    for (const [position, log] of (unchanged.logs[index] ?? []).entries()) {
      replayLog(diagnostics, group.files[position]?.path ?? log.path, log)
    }
    progress.filesDone += group.files.length
    progress.bytesDone += sizes[index] ?? 0
    options.onProgress?.({ ...progress })
  }
}

/** Fingerprints of every group's logs, or null when any log differs from the manifest. */
async function unchangedLogs(
  manifest: Manifest,
  groups: readonly LogGroup[]
): Promise<LogFingerprint[][] | null> {
  const logs = new Map(manifest.logs.map((log) => [log.path, log]))
  const logCounts = new Map<string, number>()
  for (const log of manifest.logs) {
    logCounts.set(log.conversation, (logCounts.get(log.conversation) ?? 0) + 1)
  }
  const stats = await statAll(
    groups.flatMap((group) => group.files.map((file) => file.path))
  )

  const reused: LogFingerprint[][] = []
  let count = 0
  for (const group of groups) {
    const fingerprints = unchangedGroup(group, { logs, logCounts }, stats)
    if (!fingerprints) return null
    reused.push(fingerprints)
    count += fingerprints.length
  }
  return count === manifest.logs.length ? reused : null
}

/**
 * Tells whether a build would keep the same records from history as the set
 * has. A build writes the history with the same text as the set's ledger.
 * While the two are equal and the logs unchanged, a build takes from history
 * exactly the records of conversations without a log, as the last one did.
 * That relies on a group's records carrying its conversation, as reusing a
 * group by its conversation does.
 */
function historyAsSetLeftIt(
  historyPath: string | null,
  ledger: Buffer,
  manifest: Manifest
): boolean {
  if (historyPath === null) return manifest.counts.keptConversations === 0
  try {
    const history = statSync(historyPath, { throwIfNoEntry: false })
    if (history === undefined) return manifest.counts.keptConversations === 0
    return history.size === ledger.length && readFileSync(historyPath).equals(ledger)
  } catch {
    return false
  }
}

/** Tells whether ledger text has `records` whole lines: a build writes one record a line. */
function hasEveryRecord(ledger: Buffer, records: number): boolean {
  if (ledger.length > 0 && ledger[ledger.length - 1] !== NEWLINE) return false
  let lines = 0
  for (
    let at = ledger.indexOf(NEWLINE);
    at !== -1;
    at = ledger.indexOf(NEWLINE, at + 1)
  ) {
    lines += 1
  }
  return lines === records
}

const NEWLINE = 0x0a

function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path)
  } catch {
    return null
  }
}

function hasEveryFile(setFolder: string): boolean {
  return Object.values(ROLLUP_FILES).every((name) => {
    try {
      return statSync(join(setFolder, name)).isFile()
    } catch {
      return false
    }
  })
}

/**
 * Adds what an earlier build found in a log that is reused unchanged: its
 * bad lines and first problems, an unfinished last line, an empty log.
 */
export function replayLog(
  diagnostics: Diagnostics,
  path: string,
  log: LogFingerprint
): void {
  diagnostics.replay(
    path,
    log.badLines,
    log.problems.map(({ line, message }) => ({ file: path, line, message }))
  )
  if (log.size > log.endOffset) diagnostics.unfinishedLastLine(path)
  if (log.size === 0) diagnostics.emptyLog(path)
}
