import { useMemo, useRef } from 'react'
import { useStore } from 'zustand'

import type { ProviderCard } from '../../../shared/api'
import { StackedBars } from '../charts/StackedBars'
import { colourFor } from '../charts/palette'
import {
  EmptyState,
  ErrorNotice,
  ExportButtons,
  Panel,
  ScreenHeader
} from '../components/common'
import { useExporter, useMenuExports } from '../components/exports'
import { exportFileName } from '../lib/export'
import type { ImageSource } from '../lib/export'
import { useStores } from '../state/context'
import { useFormats, useLoad } from '../state/hooks'
import { namedTable, tokenKindSeries } from './overviewData'

/** Shows the provider cards, which cover every project whichever one the picker chose. */
export function Providers() {
  const { providers, navigation } = useStores()
  const formats = useFormats()
  const retry = useLoad(providers.getState().load, undefined)
  const cards = useStore(providers, (state) => state.result)
  const error = useStore(providers, (state) => state.error)
  const loading = useStore(providers, (state) => state.loading)
  const imageRef = useRef<ImageSource | null>(null)

  const chart = useMemo(() => tokenKindSeries(cards ?? []), [cards])

  const exporter = useExporter()
  const exports = {
    exportChart: () =>
      exporter.png(
        exportFileName(['lowkey', 'tokens-by-provider'], 'png'),
        imageRef.current
      ),
    exportData: () =>
      exporter.csv(
        exportFileName(['lowkey', 'providers'], 'csv'),
        () => cards && withShare(cards)
      )
  }
  useMenuExports(exports)

  return (
    <div className="screen">
      <ScreenHeader title="Providers" subtitle="Across all projects" />
      {error && (
        <ErrorNotice what="Loading the providers" message={error} onRetry={retry} />
      )}
      {!error && !cards && loading && <p className="loading">Loading…</p>}
      {!error && cards && cards.length === 0 && (
        <EmptyState title="No provider has usage yet">
          <p>Providers appear once a project has turns and its rollups are built.</p>
          <button
            type="button"
            className="primary"
            onClick={() => navigation.getState().go('projects')}
          >
            Go to Projects
          </button>
        </EmptyState>
      )}
      {!error && cards && cards.length > 0 && (
        <>
          <div className="cards">
            {cards.map((card) => (
              <ProviderCardView key={card.name} card={card} />
            ))}
          </div>
          <Panel
            title="Tokens by provider"
            actions={
              <ExportButtons
                onChart={() => void exports.exportChart()}
                onData={() => void exports.exportData()}
              />
            }
          >
            <StackedBars
              description="Cached input, uncached input and output tokens of each provider"
              labels={chart.labels}
              series={chart.series}
              formatValue={formats.count}
              formatAxis={formats.compact}
              horizontal
              exportTitle="Tokens by provider · all projects"
              imageRef={imageRef}
            />
          </Panel>
        </>
      )}
    </div>
  )
}

function ProviderCardView(props: { card: ProviderCard }) {
  const { card } = props
  const formats = useFormats()
  const testId = `provider-${card.name}`
  return (
    <article className="card" data-testid={testId} aria-label={`Provider ${card.name}`}>
      <header className="card-header">
        <span
          className="swatch"
          style={{ background: colourFor(card.name) }}
          aria-hidden="true"
        />
        <h3>{card.name}</h3>
        <span className="share" data-testid={`${testId}-share`}>
          {formats.percent(card.share)}
        </span>
      </header>
      <div className="share-bar" aria-hidden="true">
        <div
          style={{
            width: `${Math.min(100, card.share * 100)}%`,
            background: colourFor(card.name)
          }}
        />
      </div>
      <dl className="card-figures">
        <div>
          <dt>Turns</dt>
          <dd data-testid={`${testId}-turns`}>{formats.count(card.turns)}</dd>
        </div>
        <div>
          <dt>Input tokens</dt>
          <dd data-testid={`${testId}-input`}>{formats.count(card.inputTokens)}</dd>
          <dd className="figure-detail" data-testid={`${testId}-cached`}>
            {formats.count(card.cacheReadTokens)} cached
          </dd>
        </div>
        <div>
          <dt>Output tokens</dt>
          <dd data-testid={`${testId}-output`}>{formats.count(card.outputTokens)}</dd>
        </div>
        <div>
          <dt>Wall time</dt>
          <dd data-testid={`${testId}-wall`}>{formats.duration(card.wallMs)}</dd>
        </div>
      </dl>
      <p className="card-footer">
        {card.models.join(', ') || 'models unknown'} ·{' '}
        {card.projects === 1 ? '1 project' : `${formats.count(card.projects)} projects`}
      </p>
    </article>
  )
}

function withShare(cards: ProviderCard[]) {
  const table = namedTable('provider', cards)
  return {
    columns: [...table.columns, 'share', 'projects'],
    rows: table.rows.map((row, index) => [
      ...row,
      cards[index]?.share ?? 0,
      cards[index]?.projects ?? 0
    ])
  }
}
