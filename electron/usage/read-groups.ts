import { compareText } from '../../shared/ledger'
import type { LedgerRecord } from '../../shared/ledger'
import type { BuildOptions, BuildProgress } from './build'
import { Diagnostics } from './diagnostics'
import type { DiagnosticsSnapshot } from './diagnostics'
import { errorText } from './errors'
import { unchangedGroup } from './incremental'
import type { PreviousBuild } from './incremental'
import { normalizeRecord } from './normalize'
import { parsePool } from './parse-pool'
import type { GroupReader } from './parse-pool'
import type { ScanResult } from './reader/lines'
import type { GroupResult, LogFile, LogGroup, SourceAdapter } from './sources/types'
import { resumePoint } from './resume'
import type { ResumePoint } from './resume'
import { statAll } from './stat-all'
import { replayLog } from './unchanged'
import type { ResumeStates } from './store/resume-states'
import { fingerprintLog } from './store/fingerprint'
import type { LogFingerprint } from './store/manifest'

/** Result of reading one group, in this thread or a worker. */
export interface ParsedGroup {
  records: LedgerRecord[]
  scans: Array<[string, ScanResult]>
  title?: string
  state?: unknown
  diagnostics: DiagnosticsSnapshot
}

export interface ReadResult {
  records: LedgerRecord[]
  logs: LogFingerprint[]
  titles: Map<string, string>
  logsRead: number
  conversationsRead: string[]
  /** Conversations taken from their logs: reused, or with at least one log read. */
  fromLogs: Set<string>
}

/** Reads only what was appended to a group's logs, in the calling thread. */
async function resumeGroup(
  adapter: SourceAdapter,
  group: LogGroup,
  point: ResumePoint
): Promise<ParsedGroup> {
  const resume = adapter.resumeGroup as NonNullable<SourceAdapter['resumeGroup']>
  const diagnostics = new Diagnostics()
  return parsedOf(await resume(group, point.resume, diagnostics), diagnostics)
}

/** Reads a group in the calling thread. */
export async function parseGroup(
  adapter: SourceAdapter,
  group: LogGroup
): Promise<ParsedGroup> {
  const diagnostics = new Diagnostics()
  return parsedOf(await adapter.readGroup(group, diagnostics), diagnostics)
}

function parsedOf(result: GroupResult, diagnostics: Diagnostics): ParsedGroup {
  return {
    records: result.records,
    scans: [...result.scans],
    title: result.title,
    state: result.state,
    diagnostics
  }
}

/**
 * Reads every group that changed since `previous` and reuses the others. With
 * a `reader` (a pool of worker threads) groups are parsed in parallel, but
 * their results are taken in discovery order, so the output never depends on
 * which thread finished first.
 */
export async function readGroups(
  groups: LogGroup[],
  adapter: SourceAdapter,
  diagnostics: Diagnostics,
  options: BuildOptions,
  previous: PreviousBuild | null,
  states: ResumeStates
): Promise<ReadResult> {
  const stats = await statAll(
    groups.flatMap((group) => group.files.map((file) => file.path))
  )
  const sizes = groups.map((group) =>
    group.files.reduce((sum, file) => sum + (stats.get(file.path)?.size ?? 0), 0)
  )
  const progress: BuildProgress = {
    filesDone: 0,
    filesTotal: groups.reduce((sum, group) => sum + group.files.length, 0),
    bytesDone: 0,
    bytesTotal: sizes.reduce((sum, size) => sum + size, 0)
  }
  options.onProgress?.({ ...progress })

  const reused = groups.map((group) =>
    previous ? unchangedGroup(group, previous, stats) : null
  )
  const resumable = await Promise.all(
    groups.map((group, index) =>
      previous && adapter.resumeGroup && !reused[index]
        ? resumePoint(group, previous, stats)
        : null
    )
  )
  const bytesToRead = sizes.reduce(
    (sum, size, index) => (reused[index] || resumable[index] ? sum : sum + size),
    0
  )
  const reader = startReader(options, bytesToRead)
  try {
    return await collectGroups(groups, adapter, diagnostics, options, {
      previous,
      states,
      reused,
      resumable,
      sizes,
      progress,
      reader
    })
  } finally {
    await reader?.close()
  }
}

/**
 * Bytes below which a group's resume state is not kept: reading 256 KiB again
 * takes a few milliseconds, and writing hundreds of small state files for a
 * build took longer than that.
 */
export const RESUME_MIN_BYTES = 256 * 1024

/** Tells whether a group's logs are large enough for its state to be kept. */
function keepsState(parsed: ParsedGroup, options: BuildOptions): boolean {
  if (parsed.state === undefined) return false
  let bytes = 0
  for (const [, scan] of parsed.scans) bytes += scan.endOffset
  return bytes >= (options.resumeMinBytes ?? RESUME_MIN_BYTES)
}

/** Bytes to read below which starting worker threads costs more than it saves. */
const PARALLEL_MIN_BYTES = 16 * 1024 * 1024

function startReader(options: BuildOptions, bytesToRead: number): GroupReader | null {
  const workers = options.parseWorkers
  const minBytes = workers?.minBytes ?? PARALLEL_MIN_BYTES
  if (!workers || workers.threads < 2 || bytesToRead < minBytes) return null
  return parsePool(workers.path, workers.threads)
}

async function collectGroups(
  groups: LogGroup[],
  adapter: SourceAdapter,
  diagnostics: Diagnostics,
  options: BuildOptions,
  state: {
    previous: PreviousBuild | null
    states: ResumeStates
    reused: Array<LogFingerprint[] | null>
    resumable: Array<ResumePoint | null>
    sizes: number[]
    progress: BuildProgress
    reader: GroupReader | null
  }
): Promise<ReadResult> {
  const { previous, states, reused, resumable, sizes, progress, reader } = state
  const parse = (group: LogGroup): Promise<ParsedGroup> =>
    reader ? reader.read(adapter.kind, group) : parseGroup(adapter, group)
  // Sent all at once: the pool queues them. In-thread reads start one by one below.
  const pending = reader
    ? groups.map((group, index) =>
        reused[index] || resumable[index] ? null : parse(group)
      )
    : null
  // A rejection is taken when its turn comes; until then it must not count as unhandled.
  for (const promise of pending ?? []) promise?.catch(() => undefined)

  const result: ReadResult = {
    records: [],
    logs: [],
    titles: new Map(),
    logsRead: 0,
    conversationsRead: [],
    fromLogs: new Set()
  }
  for (const [index, group] of groups.entries()) {
    options.signal?.throwIfAborted()
    const fingerprints = reused[index]
    if (previous && fingerprints) {
      reuseGroup(group, fingerprints, previous, diagnostics, result)
      result.fromLogs.add(group.conversation)
    } else {
      let point = resumable[index]
      let parsed: ParsedGroup | null = null
      if (point) {
        // A state the adapter cannot take up leaves the group to be read whole.
        parsed = await resumeGroup(adapter, group, point).catch(() => null)
        if (parsed === null) point = null
      }
      parsed ??= await (pending?.[index] ?? parse(group))
      const stateName = keepsState(parsed, options)
        ? states.write(parsed.state)
        : undefined
      await collectGroup(group, parsed, diagnostics, result, {
        before: point?.before,
        stateName
      })
      result.logsRead += parsed.scans.length
      result.conversationsRead.push(group.conversation)
      if (parsed.scans.length > 0) result.fromLogs.add(group.conversation)
    }
    progress.filesDone += group.files.length
    progress.bytesDone += sizes[index] ?? 0
    options.onProgress?.({ ...progress })
  }
  result.logs.sort((a, b) => compareText(a.path, b.path))
  return result
}

function reuseGroup(
  group: LogGroup,
  fingerprints: LogFingerprint[],
  previous: PreviousBuild,
  diagnostics: Diagnostics,
  into: ReadResult
): void {
  into.records.push(...(previous.records.get(group.conversation) ?? []))
  const title = previous.titles.get(group.conversation)
  if (title) into.titles.set(group.conversation, title)
  for (const [position, log] of fingerprints.entries()) {
    into.logs.push(log)
    replayLog(diagnostics, group.files[position]?.path ?? log.path, log)
  }
}

/** Adds a parsed group's records, fingerprints, title and problems to the build. */
async function collectGroup(
  group: LogGroup,
  parsed: ParsedGroup,
  diagnostics: Diagnostics,
  into: ReadResult,
  resume: {
    /** Fingerprints the logs had where a resumed read began. */
    before?: Map<string, LogFingerprint>
    /** Name of the group's kept resume state. */
    stateName?: string
  }
): Promise<void> {
  const { before, stateName } = resume
  if (parsed.title) into.titles.set(group.conversation, parsed.title)
  const scans = new Map(parsed.scans)
  // A resumed log keeps the problems found before where this read began.
  const earlierOf = (file: LogFile): LogFingerprint | undefined =>
    (scans.get(file.path)?.startOffset ?? 0) > 0 ? before?.get(file.path) : undefined
  addProblems(group, parsed.diagnostics, earlierOf, diagnostics)

  for (const record of parsed.records) {
    const normalized = normalizeRecord(record)
    if (typeof normalized === 'string') {
      diagnostics.note(
        group.files[0]?.path ?? group.conversation,
        `invalid record: ${normalized}`
      )
    } else {
      into.records.push(normalized)
    }
  }

  for (const file of group.files) {
    const scan = scans.get(file.path)
    if (!scan) continue
    const earlier = earlierOf(file)
    const mine = parsed.diagnostics.problems.filter(
      (problem) => problem.file === file.path
    )
    const state = file === group.files[0] ? stateName : undefined
    try {
      into.logs.push(
        await fingerprintLog(
          file.path,
          file.name,
          group.conversation,
          scan,
          {
            badLines:
              (earlier?.badLines ?? 0) +
              mine.filter((problem) => problem.line !== undefined).length,
            list: [
              ...(earlier?.problems ?? []),
              ...mine.map(({ line, message }) => ({ file: file.name, line, message }))
            ]
          },
          state
        )
      )
    } catch (error) {
      diagnostics.unreadable(
        file.path,
        `cannot fingerprint the log (${errorText(error)})`
      )
    }
    if (scan.unfinishedBytes > 0) diagnostics.unfinishedLastLine(file.path)
    if (scan.size === 0) diagnostics.emptyLog(file.path)
  }
}

/**
 * Adds a parsed group's problems, each log's after those an earlier read
 * found in it, so that a resumed read lists them as a whole read does.
 */
function addProblems(
  group: LogGroup,
  found: DiagnosticsSnapshot,
  earlierOf: (file: LogFile) => LogFingerprint | undefined,
  into: Diagnostics
): void {
  into.absorb({ ...found, problems: [] })
  const files = new Set(group.files.map((file) => file.path))
  for (const file of group.files) {
    const earlier = earlierOf(file)
    if (earlier) {
      into.replay(
        file.path,
        earlier.badLines,
        earlier.problems.map(({ line, message }) => ({ file: file.path, line, message }))
      )
    }
    into.problems.push(...found.problems.filter((problem) => problem.file === file.path))
  }
  into.problems.push(...found.problems.filter((problem) => !files.has(problem.file)))
}
