import type {
  AgentsResult,
  ConversationQuery,
  ConversationRow,
  DayRange,
  OverviewResult,
  Page,
  ProviderCard,
  TurnRow
} from '../../../shared/api'
import { turnLabel } from '../../../shared/format'
import type { CostEstimate } from '../../../shared/pricing'
import { compareText } from '../../../shared/ledger'
import type { LedgerRecord } from '../../../shared/ledger'
import type { DayRollup, NamedRollup, RoutineRollup } from '../../../shared/rollups'
import { pickTotals, sumTotals } from '../../../shared/totals'
import type { Totals } from '../../../shared/totals'
import type { LoadedRollups } from './rollup-cache'

/** Rollups of one project, with the project's id. */
export interface ProjectRollups {
  projectId: string
  loaded: LoadedRollups
}

function inRange(day: string, range: DayRange): boolean {
  return (
    (range.from === null || day >= range.from) && (range.to === null || day <= range.to)
  )
}

/**
 * Merges day rollups of several projects. A turn whose records start on two
 * days counts on both, as it does within one project.
 */
export function mergeDays(lists: DayRollup[][]): DayRollup[] {
  const byDay = new Map<string, DayRollup[]>()
  for (const days of lists) {
    for (const day of days) {
      const same = byDay.get(day.day)
      if (same) same.push(day)
      else byDay.set(day.day, [day])
    }
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([day, rows]) => ({
      day,
      ...sumTotals(rows),
      byProvider: mergeKeyed(rows.map((row) => row.byProvider)),
      byAgent: mergeKeyed(rows.map((row) => row.byAgent)),
      byRoutine: mergeKeyed(rows.map((row) => row.byRoutine))
    }))
}

function mergeKeyed(maps: Record<string, Totals>[]): Record<string, Totals> {
  const grouped = new Map<string, Totals[]>()
  for (const map of maps) {
    for (const [key, totals] of Object.entries(map)) {
      const list = grouped.get(key)
      if (list) list.push(totals)
      else grouped.set(key, [totals])
    }
  }
  const merged: Record<string, Totals> = {}
  for (const key of [...grouped.keys()].sort(compareText))
    merged[key] = sumTotals(grouped.get(key) ?? [])
  return merged
}

export function overview(
  projects: ProjectRollups[],
  range: DayRange,
  timeZone: string
): OverviewResult {
  const all = mergeDays(projects.map((p) => p.loaded.rollups.days))
  const days = all.filter((day) => inRange(day.day, range))
  return {
    timeZone,
    days,
    total: sumTotals(days),
    firstDay: all[0]?.day ?? null,
    lastDay: all.at(-1)?.day ?? null
  }
}

/** Merges named rollups (agents or providers) of several projects by name. */
export function mergeNamed(
  lists: NamedRollup[][]
): Array<NamedRollup & { projects: number }> {
  const byName = new Map<string, NamedRollup[]>()
  for (const list of lists) {
    for (const row of list) {
      const same = byName.get(row.name)
      if (same) same.push(row)
      else byName.set(row.name, [row])
    }
  }
  return [...byName.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, rows]) => ({
      name,
      models: [...new Set(rows.flatMap((row) => row.models))].sort(compareText),
      projects: rows.length,
      ...sumTotals(rows.map(pickTotals))
    }))
}

/** Provider cards across projects, with dollar estimates from `estimate` where billed per token. */
export function providerCards(
  projects: ProjectRollups[],
  estimate: CostEstimate
): ProviderCard[] {
  const merged = mergeNamed(projects.map((p) => p.loaded.rollups.providers))
  const grand = merged.reduce((sum, row) => sum + row.inputTokens + row.outputTokens, 0)
  const estimates = new Map(estimate.providers.map((row) => [row.provider, row]))
  return merged.map((row) => {
    const provider = estimates.get(row.name)
    return {
      ...row,
      share: grand === 0 ? 0 : (row.inputTokens + row.outputTokens) / grand,
      billing: provider?.billing ?? null,
      estimatedDollars: provider?.dollars ?? null,
      unpricedTurns: provider?.unpricedTurns ?? 0
    }
  })
}

export function agents(
  projects: ProjectRollups[],
  range: DayRange,
  timeZone: string
): AgentsResult {
  return {
    timeZone,
    agents: mergeNamed(projects.map((p) => p.loaded.rollups.agents)).map(
      ({ projects: _projects, ...row }) => row
    ),
    days: mergeDays(projects.map((p) => p.loaded.rollups.days)).filter((day) =>
      inRange(day.day, range)
    )
  }
}

export function routines(projects: ProjectRollups[]): RoutineRollup[] {
  return projects
    .flatMap((p) => p.loaded.rollups.routines)
    .sort((a, b) => compareText(a.routine, b.routine))
}

const SORT_KEYS: Record<
  ConversationQuery['sort'],
  (row: ConversationRow) => number | string
> = {
  lastFinishedAt: (row) => row.lastFinishedAt ?? '',
  inputTokens: (row) => row.inputTokens,
  outputTokens: (row) => row.outputTokens,
  turns: (row) => row.turns,
  wallMs: (row) => row.wallMs,
  toolErrors: (row) => row.toolErrors
}

export function conversations(
  projects: ProjectRollups[],
  query: ConversationQuery
): Page<ConversationRow> {
  const search = query.search?.trim().toLowerCase() ?? ''
  const rows: ConversationRow[] = projects
    .flatMap((p) =>
      p.loaded.rollups.conversations.map((row) => ({ ...row, projectId: p.projectId }))
    )
    .filter(
      (row) =>
        search === '' ||
        row.conversation.toLowerCase().includes(search) ||
        (row.title ?? '').toLowerCase().includes(search)
    )

  const key = SORT_KEYS[query.sort]
  const direction = query.descending ? -1 : 1
  rows.sort((a, b) => {
    const x = key(a)
    const y = key(b)
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : compareText(String(x), String(y))
    return order * direction || compareText(a.conversation, b.conversation)
  })
  return page(rows, query.offset, query.limit)
}

/** Groups a conversation's records by turn, in turn order. */
export function turnRows(records: readonly LedgerRecord[]): TurnRow[] {
  const byTurn = new Map<number, LedgerRecord[]>()
  for (const record of records) {
    const list = byTurn.get(record.turn)
    if (list) list.push(record)
    else byTurn.set(record.turn, [record])
  }
  return [...byTurn.entries()]
    .sort(([a], [b]) => a - b)
    .map(([turn, list]) => turnRow(turn, list))
}

function turnRow(turn: number, records: LedgerRecord[]): TurnRow {
  const sum = (pick: (record: LedgerRecord) => number): number =>
    records.reduce((total, record) => total + pick(record), 0)
  const inputTokens = sum((r) => r.inputTokens)
  const outputTokens = sum((r) => r.outputTokens)
  const partial = records.some((r) => r.tokens === 'partial')
  return {
    turn,
    startedAt: records.map((r) => r.startedAt).sort(compareText)[0] ?? '',
    finishedAt:
      records
        .map((r) => r.finishedAt)
        .sort(compareText)
        .at(-1) ?? '',
    label: turnLabel(inputTokens, outputTokens, partial),
    partial,
    inputTokens,
    cacheReadTokens: sum((r) => r.cacheReadTokens),
    outputTokens,
    wallMs: Math.max(...records.map((r) => r.wallMs)),
    toolCalls: sum((r) => r.toolCalls),
    toolErrors: sum((r) => r.toolErrors),
    models: [...new Set(records.flatMap((r) => (r.model ? [r.model] : [])))].sort(
      compareText
    ),
    agents: [...new Set(records.map((r) => r.agent))].sort(compareText),
    records
  }
}

export function page<Row>(rows: Row[], offset: number, limit: number): Page<Row> {
  const start = Math.max(0, Math.trunc(offset))
  const size = Math.max(0, Math.min(Math.trunc(limit), 1000))
  return { rows: rows.slice(start, start + size), offset: start, total: rows.length }
}
