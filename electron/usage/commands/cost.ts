import { formatDuration, groupDigits, plural } from '../../../shared/format'
import type { LedgerRecord } from '../../../shared/ledger'
import { Pricing, estimateRecords } from '../../../shared/pricing'
import type {
  CostEstimate,
  EstimateRow,
  ModelPrice,
  TokenPrices
} from '../../../shared/pricing'
import { dayKeyOf } from '../../../shared/time'
import { dayRangeOption, resolveContext, timeZoneOption } from './context'
import type { TargetOptions } from './context'
import type { CommandIo } from './io'
import { ensureFresh } from './report'
import { renderTable } from './table'
import type { Column } from './table'

export interface CostOptions extends TargetOptions {
  since?: string
  until?: string
  tz?: string
  json?: boolean
  strict?: boolean
}

interface DayRange {
  timeZone: string
  since: string | null
  until: string | null
}

const ESTIMATE_NOTE =
  'an estimate from list prices in USD, not a bill; subscription and local ' +
  'providers are shown in tokens and time only'

/** Runs `lowkey usage cost`; returns the exit code. */
export async function costCommand(options: CostOptions, io: CommandIo): Promise<number> {
  const range = parseRange(options)
  const context = await resolveContext(options, io)
  range.timeZone = timeZoneOption(options.tz, context.settings)

  const storedZone = await ensureFresh(context, io, options.strict ?? false)
  if (storedZone === null) return 1
  const records = (await context.target.store.readLedger()).filter((record) =>
    inRange(record, range)
  )
  const estimate = estimateRecords(records, new Pricing(context.settings.pricing))

  if (options.json)
    io.stdout(JSON.stringify(jsonEstimate(estimate, range), null, 2) + '\n')
  else io.stdout(textEstimate(estimate, range))
  return 0
}

function parseRange(options: CostOptions): DayRange {
  return { timeZone: 'UTC', ...dayRangeOption(options) }
}

function inRange(record: LedgerRecord, range: DayRange): boolean {
  if (range.since === null && range.until === null) return true
  const day = dayKeyOf(record.startedAt, range.timeZone)
  return (
    (range.since === null || day >= range.since) &&
    (range.until === null || day <= range.until)
  )
}

/** Formats an estimated dollar amount; amounts under a cent are not shown as zero. */
export function formatDollars(value: number): string {
  if (value > 0 && value < 0.005) return '<$0.01'
  const [whole = '0', cents = '00'] = value.toFixed(2).split('.')
  return `$${groupDigits(Number(whole))}.${cents}`
}

function estimateCell(row: EstimateRow): string {
  if (row.cost) return formatDollars(row.cost.total)
  if (row.status === 'not-billed') return `(${row.billing})`
  return 'unpriced'
}

function textEstimate(estimate: CostEstimate, range: DayRange): string {
  if (estimate.rows.length === 0) return 'no usage recorded\n'
  const count = (pick: (row: EstimateRow) => number) => (row: EstimateRow) =>
    groupDigits(pick(row))
  const columns: Column<EstimateRow>[] = [
    { header: 'Provider', value: (row) => row.provider },
    { header: 'Model', value: (row) => row.model ?? '(unknown)' },
    { header: 'Turns', align: 'right', value: count((row) => row.totals.turns) },
    { header: 'Input', align: 'right', value: count((row) => row.totals.inputTokens) },
    {
      header: 'Cache read',
      align: 'right',
      value: count((row) => row.totals.cacheReadTokens)
    },
    {
      header: 'Cache write',
      align: 'right',
      value: count((row) => row.totals.cacheWriteTokens)
    },
    { header: 'Output', align: 'right', value: count((row) => row.totals.outputTokens) },
    {
      header: 'Wall time',
      align: 'right',
      value: (row) => formatDuration(row.totals.wallMs)
    },
    { header: 'Estimate', align: 'right', value: estimateCell }
  ]

  const span =
    range.since || range.until
      ? `, ${range.since ?? 'start'} to ${range.until ?? 'now'}`
      : ''
  const lines = [
    `estimated cost by provider and model (days in ${range.timeZone}${span})`,
    `${ESTIMATE_NOTE}`,
    '',
    renderTable(columns, estimate.rows).trimEnd(),
    '',
    `Estimated total: ${formatDollars(estimate.dollars)}` +
      (estimate.unpricedTurns > 0
        ? `, not counting ${plural(estimate.unpricedTurns, 'unpriced turn')}`
        : '')
  ]
  lines.push(...pricesUsed(estimate), ...unpricedLines(estimate))
  return lines.join('\n') + '\n'
}

function pricesUsed(estimate: CostEstimate): string[] {
  const prices = new Map<string, ModelPrice>()
  for (const row of estimate.rows) if (row.price) prices.set(row.price.model, row.price)
  if (prices.size === 0) return []
  const lines = [
    '',
    'Prices used, USD per million tokens (input / cache read / cache write 5m / ' +
      'cache write 1h / output):'
  ]
  for (const price of prices.values()) {
    const from = price.checked ? `${price.source}, read ${price.checked}` : price.source
    lines.push(`  ${price.model}: ${priceList(price.prices)} (${from})`)
    if (price.longContext) {
      lines.push(
        `  ${price.model} above ${groupDigits(price.longContext.aboveTokens)} ` +
          `prompt tokens: ${priceList(price.longContext.prices)}`
      )
    }
  }
  return lines
}

function priceList(prices: TokenPrices): string {
  return [prices.input, prices.cacheRead, prices.cacheWrite5m, prices.cacheWrite1h]
    .concat(prices.output)
    .map((price) => String(price))
    .join(' / ')
}

const UNPRICED_HINTS = {
  'unknown-model':
    'no price for this model: add it under pricing.models in settings.json',
  'no-model': 'the log does not name the model',
  'unknown-provider':
    'no billing kind for this provider: set it under pricing.billing in settings.json'
} as const

function unpricedLines(estimate: CostEstimate): string[] {
  const rows = estimate.rows.filter((row) => row.unpricedReason !== null)
  if (rows.length === 0) return []
  const lines = [
    '',
    `Unpriced, left out of the estimate: ${plural(estimate.unpricedTurns, 'turn')}, ` +
      `${plural(estimate.unpricedTokens, 'token')} (input + output)`
  ]
  for (const row of rows) {
    const hint = row.unpricedReason ? UNPRICED_HINTS[row.unpricedReason] : ''
    lines.push(
      `  ${row.provider} ${row.model ?? '(unknown model)'}: ` +
        `${plural(row.totals.turns, 'turn')}; ${hint}`
    )
  }
  return lines
}

const MICRO = 1e6

/** Rounds to a millionth of a dollar, so sums print without float noise. */
function roundDollars(value: number): number {
  return Math.round(value * MICRO) / MICRO
}

function jsonEstimate(estimate: CostEstimate, range: DayRange): unknown {
  return {
    estimate: true,
    note: ESTIMATE_NOTE,
    currency: estimate.currency,
    timeZone: range.timeZone,
    since: range.since,
    until: range.until,
    dollars: roundDollars(estimate.dollars),
    unpricedTurns: estimate.unpricedTurns,
    unpricedTokens: estimate.unpricedTokens,
    providers: estimate.providers.map((provider) => ({
      ...provider,
      dollars: provider.dollars === null ? null : roundDollars(provider.dollars)
    })),
    rows: estimate.rows.map((row) => ({
      provider: row.provider,
      model: row.model,
      billing: row.billing,
      status: row.status,
      unpricedReason: row.unpricedReason,
      ...row.totals,
      dollars: row.cost
        ? Object.fromEntries(
            Object.entries(row.cost).map(([field, value]) => [field, roundDollars(value)])
          )
        : null,
      price: row.price,
      longContextRecords: row.longContextRecords
    }))
  }
}
