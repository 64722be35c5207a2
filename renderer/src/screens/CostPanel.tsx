import { useStore } from 'zustand'

import type { DayRange, Scope } from '../../../shared/api'
import type { CostEstimate, EstimateRow } from '../../../shared/pricing'
import { ErrorNotice, ExportButtons, Panel } from '../components/common'
import { useExporter } from '../components/exports'
import { PricesUsed } from '../components/PricesUsed'
import { BILLING_NAMES, costTable, unpricedReasons } from '../lib/costs'
import { exportFileName } from '../lib/export'
import type { Formats } from '../lib/format'
import { useStores } from '../state/context'
import { useFormats, useLoad } from '../state/hooks'

/** The estimated cost of a scope and range, per provider and model, with its CSV export. */
export function CostPanel(props: {
  request: Scope & DayRange
  ready: boolean
  /** Parts of the export's file name that name the scope and range. */
  fileParts: string[]
}) {
  const { costs } = useStores()
  const formats = useFormats()
  const retry = useLoad(costs.getState().load, props.request, props.ready)
  const estimate = useStore(costs, (state) => state.result)
  const error = useStore(costs, (state) => state.error)

  const exporter = useExporter()
  const exportData = (): void =>
    void exporter.csv(
      exportFileName(['lowkey', ...props.fileParts], 'csv'),
      () => estimate && costTable(estimate.rows)
    )

  return (
    <Panel
      title="Estimated cost"
      className="cost-panel"
      actions={
        <ExportButtons
          onData={exportData}
          disabled={!estimate}
          dataLabel="Export cost CSV"
        />
      }
    >
      {error && (
        <ErrorNotice what="Loading the cost estimate" message={error} onRetry={retry} />
      )}
      {!error && !estimate && <p className="loading">Loading…</p>}
      {!error && estimate && <CostTable estimate={estimate} formats={formats} />}
    </Panel>
  )
}

function CostTable(props: { estimate: CostEstimate; formats: Formats }) {
  const { estimate, formats } = props
  const anyPriced = estimate.rows.some((row) => row.status === 'priced')
  return (
    <>
      <p className="muted">
        An estimate from list prices in US dollars, never a bill: discounts, taxes and
        tool fees are left out. Subscription and local providers are shown in tokens and
        time only.
      </p>
      <div className="table-wrap">
        <table className="data-table" data-testid="cost-table">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Model</th>
              <th scope="col" className="numeric">
                Turns
              </th>
              <th scope="col" className="numeric">
                Input
              </th>
              <th scope="col" className="numeric">
                Output
              </th>
              <th scope="col" className="numeric">
                Wall time
              </th>
              <th scope="col" className="numeric">
                Estimate
              </th>
            </tr>
          </thead>
          <tbody>
            {estimate.rows.map((row) => (
              <CostLine key={`${row.provider}\u0000${row.model ?? ''}`} row={row} />
            ))}
          </tbody>
        </table>
      </div>
      <p className="cost-total" data-testid="cost-total">
        {anyPriced ? (
          <>
            Estimated total: <strong>{formats.dollars(estimate.dollars)}</strong>
          </>
        ) : (
          'No turn in this range was priced'
        )}
        {estimate.unpricedTurns > 0 &&
          `, not counting ${formats.count(estimate.unpricedTurns)} unpriced ${
            estimate.unpricedTurns === 1 ? 'turn' : 'turns'
          } (${formats.count(estimate.unpricedTokens)} tokens)`}
      </p>
      <PricesUsed
        rows={estimate.rows}
        summary="Prices used, USD per million tokens"
        testId="cost-prices"
      />
    </>
  )
}

function CostLine(props: { row: EstimateRow }) {
  const { row } = props
  const formats = useFormats()
  const { totals } = row
  return (
    <tr data-testid={`cost-${row.provider}-${row.model ?? 'unknown'}`}>
      <th scope="row">{row.provider}</th>
      <td>{row.model ?? 'unknown'}</td>
      <td className="numeric">{formats.count(totals.turns)}</td>
      <td className="numeric">
        {formats.count(totals.inputTokens)}
        <div className="cell-detail" data-testid="cost-input-cached">
          {formats.count(totals.cacheReadTokens)} cached
        </div>
        {totals.cacheWriteTokens > 0 && (
          <div className="cell-detail" data-testid="cost-input-written">
            {formats.count(totals.cacheWriteTokens)} cache writes
          </div>
        )}
      </td>
      <td className="numeric">{formats.count(totals.outputTokens)}</td>
      <td className="numeric">{formats.duration(totals.wallMs)}</td>
      <EstimateCell row={row} formats={formats} />
    </tr>
  )
}

function EstimateCell(props: { row: EstimateRow; formats: Formats }) {
  const { row, formats } = props
  if (row.status === 'priced' && row.cost) {
    return (
      <td className="numeric" data-testid="cost-estimate">
        {formats.dollars(row.cost.total)}
        {row.longContextRecords > 0 && (
          <div className="cell-detail">
            long-context prices on {formats.count(row.longContextRecords)} records
          </div>
        )}
      </td>
    )
  }
  if (row.status === 'unpriced') {
    return (
      <td className="numeric unpriced" data-testid="cost-estimate">
        unpriced
        <div className="cell-detail">{unpricedReasons([row]) ?? 'no price'}</div>
      </td>
    )
  }
  return (
    <td className="numeric muted" data-testid="cost-estimate">
      {row.billing ? BILLING_NAMES[row.billing] : 'not billed'}
      <div className="cell-detail">tokens and time only</div>
    </td>
  )
}
