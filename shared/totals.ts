import { ADDITIVE_FIELDS, turnKey } from './ledger'
import type { AdditiveField, LedgerRecord } from './ledger'

/** Sums over a set of ledger records. */
export type Totals = Record<AdditiveField, number> & {
  /** Distinct (conversation, turn) pairs. */
  turns: number
  records: number
  /** Turns with at least one partial record. */
  partialTurns: number
  /** Sum over turns of the longest record of each turn, so parallel agents count once. */
  wallMs: number
  maxContextTokens: number
  firstStartedAt: string | null
  lastFinishedAt: string | null
}

export function emptyTotals(): Totals {
  const totals = {
    turns: 0,
    records: 0,
    partialTurns: 0,
    wallMs: 0,
    maxContextTokens: 0,
    firstStartedAt: null,
    lastFinishedAt: null
  } as Totals
  for (const field of ADDITIVE_FIELDS) totals[field] = 0
  return totals
}

/**
 * Adds records up into totals. Turns and wall time are counted per distinct
 * turn: several records of one turn (subagents, model switches) share it.
 */
export class TotalsBuilder {
  private readonly totals = emptyTotals()
  private readonly turnWall = new Map<string, number>()
  private readonly partialTurns = new Set<string>()

  /** Adds one record; `key` is its `turnKey`, when the caller has it already. */
  add(record: LedgerRecord, key = turnKey(record)): void {
    const totals = this.totals
    // Written out, not looped over ADDITIVE_FIELDS: a rebuild adds every record
    // to half a dozen builders, and field access by name in a loop is slower.
    totals.inputTokens += record.inputTokens
    totals.cacheReadTokens += record.cacheReadTokens
    totals.cacheWriteTokens += record.cacheWriteTokens
    totals.cacheWrite5mTokens += record.cacheWrite5mTokens
    totals.cacheWrite1hTokens += record.cacheWrite1hTokens
    totals.outputTokens += record.outputTokens
    totals.toolCalls += record.toolCalls
    totals.toolErrors += record.toolErrors
    totals.records += 1
    if (record.contextTokens > totals.maxContextTokens) {
      totals.maxContextTokens = record.contextTokens
    }
    if (totals.firstStartedAt === null || record.startedAt < totals.firstStartedAt) {
      totals.firstStartedAt = record.startedAt
    }
    if (totals.lastFinishedAt === null || record.finishedAt > totals.lastFinishedAt) {
      totals.lastFinishedAt = record.finishedAt
    }

    const wall = this.turnWall.get(key)
    if (wall === undefined || record.wallMs > wall) this.turnWall.set(key, record.wallMs)
    if (record.tokens === 'partial') this.partialTurns.add(key)
  }

  result(): Totals {
    let wallMs = 0
    for (const wall of this.turnWall.values()) wallMs += wall
    return {
      ...this.totals,
      turns: this.turnWall.size,
      partialTurns: this.partialTurns.size,
      wallMs
    }
  }
}

/** Totals of a list of records. */
export function totalsOf(records: Iterable<LedgerRecord>): Totals {
  const builder = new TotalsBuilder()
  for (const record of records) builder.add(record)
  return builder.result()
}

/**
 * Adds totals of disjoint sets of turns, such as the same provider in two
 * projects. Counts and wall time add up; the context maximum and the time span
 * widen.
 */
export function sumTotals(list: Iterable<Totals>): Totals {
  const sum = emptyTotals()
  for (const totals of list) {
    for (const field of ADDITIVE_FIELDS) sum[field] += totals[field]
    sum.turns += totals.turns
    sum.records += totals.records
    sum.partialTurns += totals.partialTurns
    sum.wallMs += totals.wallMs
    sum.maxContextTokens = Math.max(sum.maxContextTokens, totals.maxContextTokens)
    sum.firstStartedAt = earlier(sum.firstStartedAt, totals.firstStartedAt)
    sum.lastFinishedAt = later(sum.lastFinishedAt, totals.lastFinishedAt)
  }
  return sum
}

/** Copies only the fields of `Totals` out of a rollup row. */
export function pickTotals(row: Totals): Totals {
  const totals = emptyTotals()
  for (const field of ADDITIVE_FIELDS) totals[field] = row[field]
  totals.turns = row.turns
  totals.records = row.records
  totals.partialTurns = row.partialTurns
  totals.wallMs = row.wallMs
  totals.maxContextTokens = row.maxContextTokens
  totals.firstStartedAt = row.firstStartedAt
  totals.lastFinishedAt = row.lastFinishedAt
  return totals
}

function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b
  if (b === null) return a
  return a <= b ? a : b
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b
  if (b === null) return a
  return a >= b ? a : b
}
