// The ledger and each rollup as CSV or JSON text. JSON keeps every field as
// stored; CSV flattens nested rollups into rows, as each function describes.

import { stringify } from 'csv-stringify/sync'

import { ledgerRecordSchema } from '../../../shared/ledger'
import { safeCsvCell } from '../../../shared/csv-cell'
import type { LedgerRecord } from '../../../shared/ledger'
import type { NamedRollup, Rollups } from '../../../shared/rollups'
import type { Totals } from '../../../shared/totals'
import type { RollupStore } from '../store/rollup-store'

/** What an export contains: the ledger or one rollup. */
export const EXPORT_CONTENTS = [
  'ledger',
  'conversations',
  'days',
  'agents',
  'providers',
  'routines'
] as const
export type ExportContent = (typeof EXPORT_CONTENTS)[number]

export type TableFormat = 'csv' | 'json'

type Cell = string | number | null

/** Totals columns every rollup table ends with, in this order. */
export const TOTALS_COLUMNS = [
  'turns',
  'records',
  'partialTurns',
  'inputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'cacheWrite5mTokens',
  'cacheWrite1hTokens',
  'outputTokens',
  'wallMs',
  'toolCalls',
  'toolErrors',
  'maxContextTokens',
  'firstStartedAt',
  'lastFinishedAt'
] as const satisfies readonly (keyof Totals)[]

const LEDGER_COLUMNS = Object.keys(ledgerRecordSchema.shape) as (keyof LedgerRecord)[]

/** Joins names into one CSV cell. */
const LIST_SEPARATOR = ';'

/** Reads the ledger or a rollup from the current set and renders it. */
export async function exportTable(
  store: RollupStore,
  content: ExportContent,
  format: TableFormat
): Promise<{ text: string; rows: number }> {
  const data =
    content === 'ledger' ? await store.readLedger() : await store.readRollup(content)
  if (format === 'json') {
    return { text: JSON.stringify(data, null, 2) + '\n', rows: data.length }
  }
  const table = csvTable(content, data)
  const rows = table.rows.map((row) => row.map(safeCsvCell))
  return { text: stringify([table.header, ...rows]), rows: rows.length }
}

function csvTable(
  content: ExportContent,
  data: LedgerRecord[] | Rollups[keyof Rollups]
): { header: string[]; rows: Cell[][] } {
  switch (content) {
    case 'ledger':
      return ledgerTable(data as LedgerRecord[])
    case 'conversations':
      return conversationsTable(data as Rollups['conversations'])
    case 'days':
      return daysTable(data as Rollups['days'])
    case 'agents':
    case 'providers':
      return namedTable(
        content === 'agents' ? 'agent' : 'provider',
        data as NamedRollup[]
      )
    case 'routines':
      return routinesTable(data as Rollups['routines'])
  }
}

function totalsCells(totals: Totals): Cell[] {
  return TOTALS_COLUMNS.map((column) => totals[column])
}

function ledgerTable(records: LedgerRecord[]): { header: string[]; rows: Cell[][] } {
  return {
    header: [...LEDGER_COLUMNS],
    rows: records.map((record) => LEDGER_COLUMNS.map((column) => record[column]))
  }
}

function conversationsTable(rows: Rollups['conversations']): {
  header: string[]
  rows: Cell[][]
} {
  return {
    header: [
      'conversation',
      'title',
      'agents',
      'providers',
      'models',
      'routine',
      'run',
      ...TOTALS_COLUMNS
    ],
    rows: rows.map((row) => [
      row.conversation,
      row.title,
      row.agents.join(LIST_SEPARATOR),
      row.providers.join(LIST_SEPARATOR),
      row.models.join(LIST_SEPARATOR),
      row.routine,
      row.run,
      ...totalsCells(row)
    ])
  }
}

/**
 * One row per day with `group` `all`, then one row per provider, agent and
 * routine of that day with `group` naming the split.
 */
function daysTable(days: Rollups['days']): { header: string[]; rows: Cell[][] } {
  const rows: Cell[][] = []
  for (const day of days) {
    rows.push([day.day, 'all', '', ...totalsCells(day)])
    const splits = [
      ['provider', day.byProvider],
      ['agent', day.byAgent],
      ['routine', day.byRoutine]
    ] as const
    for (const [group, byName] of splits) {
      for (const [name, totals] of Object.entries(byName)) {
        rows.push([day.day, group, name, ...totalsCells(totals)])
      }
    }
  }
  return { header: ['day', 'group', 'name', ...TOTALS_COLUMNS], rows }
}

function namedTable(
  key: 'agent' | 'provider',
  rows: NamedRollup[]
): { header: string[]; rows: Cell[][] } {
  return {
    header: [key, 'models', ...TOTALS_COLUMNS],
    rows: rows.map((row) => [
      row.name,
      row.models.join(LIST_SEPARATOR),
      ...totalsCells(row)
    ])
  }
}

const AVERAGE_COLUMNS = [
  'recentAverageRuns',
  'recentAverageInputTokens',
  'recentAverageOutputTokens',
  'recentAverageTokens',
  'recentAverageWallMs'
]

/**
 * One row per routine with an empty `run` and its recent-run average, then one
 * row per run. A run's split by agent is in the JSON export only.
 */
function routinesTable(routines: Rollups['routines']): {
  header: string[]
  rows: Cell[][]
} {
  const rows: Cell[][] = []
  for (const routine of routines) {
    const average = routine.recentAverage
    rows.push([
      routine.routine,
      '',
      '',
      ...totalsCells(routine),
      average.runs,
      average.inputTokens,
      average.outputTokens,
      average.tokens,
      average.wallMs
    ])
    for (const run of routine.runs) {
      const blanks = AVERAGE_COLUMNS.map(() => '')
      rows.push([
        routine.routine,
        run.run,
        run.conversations.join(LIST_SEPARATOR),
        ...totalsCells(run),
        ...blanks
      ])
    }
  }
  return {
    header: ['routine', 'run', 'conversations', ...TOTALS_COLUMNS, ...AVERAGE_COLUMNS],
    rows
  }
}
