import type { LedgerRecord } from '../../shared/ledger'
import type { LogGroup } from './sources/types'
import type { LogFingerprint, Manifest } from './store/manifest'
import { ROLLUP_FORMAT_VERSION } from './store/manifest'
import type { RollupStore } from './store/rollup-store'

/** Contents of the current rollup set, for reusing conversations whose logs did not change. */
export interface PreviousBuild {
  manifest: Manifest
  /** Folder of the current set. */
  setFolder: string
  /** The store the set is in, which also keeps the adapters' resume states. */
  store: RollupStore
  logs: Map<string, LogFingerprint>
  /** Number of logs read into each conversation. */
  logCounts: Map<string, number>
  records: Map<string, LedgerRecord[]>
  titles: Map<string, string>
}

/**
 * Loads the current set for reuse. Returns null when there is none or it is of
 * another format, and when its ledger has fewer or more records than its
 * manifest counts.
 */
export async function loadPreviousBuild(
  store: RollupStore
): Promise<PreviousBuild | null> {
  const manifest: Manifest | null = await store.readManifest()
  if (!manifest || manifest.formatVersion !== ROLLUP_FORMAT_VERSION) return null
  try {
    const ledger = await store.readLedger()
    // A ledger cut short would lose the records of every reused conversation.
    if (ledger.length !== manifest.counts.records) return null
    const records = new Map<string, LedgerRecord[]>()
    for (const record of ledger) {
      const list = records.get(record.conversation)
      if (list) list.push(record)
      else records.set(record.conversation, [record])
    }
    const titles = new Map<string, string>()
    for (const row of await store.readRollup('conversations')) {
      if (row.title !== null) titles.set(row.conversation, row.title)
    }
    const logCounts = new Map<string, number>()
    for (const log of manifest.logs) {
      logCounts.set(log.conversation, (logCounts.get(log.conversation) ?? 0) + 1)
    }
    const setFolder = await store.currentSet()
    if (!setFolder) return null
    return {
      manifest,
      setFolder,
      store,
      logs: new Map(manifest.logs.map((log) => [log.path, log])),
      logCounts,
      records,
      titles
    }
  } catch {
    // A damaged set is rebuilt from the logs.
    return null
  }
}

/** Size and modification time of a log, as `stat` gives them; null when it cannot be read. */
export interface LogStat {
  size: number
  mtimeMs: number
}

/**
 * Returns the fingerprints of a group's logs when every one of them is as the
 * previous build read it (same size and modification time, and no log added
 * to or gone from the group); null when the group must be read again.
 */
export function unchangedGroup(
  group: LogGroup,
  previous: Pick<PreviousBuild, 'logs' | 'logCounts'>,
  stats: ReadonlyMap<string, LogStat | null>
): LogFingerprint[] | null {
  const fingerprints: LogFingerprint[] = []
  for (const file of group.files) {
    const known = previous.logs.get(file.name)
    const current = stats.get(file.path)
    if (!known || !current || known.conversation !== group.conversation) return null
    if (current.size !== known.size || Math.trunc(current.mtimeMs) !== known.mtimeMs)
      return null
    fingerprints.push(known)
  }
  return previous.logCounts.get(group.conversation) === fingerprints.length
    ? fingerprints
    : null
}

/**
 * Tells whether a build that read no log has nothing new to write: the same
 * logs as before, days in the same zone, and as many conversations kept from
 * history.
 */
export function nothingChanged(
  previous: PreviousBuild,
  build: { logsRead: number; logs: number; keptConversations: number; timeZone: string }
): boolean {
  return (
    build.logsRead === 0 &&
    build.logs === previous.logs.size &&
    build.timeZone === previous.manifest.timeZone &&
    build.keptConversations === previous.manifest.counts.keptConversations
  )
}
