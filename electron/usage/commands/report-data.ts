import type { LedgerRecord } from '../../../shared/ledger'
import { computeRollups } from '../../../shared/rollups'
import type { ConversationRollup, Rollups } from '../../../shared/rollups'
import { dayKeyOf } from '../../../shared/time'
import { sumTotals, totalsOf } from '../../../shared/totals'
import type { Totals } from '../../../shared/totals'
import type { RollupStore } from '../store/rollup-store'
import type { ReportGrouping } from './arguments'

/** One row of a report: a group's key, its totals, and what only some groupings have. */
export interface ReportRow {
  key: string
  totals: Totals
  title?: string | null
  runs?: number
  recentAverageTokens?: number
}

export interface ReportQuery {
  by: ReportGrouping
  timeZone: string
  since: string | null
  until: string | null
}

export interface ReportData {
  rows: ReportRow[]
  total: Totals
}

/**
 * Loads a report's rows. The stored rollups answer directly when their time
 * zone matches and no date range is set; otherwise the ledger is regrouped.
 */
export async function loadReport(
  store: RollupStore,
  storedZone: string,
  query: ReportQuery
): Promise<ReportData> {
  if (query.timeZone === storedZone && query.since === null && query.until === null) {
    const conversations = await store.readRollup('conversations')
    return {
      rows: await storedRows(store, query.by, conversations),
      total: sumConversations(conversations)
    }
  }

  const titles = new Map(
    (await store.readRollup('conversations'))
      .filter((row) => row.title !== null)
      .map((row) => [row.conversation, row.title ?? ''])
  )
  const records = (await store.readLedger()).filter((record) => inRange(record, query))
  const rollups = computeRollups(records, query.timeZone, titles)
  return { rows: rowsOf(rollups, query.by), total: totalsOf(records) }
}

function inRange(record: LedgerRecord, query: ReportQuery): boolean {
  if (query.since === null && query.until === null) return true
  const day = dayKeyOf(record.startedAt, query.timeZone)
  return (
    (query.since === null || day >= query.since) &&
    (query.until === null || day <= query.until)
  )
}

async function storedRows(
  store: RollupStore,
  by: ReportGrouping,
  conversations: ConversationRollup[]
): Promise<ReportRow[]> {
  switch (by) {
    case 'conversation':
      return rowsOf({ conversations } as Rollups, by)
    case 'day':
      return rowsOf({ days: await store.readRollup('days') } as Rollups, by)
    case 'agent':
      return rowsOf({ agents: await store.readRollup('agents') } as Rollups, by)
    case 'provider':
      return rowsOf({ providers: await store.readRollup('providers') } as Rollups, by)
    case 'routine':
      return rowsOf({ routines: await store.readRollup('routines') } as Rollups, by)
  }
}

function rowsOf(rollups: Rollups, by: ReportGrouping): ReportRow[] {
  switch (by) {
    case 'day':
      return rollups.days.map(
        ({ day, byAgent: _a, byProvider: _p, byRoutine: _r, ...totals }) => ({
          key: day,
          totals
        })
      )
    case 'agent':
    case 'provider':
      return (by === 'agent' ? rollups.agents : rollups.providers).map(
        ({ name, models: _models, ...totals }) => ({ key: name, totals })
      )
    case 'conversation':
      return rollups.conversations.map(
        ({
          conversation,
          title,
          agents: _a,
          providers: _p,
          models: _m,
          routine: _r,
          run: _run,
          ...totals
        }) => ({
          key: conversation,
          title,
          totals
        })
      )
    case 'routine':
      return rollups.routines.map(({ routine, runs, recentAverage, ...totals }) => ({
        key: routine,
        totals,
        runs: runs.length,
        recentAverageTokens: recentAverage.tokens
      }))
  }
}

/** Sums conversation rollups: every turn belongs to exactly one conversation. */
function sumConversations(rows: readonly ConversationRollup[]): Totals {
  return sumTotals(rows)
}
