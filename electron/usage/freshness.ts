import { Diagnostics } from './diagnostics'
import type { SourceAdapter } from './sources/types'
import { statAll } from './stat-all'
import { ROLLUP_FORMAT_VERSION } from './store/manifest'
import type { Manifest } from './store/manifest'
import type { UsageTarget } from './targets'

export type Freshness =
  | { state: 'fresh'; manifest: Manifest }
  | { state: 'missing' }
  | { state: 'stale'; manifest: Manifest; reasons: string[] }

/** Reasons listed in full; more are summed up in one line. */
const LISTED_REASONS = 5

/**
 * Tells whether the target's rollups match its logs as they are now: same
 * format version, same time zone, and every log the same size and age.
 */
export async function checkFreshness(
  target: UsageTarget,
  adapter: SourceAdapter,
  timeZone: string
): Promise<Freshness> {
  const manifest = await target.store.readManifest()
  if (!manifest) return { state: 'missing' }

  const reasons: string[] = []
  if (manifest.formatVersion !== ROLLUP_FORMAT_VERSION) {
    reasons.push(
      `rollup format ${manifest.formatVersion}, this version writes ${ROLLUP_FORMAT_VERSION}`
    )
  }
  if (manifest.timeZone !== timeZone) {
    reasons.push(`days are in ${manifest.timeZone}, the settings say ${timeZone}`)
  }
  reasons.push(...(await changedLogs(target, adapter, manifest)))

  if (reasons.length === 0) return { state: 'fresh', manifest }
  if (reasons.length > LISTED_REASONS) {
    const more = reasons.length - LISTED_REASONS
    reasons.splice(LISTED_REASONS, more, `and ${more} more changed logs`)
  }
  return { state: 'stale', manifest, reasons }
}

async function changedLogs(
  target: UsageTarget,
  adapter: SourceAdapter,
  manifest: Manifest
): Promise<string[]> {
  const known = new Map(manifest.logs.map((log) => [log.path, log]))
  const reasons: string[] = []
  const groups = await adapter.discover(target.roots, new Diagnostics())
  const files = groups.flatMap((group) => group.files)
  const stats = await statAll(files.map((file) => file.path))
  const seen = new Set<string>()

  for (const file of files) {
    seen.add(file.name)
    const log = known.get(file.name)
    const current = stats.get(file.path)
    if (!log) reasons.push(`new log ${file.name}`)
    else if (!current) reasons.push(`unreadable log ${file.name}`)
    else if (current.size !== log.size || current.mtimeMs !== log.mtimeMs) {
      reasons.push(`changed log ${file.name}`)
    }
  }
  for (const log of manifest.logs) {
    if (!seen.has(log.path)) reasons.push(`removed log ${log.path}`)
  }
  return reasons
}
