// Cost estimates from ledger records or per-model totals, in dollars from list
// prices. Only providers billed per token get a dollar figure. Pure: no Node,
// no DOM.

import type { LedgerRecord } from './ledger'
import { compareText, turnKey } from './ledger'
import { TOKEN_PRICE_FIELDS } from './pricing-table'
import type { BillingKind, ModelPrice, Pricing, TokenPrices } from './pricing-table'
import { TotalsBuilder, sumTotals } from './totals'
import type { Totals } from './totals'

export {
  BILLING_KINDS,
  DEFAULT_BILLING,
  PRICE_TABLE,
  Pricing,
  canonicalModel,
  pricingSettingsSchema
} from './pricing-table'
export type {
  BillingKind,
  LongContextPrices,
  ModelPrice,
  PriceEntry,
  PriceOverride,
  PricingSettings,
  TokenPrices
} from './pricing-table'

/** Token counts an estimate needs; `inputTokens` includes both cache parts. */
export type TokenUsage = Pick<
  LedgerRecord,
  | 'inputTokens'
  | 'cacheReadTokens'
  | 'cacheWriteTokens'
  | 'cacheWrite5mTokens'
  | 'cacheWrite1hTokens'
  | 'outputTokens'
>

/** Dollars by kind of token, and their sum. */
export type CostBreakdown = Record<keyof TokenPrices | 'total', number>

/**
 * Prices token counts. Uncached input is input minus both cache parts. Cache
 * writes that the source did not split by lifetime are priced as 5-minute writes.
 */
export function costOf(usage: TokenUsage, prices: TokenPrices): CostBreakdown {
  const cacheWrite1h = usage.cacheWrite1hTokens
  const cacheWrite5m = Math.max(0, usage.cacheWriteTokens - cacheWrite1h)
  const uncached = Math.max(
    0,
    usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens
  )
  const perToken = (count: number, price: number): number => (count * price) / 1e6
  const cost = {
    input: perToken(uncached, prices.input),
    cacheRead: perToken(usage.cacheReadTokens, prices.cacheRead),
    cacheWrite5m: perToken(cacheWrite5m, prices.cacheWrite5m),
    cacheWrite1h: perToken(cacheWrite1h, prices.cacheWrite1h),
    output: perToken(usage.outputTokens, prices.output),
    total: 0
  }
  cost.total =
    cost.input + cost.cacheRead + cost.cacheWrite5m + cost.cacheWrite1h + cost.output
  return cost
}

/** Reason a billed group of records has no dollar figure. */
export type UnpricedReason = 'no-model' | 'unknown-model' | 'unknown-provider'

/** One provider and model of an estimate. */
export interface EstimateRow {
  provider: string
  model: string | null
  billing: BillingKind | null
  /** `not-billed`: a subscription or local provider, shown in tokens and time only. */
  status: 'priced' | 'unpriced' | 'not-billed'
  unpricedReason: UnpricedReason | null
  totals: Totals
  /** Null unless the row is priced. */
  cost: CostBreakdown | null
  price: ModelPrice | null
  /** Records priced at the long-context prices. */
  longContextRecords: number
}

export interface ProviderEstimate {
  provider: string
  billing: BillingKind | null
  turns: number
  /** Null when no record of the provider was priced. */
  dollars: number | null
  unpricedTurns: number
}

/** An estimate from list prices, never a bill. */
export interface CostEstimate {
  currency: 'USD'
  rows: EstimateRow[]
  providers: ProviderEstimate[]
  /** Sum over priced rows only. */
  dollars: number
  unpricedTurns: number
  /** Input plus output tokens of the unpriced rows. */
  unpricedTokens: number
}

/** Per-model totals, for callers that have no records at hand. */
export interface ModelTotals {
  provider: string
  model: string | null
  totals: Totals
}

/** Distinct turns per provider, where the input still separates turns. */
interface TurnCounts {
  byProvider: Map<string, { turns: number; unpricedTurns: number }>
  unpricedTurns: number
}

interface Group {
  provider: string
  model: string | null
  builder: TotalsBuilder
  /** Totals added whole, by `estimateTotals`. */
  addedTotals: Totals[]
  cost: CostBreakdown | null
  longContextRecords: number
}

/**
 * Estimates the cost of ledger records. Each record is priced on its own, so
 * a record whose largest prompt passed a long-context threshold gets that
 * model's long-context prices.
 */
export function estimateRecords(
  records: Iterable<LedgerRecord>,
  pricing: Pricing
): CostEstimate {
  const groups = new Map<string, Group>()
  const turns = new Map<string, { all: Set<string>; unpriced: Set<string> }>()
  const unpricedTurns = new Set<string>()
  for (const record of records) {
    const group = groupFor(groups, record.provider, record.model)
    group.builder.add(record)
    let providerTurns = turns.get(record.provider)
    if (!providerTurns) {
      providerTurns = { all: new Set(), unpriced: new Set() }
      turns.set(record.provider, providerTurns)
    }
    const key = turnKey(record)
    providerTurns.all.add(key)

    const price = priceOf(record.provider, record.model, pricing)
    if (typeof price === 'string') {
      if (price !== 'not-billed') {
        unpricedTurns.add(key)
        providerTurns.unpriced.add(key)
      }
      continue
    }
    const long = price.longContext
    const useLong = long !== null && record.contextTokens > long.aboveTokens
    if (useLong) group.longContextRecords += 1
    addCost(group, costOf(record, useLong ? long.prices : price.prices))
  }

  const counts: TurnCounts = { byProvider: new Map(), unpricedTurns: unpricedTurns.size }
  for (const [provider, sets] of turns) {
    counts.byProvider.set(provider, {
      turns: sets.all.size,
      unpricedTurns: sets.unpriced.size
    })
  }
  return summarise(groups, pricing, counts)
}

/**
 * Estimates the cost of per-model totals. Totals cannot tell which records
 * passed a long-context threshold, so base prices apply throughout.
 */
export function estimateTotals(
  rows: Iterable<ModelTotals>,
  pricing: Pricing
): CostEstimate {
  const groups = new Map<string, Group>()
  const counts: TurnCounts = { byProvider: new Map(), unpricedTurns: 0 }
  for (const row of rows) {
    const group = groupFor(groups, row.provider, row.model)
    group.addedTotals.push(row.totals)
    const providerCounts = counts.byProvider.get(row.provider) ?? {
      turns: 0,
      unpricedTurns: 0
    }
    counts.byProvider.set(row.provider, providerCounts)
    providerCounts.turns += row.totals.turns

    const price = priceOf(row.provider, row.model, pricing)
    if (typeof price === 'string') {
      if (price !== 'not-billed') {
        counts.unpricedTurns += row.totals.turns
        providerCounts.unpricedTurns += row.totals.turns
      }
      continue
    }
    addCost(group, costOf(row.totals, price.prices))
  }
  return summarise(groups, pricing, counts)
}

function groupFor(
  groups: Map<string, Group>,
  provider: string,
  model: string | null
): Group {
  const key = `${provider}\u0000${model ?? ''}`
  let group = groups.get(key)
  if (!group) {
    group = {
      provider,
      model,
      builder: new TotalsBuilder(),
      addedTotals: [],
      cost: null,
      longContextRecords: 0
    }
    groups.set(key, group)
  }
  return group
}

function priceOf(
  provider: string,
  model: string | null,
  pricing: Pricing
): ModelPrice | UnpricedReason | 'not-billed' {
  const billing = pricing.billingKind(provider)
  if (billing === null) return 'unknown-provider'
  if (billing !== 'per-token') return 'not-billed'
  if (model === null) return 'no-model'
  return pricing.priceFor(model) ?? 'unknown-model'
}

function addCost(group: Group, cost: CostBreakdown): void {
  if (group.cost === null) {
    group.cost = cost
    return
  }
  for (const field of [...TOKEN_PRICE_FIELDS, 'total'] as const) {
    group.cost[field] += cost[field]
  }
}

function summarise(
  groups: Map<string, Group>,
  pricing: Pricing,
  counts: TurnCounts
): CostEstimate {
  const rows = [...groups.values()].map((group) => rowOf(group, pricing))
  rows.sort(
    (a, b) =>
      compareText(a.provider, b.provider) || compareText(a.model ?? '', b.model ?? '')
  )

  const providers = new Map<string, ProviderEstimate>()
  let dollars = 0
  let unpricedTokens = 0
  for (const row of rows) {
    let provider = providers.get(row.provider)
    if (!provider) {
      const turns = counts.byProvider.get(row.provider)
      provider = {
        provider: row.provider,
        billing: row.billing,
        turns: turns?.turns ?? 0,
        dollars: null,
        unpricedTurns: turns?.unpricedTurns ?? 0
      }
      providers.set(row.provider, provider)
    }
    if (row.cost) {
      provider.dollars = (provider.dollars ?? 0) + row.cost.total
      dollars += row.cost.total
    }
    if (row.status === 'unpriced') {
      unpricedTokens += row.totals.inputTokens + row.totals.outputTokens
    }
  }
  return {
    currency: 'USD',
    rows,
    providers: [...providers.values()],
    dollars,
    unpricedTurns: counts.unpricedTurns,
    unpricedTokens
  }
}

function rowOf(group: Group, pricing: Pricing): EstimateRow {
  const recordTotals = group.builder.result()
  const totals =
    group.addedTotals.length === 0
      ? recordTotals
      : sumTotals([recordTotals, ...group.addedTotals])
  const price = priceOf(group.provider, group.model, pricing)
  const priced = typeof price !== 'string'
  let status: EstimateRow['status'] = 'unpriced'
  if (priced) status = 'priced'
  else if (price === 'not-billed') status = 'not-billed'
  return {
    provider: group.provider,
    model: group.model,
    billing: pricing.billingKind(group.provider),
    status,
    unpricedReason: status === 'unpriced' ? (price as UnpricedReason) : null,
    totals,
    cost: priced ? group.cost : null,
    price: priced ? price : null,
    longContextRecords: group.longContextRecords
  }
}
