import type { ReactNode } from 'react'

import { RANGE_PRESETS } from '../lib/days'
import type { RangeChoice, RangePreset } from '../lib/days'

export function EmptyState(props: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      <h3>{props.title}</h3>
      {props.children}
    </div>
  )
}

/** Shows a failed request with a button to try again. */
export function ErrorNotice(props: {
  what: string
  message: string
  onRetry?: () => void
}) {
  return (
    <div className="error-notice" role="alert">
      <p>
        <strong>{props.what} failed:</strong> {props.message}
      </p>
      {props.onRetry && (
        <button type="button" onClick={props.onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}

export function StatTile(props: {
  label: string
  value: string
  detail?: string
  testId: string
}) {
  return (
    <div className="stat">
      <div className="stat-label">{props.label}</div>
      <div className="stat-value" data-testid={props.testId}>
        {props.value}
      </div>
      {props.detail && (
        <div className="stat-detail" data-testid={`${props.testId}-detail`}>
          {props.detail}
        </div>
      )}
    </div>
  )
}

function presetName(preset: RangePreset): string {
  return preset === 'all' ? 'All' : `${preset} days`
}

/** Buttons for 7, 30, 90 days or all; a fixed range shows as its own pressed button. */
export function RangePicker(props: {
  value: RangeChoice
  onChange(choice: RangeChoice): void
  customLabel?: string
}) {
  const { value } = props
  return (
    <div className="segmented" role="group" aria-label="Date range">
      {RANGE_PRESETS.map((preset) => (
        <button
          key={String(preset)}
          type="button"
          aria-pressed={'preset' in value && value.preset === preset}
          onClick={() => props.onChange({ preset })}
        >
          {presetName(preset)}
        </button>
      ))}
      {!('preset' in value) && (
        <button type="button" aria-pressed="true" disabled>
          {props.customLabel ?? `${value.from} – ${value.to}`}
        </button>
      )}
    </div>
  )
}

/** Frames a chart or table with a title and its export buttons. */
export function Panel(props: {
  title: string
  actions?: ReactNode
  children: ReactNode
  className?: string
}) {
  return (
    <section className={props.className ? `panel ${props.className}` : 'panel'}>
      <header className="panel-header">
        <h3>{props.title}</h3>
        {props.actions && <div className="panel-actions">{props.actions}</div>}
      </header>
      {props.children}
    </section>
  )
}

export function ExportButtons(props: {
  onChart?: () => void
  onData?: () => void
  disabled?: boolean
  /** Name of the data button, when a screen has more than one table to export. */
  dataLabel?: string
}) {
  return (
    <>
      {props.onChart && (
        <button
          type="button"
          className="quiet"
          onClick={props.onChart}
          disabled={props.disabled}
        >
          Export PNG
        </button>
      )}
      {props.onData && (
        <button
          type="button"
          className="quiet"
          onClick={props.onData}
          disabled={props.disabled}
        >
          {props.dataLabel ?? 'Export CSV'}
        </button>
      )}
    </>
  )
}

export function ScreenHeader(props: {
  title: string
  subtitle?: string
  children?: ReactNode
}) {
  return (
    <header className="screen-header">
      <div>
        <h2>{props.title}</h2>
        {props.subtitle && <p className="subtitle">{props.subtitle}</p>}
      </div>
      {props.children && <div className="screen-tools">{props.children}</div>}
    </header>
  )
}
