import type { EstimateRow, LongContextPrices, TokenPrices } from '../../../shared/pricing'
import { pricesOf } from '../lib/costs'
import type { Formats } from '../lib/format'
import { useFormats } from '../state/hooks'

const PRICE_COLUMNS: Array<{ field: keyof TokenPrices; title: string }> = [
  { field: 'input', title: 'Input' },
  { field: 'cacheRead', title: 'Cache read' },
  { field: 'cacheWrite5m', title: 'Cache write 5m' },
  { field: 'cacheWrite1h', title: 'Cache write 1h' },
  { field: 'output', title: 'Output' }
]

/**
 * Shows the list prices an estimate used in a disclosure, per model, with
 * where each came from and when it was read. Renders nothing when no row was
 * priced.
 */
export function PricesUsed(props: {
  rows: readonly EstimateRow[]
  summary: string
  testId: string
  /** A list for a narrow card, a table with a column per price elsewhere. */
  layout?: 'list' | 'table'
}) {
  const formats = useFormats()
  const prices = pricesOf(props.rows)
  if (prices.length === 0) return null
  if (props.layout === 'list') {
    return (
      <details className="prices-used" data-testid={props.testId}>
        <summary>{props.summary}</summary>
        <ul className="price-list">
          {prices.map(({ price, models, longContextRecords }) => (
            <li key={price.model} data-testid={`${props.testId}-${price.model}`}>
              <strong>{price.model}</strong>
              {models.some((model) => model !== price.model) && (
                <span className="muted"> (logged as {models.join(', ')})</span>
              )}
              <div>
                {PRICE_COLUMNS.map(
                  (column) =>
                    `${column.title} ${formats.price(price.prices[column.field])}`
                ).join(' · ')}{' '}
                per million tokens
              </div>
              {price.longContext && (
                <div className="cell-detail">
                  {longContextText(price.longContext, longContextRecords, formats)}
                </div>
              )}
              <div className="cell-detail source">{sourceText(price, formats)}</div>
            </li>
          ))}
        </ul>
      </details>
    )
  }
  return (
    <details className="prices-used" data-testid={props.testId}>
      <summary>{props.summary}</summary>
      <div className="table-wrap">
        <table className="data-table compact-table">
          <caption className="visually-hidden">
            List prices in US dollars per million tokens
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              {PRICE_COLUMNS.map((column) => (
                <th key={column.field} scope="col" className="numeric">
                  {column.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {prices.map(({ price, models, longContextRecords }) => (
              <tr key={price.model} data-testid={`${props.testId}-${price.model}`}>
                <th scope="row">
                  {price.model}
                  <div className="cell-detail">{sourceText(price, formats)}</div>
                  {models.some((model) => model !== price.model) && (
                    <div className="cell-detail">logged as {models.join(', ')}</div>
                  )}
                  {price.longContext && (
                    <div className="cell-detail">
                      {longContextText(price.longContext, longContextRecords, formats)}
                    </div>
                  )}
                </th>
                {PRICE_COLUMNS.map((column) => (
                  <td key={column.field} className="numeric">
                    {formats.price(price.prices[column.field])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}

function longContextText(
  longContext: LongContextPrices,
  records: number,
  formats: Formats
): string {
  const prices = PRICE_COLUMNS.map((column) =>
    formats.price(longContext.prices[column.field])
  ).join(' / ')
  const used = records > 0 ? `, used on ${formats.count(records)} records` : ''
  return `Above ${formats.count(longContext.aboveTokens)} prompt tokens: ${prices}${used}`
}

function sourceText(
  price: { source: string; checked: string | null; overridden: boolean },
  formats: Formats
): string {
  if (price.overridden) return `your price, from ${price.source}`
  if (price.checked) return `${price.source}, read ${formats.day(price.checked)}`
  return price.source
}
