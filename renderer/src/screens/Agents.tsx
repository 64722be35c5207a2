import { useMemo, useRef } from 'react'
import { useStore } from 'zustand'

import { StackedBars } from '../charts/StackedBars'
import { RollupStateBanner } from '../components/BuildStatus'
import {
  EmptyState,
  ErrorNotice,
  ExportButtons,
  Panel,
  RangePicker,
  ScreenHeader
} from '../components/common'
import { useExporter, useMenuExports } from '../components/exports'
import { exportFileName } from '../lib/export'
import type { ImageSource } from '../lib/export'
import { useStores } from '../state/context'
import { useFormats, useRangedQuery, useScopeName } from '../state/hooks'
import { AgentsTable, DaysTable } from './AgentTables'
import { dailySeries, dailyTable, namedTable, tokenKindSeries } from './overviewData'

export function Agents() {
  const { agents, views } = useStores()
  const scopeName = useScopeName()
  const formats = useFormats()
  const choice = useStore(views, (state) => state.agentsRange)
  const { range, retry, result, error, loading } = useRangedQuery(agents, choice)

  const daily = useMemo(
    () => dailySeries(range, result?.days ?? [], 'byAgent'),
    [range, result]
  )
  const dayLabels = useMemo(() => daily.days.map(formats.shortDay), [daily.days, formats])
  const perAgent = useMemo(() => tokenKindSeries(result?.agents ?? []), [result])
  const dayChart = useRef<ImageSource | null>(null)
  const agentChart = useRef<ImageSource | null>(null)

  const rangeName = range.from && range.to ? `${range.from}-to-${range.to}` : 'all-days'
  const rangeText =
    range.from && range.to
      ? `${formats.day(range.from)} – ${formats.day(range.to)}`
      : 'All days with usage'
  const fileName = (what: string, extension: string): string =>
    exportFileName(['lowkey', scopeName, what, rangeName], extension)

  const exporter = useExporter()
  // The menu's export items act on the chart and table of days.
  const dayExports = {
    exportChart: () =>
      exporter.png(fileName('tokens-by-agent-per-day', 'png'), dayChart.current),
    exportData: () =>
      exporter.csv(
        fileName('days-by-agent', 'csv'),
        () => result && dailyTable(result.days, 'byAgent')
      )
  }
  useMenuExports(dayExports)
  const exportAgentChart = (): void =>
    void exporter.png(fileName('tokens-by-agent', 'png'), agentChart.current)
  const exportAgentData = (): void =>
    void exporter.csv(
      fileName('agents', 'csv'),
      () => result && namedTable('agent', result.agents)
    )

  const hasData = result !== null && result.agents.length > 0
  // The zone the rollups counted days in, which the response names.
  const dayZone = result?.timeZone ?? formats.timeZone
  return (
    <div className="screen">
      <ScreenHeader
        title="Agents and days"
        subtitle={`${scopeName} · ${rangeText} · days in ${dayZone}`}
      >
        <RangePicker
          value={choice}
          onChange={views.getState().setAgentsRange}
          customLabel={rangeText}
        />
      </ScreenHeader>
      <RollupStateBanner />
      {error && <ErrorNotice what="Loading the agents" message={error} onRetry={retry} />}
      {!error && !result && loading && <p className="loading">Loading…</p>}
      {!error && result && !hasData && (
        <EmptyState title="No agent worked in this range">
          <p>Choose a longer range, or All, to see earlier days.</p>
          <button
            type="button"
            className="primary"
            onClick={() => views.getState().setAgentsRange({ preset: 'all' })}
          >
            Show all days
          </button>
        </EmptyState>
      )}
      {!error && result && hasData && (
        <>
          <div className="split-wide">
            <Panel
              title="Tokens per day by agent"
              actions={
                <ExportButtons
                  onChart={() => void dayExports.exportChart()}
                  onData={() => void dayExports.exportData()}
                />
              }
            >
              <StackedBars
                description={`Stacked bars of tokens per day and agent, ${rangeText}`}
                labels={dayLabels}
                series={daily.series}
                formatValue={formats.count}
                formatAxis={formats.compact}
                exportTitle={`Tokens per day by agent · ${scopeName} · ${rangeText}`}
                imageRef={dayChart}
              />
            </Panel>
            <Panel
              title="Tokens by agent"
              actions={
                <ExportButtons onChart={exportAgentChart} onData={exportAgentData} />
              }
            >
              <StackedBars
                description="Cached input, uncached input and output tokens of each agent"
                labels={perAgent.labels}
                series={perAgent.series}
                formatValue={formats.count}
                formatAxis={formats.compact}
                horizontal
                exportTitle={`Tokens by agent · ${scopeName} · ${rangeText}`}
                imageRef={agentChart}
              />
            </Panel>
          </div>
          <Panel title="Agents">
            <AgentsTable agents={result.agents} />
          </Panel>
          <Panel title="Days">
            <DaysTable days={result.days} />
          </Panel>
        </>
      )}
    </div>
  )
}
