import type { BillingKind, EstimateRow, ModelPrice } from '../../../shared/pricing'
import type { CsvTable } from './export'

export const BILLING_NAMES: Record<BillingKind, string> = {
  'per-token': 'per-token',
  subscription: 'subscription',
  local: 'local'
}

/** Sentence explaining the missing dollar figure of a subscription or local provider. */
export const NOT_BILLED_TEXT: Record<Exclude<BillingKind, 'per-token'>, string> = {
  subscription:
    'Billed by subscription: shown in tokens and time only, never in dollars.',
  local: 'Runs on local hardware: shown in tokens and time only, never in dollars.'
}

/**
 * Lists why turns are unpriced, such as "unknown model gpt-5.1-codex", from the
 * unpriced rows of an estimate. Returns null when no row has a reason.
 */
export function unpricedReasons(rows: readonly EstimateRow[]): string | null {
  const unknown = rows
    .filter((row) => row.unpricedReason === 'unknown-model')
    .map((row) => row.model ?? '')
  const parts: string[] = []
  if (unknown.length === 1) parts.push(`unknown model ${unknown[0]}`)
  if (unknown.length > 1) parts.push(`unknown models ${unknown.join(', ')}`)
  if (rows.some((row) => row.unpricedReason === 'no-model')) {
    parts.push('the log names no model')
  }
  if (rows.some((row) => row.unpricedReason === 'unknown-provider')) {
    parts.push('no billing kind for the provider')
  }
  return parts.length > 0 ? parts.join('; ') : null
}

/** Returns "6 turns unpriced (unknown model gpt-5.1-codex)" for a count and its rows. */
export function unpricedText(turns: number, rows: readonly EstimateRow[]): string {
  const noun = turns === 1 ? 'turn' : 'turns'
  const reasons = unpricedReasons(rows.filter((row) => row.status === 'unpriced'))
  return reasons ? `${turns} ${noun} unpriced (${reasons})` : `${turns} ${noun} unpriced`
}

/** Returns the prices of the priced rows, one per price table model, in the rows' order. */
export function pricesOf(rows: readonly EstimateRow[]): Array<{
  price: ModelPrice
  models: string[]
  longContextRecords: number
}> {
  const byModel = new Map<
    string,
    { price: ModelPrice; models: string[]; longContextRecords: number }
  >()
  for (const row of rows) {
    if (!row.price) continue
    let entry = byModel.get(row.price.model)
    if (!entry) {
      entry = { price: row.price, models: [], longContextRecords: 0 }
      byModel.set(row.price.model, entry)
    }
    if (row.model) entry.models.push(row.model)
    entry.longContextRecords += row.longContextRecords
  }
  return [...byModel.values()]
}

/** Lists an estimate's rows as a table, with the dollars and prices unrounded. */
export function costTable(rows: readonly EstimateRow[]): CsvTable {
  return {
    columns: [
      'provider',
      'model',
      'billing',
      'status',
      'unpricedReason',
      'turns',
      'inputTokens',
      'cacheReadTokens',
      'cacheWriteTokens',
      'outputTokens',
      'wallMs',
      'estimatedDollars',
      'priceModel',
      'priceInput',
      'priceCacheRead',
      'priceCacheWrite5m',
      'priceCacheWrite1h',
      'priceOutput',
      'priceSource',
      'priceChecked'
    ],
    rows: rows.map((row) => [
      row.provider,
      row.model,
      row.billing,
      row.status,
      row.unpricedReason,
      row.totals.turns,
      row.totals.inputTokens,
      row.totals.cacheReadTokens,
      row.totals.cacheWriteTokens,
      row.totals.outputTokens,
      row.totals.wallMs,
      row.cost?.total ?? null,
      row.price?.model ?? null,
      row.price?.prices.input ?? null,
      row.price?.prices.cacheRead ?? null,
      row.price?.prices.cacheWrite5m ?? null,
      row.price?.prices.cacheWrite1h ?? null,
      row.price?.prices.output ?? null,
      row.price?.source ?? null,
      row.price?.checked ?? null
    ])
  }
}
