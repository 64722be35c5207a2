import { useMemo, useRef } from 'react'
import { useStore } from 'zustand'

import type { DayRange, ProviderCard, Scope } from '../../../shared/api'
import { StackedBars } from '../charts/StackedBars'
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
import { ProviderCardView } from './ProviderCard'

/** The estimate beside the cards covers what they cover: every project and day. */
const EVERY_PROJECT_AND_DAY: Scope & DayRange = { projectId: 'all', from: null, to: null }

/** Shows the provider cards, which cover every project whichever one the picker chose. */
export function Providers() {
  const { providers, providerCosts, navigation } = useStores()
  const formats = useFormats()
  const retry = useLoad(providers.getState().load, undefined)
  useLoad(providerCosts.getState().load, EVERY_PROJECT_AND_DAY)
  const cards = useStore(providers, (state) => state.result)
  const costRows = useStore(providerCosts, (state) => state.result?.rows ?? null)
  const costError = useStore(providerCosts, (state) => state.error)
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
      <ScreenHeader
        title="Providers"
        subtitle="Across all projects · dollars are estimates from list prices, not a bill"
      />
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
              <ProviderCardView
                key={card.name}
                card={card}
                costRows={costRows?.filter((row) => row.provider === card.name) ?? null}
              />
            ))}
          </div>
          {costError && (
            <p className="has-errors">
              The prices behind the estimates could not be loaded: {costError}
            </p>
          )}
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
