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

  add(record: LedgerRecord): void {
    const totals = this.totals
    for (const field of ADDITIVE_FIELDS) totals[field] += record[field]
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

    const key = turnKey(record)
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
