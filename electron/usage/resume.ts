import type { PreviousBuild, LogStat } from './incremental'
import type { GroupResume, LogGroup } from './sources/types'
import { identifyLog } from './store/fingerprint'
import type { LogFingerprint } from './store/manifest'

/** Resume point of a grown group, with its logs' earlier fingerprints. */
export interface ResumePoint {
  resume: GroupResume
  /** The previous fingerprint of each log, by absolute path, for its problems. */
  before: Map<string, LogFingerprint>
}

/**
 * Tells whether a changed group only grew: the same logs, none smaller than
 * before, each with the same first bytes and the same bytes just before where
 * the last read ended, and none written to without growing. Only then can
 * reading go on from there; a log that was truncated, replaced or rewritten
 * is read again whole. NOTE: a log rewritten between those bytes that also
 * grew is taken as appended to; telling would mean reading it all again.
 */
export async function resumePoint(
  group: LogGroup,
  previous: PreviousBuild,
  stats: ReadonlyMap<string, LogStat | null>
): Promise<ResumePoint | null> {
  if (previous.logCounts.get(group.conversation) !== group.files.length) return null
  // A group whose state was not kept (a small one), or whose state is gone
  // or damaged, is read whole.
  const stateName = group.files[0] && previous.logs.get(group.files[0].name)?.state
  if (stateName === undefined) return null
  const before = new Map<string, LogFingerprint>()
  const offsets = new Map<string, { endOffset: number; lines: number }>()

  for (const file of group.files) {
    const known = previous.logs.get(file.name)
    const current = stats.get(file.path)
    if (!known || !current || known.conversation !== group.conversation) return null
    if (current.size < known.size) return null
    // Written to without growing: an append-only log does not do that.
    const touched = Math.trunc(current.mtimeMs) !== known.mtimeMs
    if (current.size === known.size && touched) return null
    try {
      const identity = await identifyLog(file.path, known.endOffset)
      if (identity.head !== known.head || identity.tail !== known.tail) return null
    } catch {
      return null
    }
    before.set(file.path, known)
    offsets.set(file.path, { endOffset: known.endOffset, lines: known.lines })
  }

  const state = previous.store.states.read(stateName)
  if (state === null) return null
  return {
    before,
    resume: {
      records: previous.records.get(group.conversation) ?? [],
      title: previous.titles.get(group.conversation),
      state,
      offsets
    }
  }
}
