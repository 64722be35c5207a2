import { useMemo, useRef } from 'react'
import { useStore } from 'zustand'

import { StackedBars } from '../charts/StackedBars'
import { RollupStateBanner, useScopeRollups } from '../components/BuildStatus'
import {
  EmptyState,
  ErrorNotice,
  ExportButtons,
  Panel,
  RangePicker,
  ScreenHeader,
  StatTile
} from '../components/common'
import { useExporter, useMenuExports } from '../components/exports'
import { latestRangeWithData } from '../lib/days'
import { exportFileName } from '../lib/export'
import type { ImageSource } from '../lib/export'
import type { Formats } from '../lib/format'
import { useStores } from '../state/context'
import { useFormats, useRangedQuery, useScope, useScopeName } from '../state/hooks'
import type { Totals } from '../../../shared/totals'
import { CostPanel } from './CostPanel'
import { dailySeries, dailyTable } from './overviewData'

export function Overview() {
  const { overview, views } = useStores()
  const scopeName = useScopeName()
  const formats = useFormats()
  const choice = useStore(views, (state) => state.overviewRange)
  const { range, request, ready, retry, result, error, loading } = useRangedQuery(
    overview,
    choice
  )

  const chart = useMemo(
    () => dailySeries(range, result?.days ?? [], 'byProvider'),
    [range, result]
  )
  const labels = useMemo(() => chart.days.map(formats.shortDay), [chart.days, formats])
  const imageRef = useRef<ImageSource | null>(null)

  const rangeName = range.from && range.to ? `${range.from}-to-${range.to}` : 'all-days'
  const exporter = useExporter()
  const exports = {
    exportChart: () =>
      exporter.png(
        exportFileName(['lowkey', scopeName, 'tokens-by-provider', rangeName], 'png'),
        imageRef.current
      ),
    exportData: () =>
      exporter.csv(
        exportFileName(['lowkey', scopeName, 'days-by-provider', rangeName], 'csv'),
        () => result && dailyTable(result.days, 'byProvider')
      )
  }
  useMenuExports(exports)

  const hasData = result !== null && result.total.turns > 0
  const rangeText =
    range.from && range.to
      ? `${formats.day(range.from)} – ${formats.day(range.to)}`
      : 'All days with usage'

  // The zone the rollups counted days in, which the response names.
  const dayZone = result?.timeZone ?? formats.timeZone
  return (
    <div className="screen">
      <ScreenHeader
        title="Overview"
        subtitle={`${scopeName} · ${rangeText} · days in ${dayZone}`}
      >
        <RangePicker
          value={choice}
          onChange={views.getState().setOverviewRange}
          customLabel={rangeText}
        />
      </ScreenHeader>
      <RollupStateBanner />
      {error && (
        <ErrorNotice what="Loading the overview" message={error} onRetry={retry} />
      )}
      {!error && result && !hasData && <NoUsage />}
      {!error && !result && loading && <p className="loading">Loading…</p>}
      {!error && result && hasData && (
        <>
          <TotalsStrip totals={result.total} formats={formats} />
          <Panel
            title="Tokens per day by provider"
            actions={
              <ExportButtons
                onChart={() => void exports.exportChart()}
                onData={() => void exports.exportData()}
              />
            }
          >
            <StackedBars
              description={`Tokens per day and provider, ${rangeText}`}
              labels={labels}
              series={chart.series}
              formatValue={formats.count}
              formatAxis={formats.compact}
              exportTitle={`Tokens per day by provider · ${scopeName} · ${rangeText}`}
              imageRef={imageRef}
            />
          </Panel>
          <CostPanel
            request={request}
            ready={ready}
            fileParts={[scopeName, 'estimated-cost', rangeName]}
          />
        </>
      )}
    </div>
  )
}

/** Shows the range's totals, with the cached part beside the input. */
export function TotalsStrip(props: { totals: Totals; formats: Formats }) {
  const { totals, formats } = props
  return (
    <div className="stats" data-testid="overview-totals">
      <StatTile
        label="Turns"
        value={formats.count(totals.turns)}
        detail={
          totals.partialTurns > 0
            ? `${formats.count(totals.partialTurns)} partial`
            : undefined
        }
        testId="total-turns"
      />
      <StatTile
        label="Input tokens"
        value={formats.count(totals.inputTokens)}
        detail={`${formats.count(totals.cacheReadTokens)} cached`}
        testId="total-input"
      />
      <StatTile
        label="Output tokens"
        value={formats.count(totals.outputTokens)}
        testId="total-output"
      />
      <StatTile
        label="Wall time"
        value={formats.duration(totals.wallMs)}
        testId="total-wall"
      />
      <StatTile
        label="Tool calls"
        value={formats.count(totals.toolCalls)}
        testId="total-tool-calls"
      />
      <StatTile
        label="Errors"
        value={formats.count(totals.toolErrors)}
        testId="total-errors"
      />
    </div>
  )
}

/** Offers the latest range with usage for an empty range, or explains how to get usage. */
function NoUsage() {
  const { overview, views, navigation, projects } = useStores()
  const result = useStore(overview, (state) => state.result)
  const request = useStore(overview, (state) => state.request)
  const formats = useFormats()
  const rollups = useScopeRollups()
  const scope = useScope()
  if (!result || !request) return null

  const latest = latestRangeWithData(request, result.firstDay, result.lastDay)
  if (!latest && rollups.building) {
    return (
      <EmptyState title="Building the rollups">
        <p>The figures appear here when the rebuild above finishes.</p>
      </EmptyState>
    )
  }
  if (!latest && rollups.needsRebuild) {
    return (
      <EmptyState title="The rollups are not built yet">
        <p>A rebuild reads the session logs and writes the figures this screen shows.</p>
        <button
          type="button"
          className="primary"
          onClick={() => void projects.getState().rebuild(scope.projectId)}
        >
          Rebuild now
        </button>
      </EmptyState>
    )
  }
  if (!latest) {
    return (
      <EmptyState title="No usage recorded yet">
        <p>
          Add a Lowkey project folder, or run Claude Code or Codex CLI on this machine:
          their logs are found on their own. If a project is listed but shows nothing,
          rebuild its rollups.
        </p>
        <button
          type="button"
          className="primary"
          onClick={() => navigation.getState().go('projects')}
        >
          Go to Projects
        </button>
      </EmptyState>
    )
  }
  return (
    <EmptyState title="No usage in this range">
      <p>
        The latest usage was on {formats.day(latest.to)}. Usage runs from{' '}
        {formats.day(result.firstDay ?? latest.from)} to {formats.day(latest.to)}.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="primary"
          onClick={() => views.getState().setOverviewRange(latest)}
        >
          Show {formats.day(latest.from)} – {formats.day(latest.to)}
        </button>
        <button
          type="button"
          onClick={() => views.getState().setOverviewRange({ preset: 'all' })}
        >
          Show all days
        </button>
      </div>
    </EmptyState>
  )
}
