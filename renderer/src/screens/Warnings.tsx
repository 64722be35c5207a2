import { useStore } from 'zustand'

import type { ProjectWarning } from '../../../shared/api'
import { RollupStateBanner, useScopeRollups } from '../components/BuildStatus'
import {
  EmptyState,
  ErrorNotice,
  ExportButtons,
  ScreenHeader
} from '../components/common'
import { useExporter, useMenuExports } from '../components/exports'
import { exportFileName } from '../lib/export'
import type { CsvTable } from '../lib/export'
import type { Formats } from '../lib/format'
import { useStores } from '../state/context'
import { useFormats, useScope, useScopeName } from '../state/hooks'
import {
  EVERY_PROJECT,
  WARNING_KIND_NAMES,
  linkLabel,
  openWarning,
  useScopedWarnings
} from '../state/warnings'

/** Lists the early warnings of the chosen projects, each with its figures and a link. */
export function Warnings() {
  const { warnings, navigation } = useStores()
  const scope = useScope()
  const scopeName = useScopeName()
  const list = useScopedWarnings()
  const loaded = useStore(warnings, (state) => state.request !== null)
  const error = useStore(warnings, (state) => state.error)

  const exporter = useExporter()
  const exportData = (): Promise<void> =>
    exporter.csv(exportFileName(['lowkey', scopeName, 'warnings'], 'csv'), () =>
      loaded ? warningsTable(list) : null
    )
  useMenuExports({ exportData })

  return (
    <div className="screen">
      <ScreenHeader
        title="Warnings"
        subtitle={`${scopeName} · usage that jumped against its own recent history`}
      >
        <ExportButtons onData={() => void exportData()} disabled={list.length === 0} />
        <button type="button" onClick={() => navigation.getState().go('settings')}>
          Change thresholds
        </button>
      </ScreenHeader>
      <RollupStateBanner />
      {error && (
        <ErrorNotice
          what="Loading the warnings"
          message={error}
          onRetry={() => void warnings.getState().load(EVERY_PROJECT)}
        />
      )}
      {!error && !loaded && <p className="loading">Loading…</p>}
      {!error && loaded && list.length === 0 && <NoWarnings />}
      {!error && list.length > 0 && (
        <ul className="warning-list" aria-label="Warnings">
          {list.map((warning) => (
            <WarningItem
              key={`${warning.projectId}\u0000${warning.kind}\u0000${warning.subject}`}
              warning={warning}
              showProject={scope.projectId === 'all'}
            />
          ))}
        </ul>
      )}
    </div>
  )
}

function NoWarnings() {
  const { navigation } = useStores()
  const rollups = useScopeRollups()
  if (rollups.building || rollups.needsRebuild) {
    return (
      <EmptyState title="No warnings yet">
        <p>
          Warnings are worked out from the rollups, which are{' '}
          {rollups.building ? 'being rebuilt' : 'missing or out of date'}. They appear
          here once the rebuild above has finished.
        </p>
      </EmptyState>
    )
  }
  return (
    <EmptyState title="No warnings">
      <p>
        Lowkey Usage watches each routine&apos;s latest run and day against its recent
        runs, each provider&apos;s daily volume and share, each conversation&apos;s
        context against its peers&apos;, and the rate of tool errors and partial turns.
        Nothing has crossed its threshold. The thresholds are set under Early warnings in
        Settings.
      </p>
      <button
        type="button"
        className="primary"
        onClick={() => navigation.getState().go('settings')}
      >
        Go to Settings
      </button>
    </EmptyState>
  )
}

function WarningItem(props: { warning: ProjectWarning; showProject: boolean }) {
  const { warning } = props
  const stores = useStores()
  const formats = useFormats()
  const testId = `warning-${warning.kind}-${warning.subject}`
  return (
    <li className="card warning-card" data-testid={testId}>
      <header className="card-header">
        <h3>{WARNING_KIND_NAMES[warning.kind]}</h3>
        {props.showProject && <span className="badge">{warning.projectName}</span>}
        <span className="badge">{warning.subject}</span>
      </header>
      <p data-testid={`${testId}-message`}>{warning.message}</p>
      <dl className="card-figures warning-figures">
        <div>
          <dt>Latest</dt>
          <dd data-testid={`${testId}-value`}>
            {figure(warning, warning.value, formats)}
          </dd>
          {(warning.run ?? warning.day) && (
            <dd className="figure-detail">
              {warning.run
                ? `run ${warning.run}`
                : `on ${formats.day(warning.day ?? '')}`}
            </dd>
          )}
        </div>
        <div>
          <dt>Baseline</dt>
          <dd data-testid={`${testId}-baseline`}>
            {figure(warning, warning.baseline, formats)}
          </dd>
          <dd className="figure-detail">{warning.window}</dd>
        </div>
        <div>
          <dt>Ratio</dt>
          <dd data-testid={`${testId}-ratio`}>
            {warning.ratio === null ? 'new' : formats.ratio(warning.ratio)}
          </dd>
          {warning.ratio === null && <dd className="figure-detail">the baseline is 0</dd>}
        </div>
      </dl>
      <div className="button-row">
        <button type="button" onClick={() => void openWarning(stores, warning)}>
          {linkLabel(warning.link)}
        </button>
      </div>
    </li>
  )
}

function figure(warning: ProjectWarning, value: number, formats: Formats): string {
  if (warning.unit === 'fraction') return formats.percent(value)
  return `${formats.count(value)} tokens`
}

/** Lists warnings as a table, one row each, with the figures unrounded. */
export function warningsTable(warnings: readonly ProjectWarning[]): CsvTable {
  return {
    columns: [
      'project',
      'kind',
      'subject',
      'unit',
      'value',
      'baseline',
      'ratio',
      'window',
      'run',
      'day',
      'message'
    ],
    rows: warnings.map((warning) => [
      warning.projectName,
      warning.kind,
      warning.subject,
      warning.unit,
      warning.value,
      warning.baseline,
      warning.ratio,
      warning.window,
      warning.run,
      warning.day,
      warning.message
    ])
  }
}
