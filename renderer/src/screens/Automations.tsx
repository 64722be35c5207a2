import { useCallback, useMemo, useRef } from 'react'
import type { RefObject } from 'react'
import { useStore } from 'zustand'

import type { RoutineRollup } from '../../../shared/rollups'
import { dayKeyOf } from '../../../shared/time'
import { TrendLine } from '../charts/TrendLine'
import { RollupStateBanner } from '../components/BuildStatus'
import {
  EmptyState,
  ErrorNotice,
  ExportButtons,
  Panel,
  ScreenHeader
} from '../components/common'
import { useExporter, useMenuExports } from '../components/exports'
import { WarningBadge } from '../components/WarningBadge'
import { exportFileName } from '../lib/export'
import type { ImageSource } from '../lib/export'
import type { Formats } from '../lib/format'
import { useStores } from '../state/context'
import { useFormats, useLoad, useScope, useScopeName } from '../state/hooks'
import { useLinkedWarnings } from '../state/warnings'
import { tokensOf } from './overviewData'
import { RunDetail, RunsTable, runsTable } from './RoutineRuns'

export function Automations() {
  const { routines, views } = useStores()
  const scope = useScope()
  const scopeName = useScopeName()
  const formats = useFormats()
  const retry = useLoad(routines.getState().load, scope)
  const list = useStore(routines, (state) => state.result)
  const error = useStore(routines, (state) => state.error)
  const loading = useStore(routines, (state) => state.loading)
  const chosen = useStore(views, (state) => state.routine)
  const selected =
    list?.find((routine) => routine.routine === chosen) ?? list?.[0] ?? null
  const imageRef = useRef<ImageSource | null>(null)

  const exporter = useExporter()
  const name = selected?.routine ?? 'routine'
  const exports = {
    exportChart: () =>
      exporter.png(
        exportFileName(['lowkey', scopeName, name, 'tokens-per-run'], 'png'),
        selected && imageRef.current
      ),
    exportData: () =>
      exporter.csv(
        exportFileName(['lowkey', scopeName, name, 'runs'], 'csv'),
        () => selected && runsTable(selected)
      )
  }
  useMenuExports(exports)

  return (
    <div className="screen">
      <ScreenHeader
        title="Automations"
        subtitle={`${scopeName} · routines and their runs`}
      />
      <RollupStateBanner />
      {error && (
        <ErrorNotice what="Loading the routines" message={error} onRetry={retry} />
      )}
      {!error && !list && loading && <p className="loading">Loading…</p>}
      {!error && list && list.length === 0 && (
        <EmptyState title="No routine has run here">
          <p>
            Routines are the scheduled automations of a Lowkey project. Their runs show
            here once a run has finished a turn; choose another project or All projects to
            see others.
          </p>
        </EmptyState>
      )}
      {!error && list && list.length > 0 && (
        <>
          <div className="cards" role="list">
            {list.map((routine) => (
              <RoutineCard
                key={routine.routine}
                routine={routine}
                selected={routine.routine === selected?.routine}
                formats={formats}
              />
            ))}
          </div>
          {selected && (
            <RoutineDetail
              routine={selected}
              scopeName={scopeName}
              imageRef={imageRef}
              onExportChart={() => void exports.exportChart()}
              onExportData={() => void exports.exportData()}
            />
          )}
        </>
      )}
    </div>
  )
}

function RoutineCard(props: {
  routine: RoutineRollup
  selected: boolean
  formats: Formats
}) {
  const { routine, formats } = props
  const { views } = useStores()
  const testId = `routine-${routine.routine}`
  const warnings = useLinkedWarnings(
    (link) => link.screen === 'automations' && link.routine === routine.routine,
    useScope().projectId
  )
  const values = useMemo(() => routine.runs.map(tokensOf), [routine.runs])
  const labels = useMemo(() => routine.runs.map((run) => run.run), [routine.runs])
  const average = routine.recentAverage
  return (
    <article
      className={props.selected ? 'card selectable selected' : 'card selectable'}
      role="listitem"
      data-testid={testId}
    >
      <header className="card-header">
        <h3>
          <button
            type="button"
            className="link"
            aria-pressed={props.selected}
            onClick={() => views.getState().selectRoutine(routine.routine)}
          >
            {routine.routine}
          </button>
        </h3>
        <WarningBadge warnings={warnings} testId={`${testId}-warning`} />
      </header>
      <p className="card-average">
        <span className="figure" data-testid={`${testId}-average`}>
          {formats.count(average.tokens)}
        </span>{' '}
        tokens a run on average over the latest {formats.count(average.runs)}{' '}
        {average.runs === 1 ? 'run' : 'runs'}
      </p>
      <TrendLine
        description={`Tokens per run of ${routine.routine}`}
        seriesLabel="Tokens"
        labels={labels}
        values={values}
        formatValue={formats.count}
        formatAxis={formats.compact}
        compact
      />
      <p className="card-footer">
        {formats.count(routine.runs.length)} runs · {formats.count(tokensOf(routine))}{' '}
        tokens in all · {formats.duration(average.wallMs)} a run
      </p>
    </article>
  )
}

function RoutineDetail(props: {
  routine: RoutineRollup
  scopeName: string
  imageRef: RefObject<ImageSource | null>
  onExportChart(): void
  onExportData(): void
}) {
  const { routine, scopeName } = props
  const { views } = useStores()
  const formats = useFormats()
  const chosenRun = useStore(views, (state) => state.run)
  const runIndex = routine.runs.findIndex((run) => run.run === chosenRun)
  const run = runIndex >= 0 ? routine.runs[runIndex] : undefined

  const values = useMemo(() => routine.runs.map(tokensOf), [routine.runs])
  const labels = useMemo(
    () =>
      routine.runs.map((entry) =>
        entry.firstStartedAt
          ? formats.shortDay(dayKeyOf(entry.firstStartedAt, formats.timeZone))
          : entry.run
      ),
    [routine.runs, formats]
  )
  const titles = useMemo(
    () =>
      routine.runs.map((entry) =>
        entry.firstStartedAt
          ? `${entry.run}, ${formats.dateTime(entry.firstStartedAt)}`
          : entry.run
      ),
    [routine.runs, formats]
  )
  const onSelect = useCallback(
    (index: number) => views.getState().selectRun(routine.runs[index]?.run ?? null),
    [routine.runs, views]
  )

  return (
    <>
      <Panel
        title={`Tokens per run of ${routine.routine}`}
        actions={
          <ExportButtons onChart={props.onExportChart} onData={props.onExportData} />
        }
      >
        {/* A routine of its own gets a chart of its own, rather than points moving over. */}
        <TrendLine
          key={routine.routine}
          description={`Input plus output tokens of each run of ${routine.routine}, oldest first`}
          seriesLabel="Tokens"
          labels={labels}
          titles={titles}
          values={values}
          formatValue={formats.count}
          formatAxis={formats.compact}
          selected={runIndex >= 0 ? runIndex : null}
          onSelect={onSelect}
          exportTitle={`Tokens per run of ${routine.routine} · ${scopeName}`}
          imageRef={props.imageRef}
        />
        <RunsTable routine={routine} selectedRun={run?.run ?? null} />
      </Panel>
      {run && <RunDetail routine={routine.routine} run={run} />}
    </>
  )
}
