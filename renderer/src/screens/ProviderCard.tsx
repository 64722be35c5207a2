import { useEffect, useRef } from 'react'
import { useStore } from 'zustand'

import type { ProviderCard } from '../../../shared/api'
import type { EstimateRow } from '../../../shared/pricing'
import { colourFor } from '../charts/palette'
import { PricesUsed } from '../components/PricesUsed'
import { WarningBadge } from '../components/WarningBadge'
import { BILLING_NAMES, NOT_BILLED_TEXT, unpricedText } from '../lib/costs'
import { useStores } from '../state/context'
import { useFormats } from '../state/hooks'
import { useLinkedWarnings } from '../state/warnings'

/**
 * Shows one provider's figures over every project. A per-token provider also gets
 * its estimate; a subscription or local one never gets a dollar figure.
 */
export function ProviderCardView(props: {
  card: ProviderCard
  /** The provider's rows of the estimate over every project and day, once loaded. */
  costRows: readonly EstimateRow[] | null
}) {
  const { card } = props
  const formats = useFormats()
  const { views } = useStores()
  const marked = useStore(views, (state) => state.provider === card.name)
  const element = useRef<HTMLElement>(null)
  const warnings = useLinkedWarnings(
    (link) => link.screen === 'providers' && link.provider === card.name,
    'all'
  )
  useEffect(() => {
    if (marked) element.current?.scrollIntoView?.({ block: 'center' })
  }, [marked])

  const testId = `provider-${card.name}`
  return (
    <article
      ref={element}
      className={marked ? 'card selected' : 'card'}
      data-testid={testId}
      aria-label={`Provider ${card.name}`}
    >
      <header className="card-header">
        <span
          className="swatch"
          style={{ background: colourFor(card.name) }}
          aria-hidden="true"
        />
        <h3>{card.name}</h3>
        <WarningBadge warnings={warnings} testId={`${testId}-warning`} />
        <span className="badge" data-testid={`${testId}-billing`}>
          {card.billing ? BILLING_NAMES[card.billing] : 'billing unknown'}
        </span>
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
        {card.billing === 'per-token' && (
          <div className="card-estimate">
            <dt>Estimated cost</dt>
            <dd data-testid={`${testId}-estimate`}>
              {card.estimatedDollars === null
                ? 'none'
                : formats.dollars(card.estimatedDollars)}
            </dd>
            {card.estimatedDollars !== null && (
              <dd className="figure-detail">estimate · list prices, USD</dd>
            )}
          </div>
        )}
      </dl>
      <BillingNote card={card} costRows={props.costRows ?? []} testId={testId} />
      {card.billing === 'per-token' && props.costRows && (
        <PricesUsed
          rows={props.costRows}
          summary="Prices used"
          layout="list"
          testId={`${testId}-prices`}
        />
      )}
      <p className="card-footer">
        {card.models.join(', ') || 'models unknown'} ·{' '}
        {card.projects === 1 ? '1 project' : `${formats.count(card.projects)} projects`}
      </p>
    </article>
  )
}

/** Says why a provider has no dollar figure, or which of its turns are unpriced. */
function BillingNote(props: {
  card: ProviderCard
  costRows: readonly EstimateRow[]
  testId: string
}) {
  const { card, testId } = props
  if (card.billing === 'subscription' || card.billing === 'local') {
    return (
      <p className="muted billing-note" data-testid={`${testId}-not-billed`}>
        {NOT_BILLED_TEXT[card.billing]}
      </p>
    )
  }
  if (card.unpricedTurns === 0) return null
  return (
    <p className="unpriced billing-note" data-testid={`${testId}-unpriced`}>
      {unpricedText(card.unpricedTurns, props.costRows)}
      {card.billing === null && '. Choose its billing kind in Settings.'}
    </p>
  )
}
