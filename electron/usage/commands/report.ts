import { stringify } from 'csv-stringify/sync'

import { safeCsvCell } from '../../../shared/csv-cell'
import { formatDuration, groupDigits } from '../../../shared/format'
import type { Totals } from '../../../shared/totals'
import { errorText } from '../errors'
import { checkFreshness } from '../freshness'
import { ArgumentError, REPORT_GROUPINGS } from './arguments'
import type { ReportGrouping } from './arguments'
import { dayRangeOption, resolveContext, timeZoneOption } from './context'
import type { CommandContext, TargetOptions } from './context'
import type { CommandIo } from './io'
import { loadReport } from './report-data'
import type { ReportData, ReportQuery, ReportRow } from './report-data'
import { renderTable } from './table'
import type { Column } from './table'

export interface ReportOptions extends TargetOptions {
  by?: string
  since?: string
  until?: string
  tz?: string
  json?: boolean
  csv?: boolean
  strict?: boolean
}

/** Runs `lowkey usage report`; returns the exit code. */
export async function reportCommand(
  options: ReportOptions,
  io: CommandIo
): Promise<number> {
  const query = parseQuery(options)
  const context = await resolveContext(options, io)
  query.timeZone = timeZoneOption(options.tz, context.settings)

  const storedZone = await ensureFresh(context, io, options.strict ?? false)
  if (storedZone === null) return 1
  const data = await loadReport(context.target.store, storedZone, query)

  if (options.json) io.stdout(JSON.stringify(jsonReport(query, data), null, 2) + '\n')
  else if (options.csv) io.stdout(csvReport(query.by, data))
  else io.stdout(textReport(query, data))
  return 0
}

function parseQuery(options: ReportOptions): ReportQuery {
  const by = (options.by ?? 'day') as ReportGrouping
  if (!REPORT_GROUPINGS.includes(by)) {
    throw new ArgumentError(
      `unknown grouping "${options.by}": use --by ${REPORT_GROUPINGS.join('|')}`
    )
  }
  if (options.json && options.csv)
    throw new ArgumentError('choose one of --json and --csv')
  return { by, timeZone: 'UTC', ...dayRangeOption(options) }
}

/**
 * Rebuilds missing or stale rollups before a report or a warnings check. Returns
 * the time zone the stored rollups use, or null when `--strict` fails on bad lines.
 */
export async function ensureFresh(
  context: CommandContext,
  io: CommandIo,
  strict: boolean
): Promise<string | null> {
  const freshness = await checkFreshness(
    context.target,
    context.adapter,
    context.settings.timeZone
  )
  if (freshness.state === 'fresh') return freshness.manifest.timeZone

  if (freshness.state === 'missing') io.stderr('no rollups yet: building them first\n')
  else
    io.stderr(`rollups are stale (${freshness.reasons.join('; ')}): rebuilding first\n`)
  // Imported only now: reading logs needs far more code than reporting.
  const { reportProblems, runBuild } = await import('./rebuild')
  let summary: Awaited<ReturnType<typeof runBuild>>
  try {
    summary = await runBuild(context, io)
  } catch (error) {
    if (freshness.state === 'missing') throw error
    // A data folder that cannot be written to still has the last rollups.
    io.stderr(
      `lowkey: the rebuild failed (${errorText(error)}); reporting the rollups ` +
        `built ${freshness.manifest.builtAt}, which may be out of date\n`
    )
    return freshness.manifest.timeZone
  }
  reportProblems(summary.diagnostics, io)
  if (strict && summary.diagnostics.problems.length > 0) return null
  return summary.manifest.timeZone
}

const KEY_HEADERS: Record<ReportGrouping, string> = {
  day: 'Day',
  agent: 'Agent',
  provider: 'Provider',
  conversation: 'Conversation',
  routine: 'Routine'
}

function textReport(query: ReportQuery, data: ReportData): string {
  if (data.rows.length === 0) {
    return (
      'no usage recorded' + (query.since || query.until ? ' in that date range\n' : '\n')
    )
  }
  const number = (pick: (totals: Totals) => number): ((row: ReportRow) => string) => {
    return (row) => groupDigits(pick(row.totals))
  }
  const columns: Column<ReportRow>[] = [
    { header: KEY_HEADERS[query.by], value: (row) => row.key }
  ]
  if (query.by === 'routine') {
    columns.push(
      {
        header: 'Runs',
        align: 'right',
        value: (row) => (row.runs === undefined ? '' : groupDigits(row.runs))
      },
      {
        header: 'Avg tokens/run',
        align: 'right',
        value: (row) =>
          row.recentAverageTokens === undefined
            ? ''
            : groupDigits(row.recentAverageTokens)
      }
    )
  }
  columns.push(
    { header: 'Turns', align: 'right', value: number((t) => t.turns) },
    { header: 'Input', align: 'right', value: number((t) => t.inputTokens) },
    { header: 'Cache read', align: 'right', value: number((t) => t.cacheReadTokens) },
    { header: 'Cache write', align: 'right', value: number((t) => t.cacheWriteTokens) },
    { header: 'Output', align: 'right', value: number((t) => t.outputTokens) },
    {
      header: 'Wall time',
      align: 'right',
      value: (row) => formatDuration(row.totals.wallMs)
    },
    { header: 'Tools', align: 'right', value: number((t) => t.toolCalls) },
    { header: 'Errors', align: 'right', value: number((t) => t.toolErrors) },
    { header: 'Partial', align: 'right', value: number((t) => t.partialTurns) }
  )
  if (query.by === 'conversation') {
    columns.push({ header: 'Title', value: (row) => truncate(row.title ?? '', 40) })
  }

  const range =
    query.since || query.until
      ? `, ${query.since ?? 'start'} to ${query.until ?? 'now'}`
      : ''
  const heading = `usage by ${query.by} (days in ${query.timeZone}${range}; input includes cache)\n`
  return heading + renderTable(columns, data.rows, { key: 'Total', totals: data.total })
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : text.slice(0, width - 1) + '…'
}

const CSV_FIELDS = [
  'turns',
  'inputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'cacheWrite5mTokens',
  'cacheWrite1hTokens',
  'outputTokens',
  'wallMs',
  'toolCalls',
  'toolErrors',
  'partialTurns',
  'maxContextTokens'
] as const satisfies readonly (keyof Totals)[]

function csvReport(by: ReportGrouping, data: ReportData): string {
  const header: string[] = [by, ...CSV_FIELDS]
  if (by === 'conversation') header.push('title')
  if (by === 'routine') header.push('runs', 'recentAverageTokens')
  const rows = data.rows.map((row) => {
    const cells: Array<string | number> = [
      row.key,
      ...CSV_FIELDS.map((field) => row.totals[field])
    ]
    if (by === 'conversation') cells.push(row.title ?? '')
    if (by === 'routine') cells.push(row.runs ?? 0, row.recentAverageTokens ?? 0)
    return cells
  })
  return stringify([header, ...rows.map((row) => row.map(safeCsvCell))])
}

function jsonReport(query: ReportQuery, data: ReportData): unknown {
  return {
    by: query.by,
    timeZone: query.timeZone,
    since: query.since,
    until: query.until,
    rows: data.rows.map(({ key, totals, ...extra }) => ({
      [query.by]: key,
      ...extra,
      ...totals
    })),
    total: data.total
  }
}
