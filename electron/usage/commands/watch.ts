import { formatDuration, plural, printable } from '../../../shared/format'
import { turnKey } from '../../../shared/ledger'
import type { LedgerRecord } from '../../../shared/ledger'
import { rebuild } from '../build'
import type { BuildSummary } from '../build'
import type { Problem } from '../diagnostics'
import { errorText } from '../errors'
import { turnRows } from '../service/queries'
import { APP_VERSION } from '../version'
import { coalesce, watchLogs } from '../watch'
import { resolveContext } from './context'
import type { TargetOptions } from './context'
import { untilStopped } from './io'
import type { CommandIo } from './io'
import { reportProblems, runBuild } from './rebuild'
import { parseWorkers } from './workers'

/** Quiet time after a change before rebuilding, so a burst of writes gives one update. */
const COALESCE_MS = 100

/**
 * Runs `lowkey usage watch`: brings the rollups up to date, then rebuilds on
 * every change to the logs and prints one line per new turn on stdout.
 */
export async function watchCommand(
  options: TargetOptions,
  io: CommandIo
): Promise<number> {
  const context = await resolveContext(options, io)
  const first = await runBuild(context, io)
  reportProblems(first.diagnostics, io)
  let known = new Set((await first.readRecords()).map(turnKey))
  const reported = new Set(first.diagnostics.problems.map(problemKey))

  const updater = coalesce(async () => {
    let summary: BuildSummary
    let records: LedgerRecord[]
    try {
      summary = await rebuild(context.target, context.adapter, {
        timeZone: context.settings.timeZone,
        appVersion: APP_VERSION,
        parseWorkers: parseWorkers(io)
      })
      records = await summary.readRecords()
    } catch (error) {
      io.stderr(`lowkey: rebuild after a change failed: ${errorText(error)}\n`)
      return
    }
    for (const line of newTurnLines(summary, records, known)) {
      io.stdout(printable(line) + '\n')
    }
    for (const problem of summary.diagnostics.problems) {
      const key = problemKey(problem)
      if (reported.has(key)) continue
      reported.add(key)
      io.stderr(printable(key) + '\n')
    }
    known = new Set(records.map(turnKey))
  }, COALESCE_MS)

  const watcher = watchLogs(context.target.roots, updater.poke)
  await watcher.ready
  io.stderr(
    `watching ${context.target.roots.join(', ')}; new turns follow, one a line ` +
      '(Ctrl+C stops)\n'
  )
  await untilStopped(io)
  await watcher.close()
  await updater.idle()
  return 0
}

/** Describes each turn of the conversations just read that the last build did not have. */
export function newTurnLines(
  summary: Pick<BuildSummary, 'conversationsRead'>,
  records: readonly LedgerRecord[],
  known: ReadonlySet<string>
): string[] {
  const reread = new Set(summary.conversationsRead)
  const turns = new Map<string, LedgerRecord[]>()
  for (const record of records) {
    if (!reread.has(record.conversation)) continue
    const key = turnKey(record)
    if (known.has(key)) continue
    const list = turns.get(key)
    if (list) list.push(record)
    else turns.set(key, [record])
  }

  return [...turns.values()].flatMap((records) =>
    turnRows(records).map((row) =>
      [
        row.startedAt,
        records[0]?.conversation ?? '',
        `turn ${row.turn}`,
        row.agents.join(','),
        row.label,
        formatDuration(row.wallMs),
        plural(row.toolCalls, 'tool'),
        plural(row.toolErrors, 'error')
      ].join('  ')
    )
  )
}

/** A problem as one line, `file:line: message`, which also identifies it. */
function problemKey(problem: Problem): string {
  const where =
    problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`
  return `${where}: ${problem.message}`
}
