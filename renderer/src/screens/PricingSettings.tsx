import { useEffect, useMemo, useState } from 'react'
import type { FormEvent } from 'react'
import { useStore } from 'zustand'

import { BILLING_KINDS, PRICE_TABLE } from '../../../shared/pricing'
import type { BillingKind, PricingSettings as Pricing } from '../../../shared/pricing'
import { BILLING_NAMES } from '../lib/costs'
import {
  defaultBilling,
  emptyOverride,
  pricingDraftOf,
  pricingErrors,
  pricingOf,
  samePricingDraft
} from '../lib/prices'
import type { OverrideDraft, PricingDraft } from '../lib/prices'
import { SettingsFormEnd } from '../components/SettingsFormEnd'
import { useStores } from '../state/context'
import { useLoad } from '../state/hooks'
import { PriceOverrides } from './PriceOverrides'

/** Edits how each provider bills and the operator's own prices per model. */
export function PricingSettings() {
  const { settings, providers } = useStores()
  useLoad(providers.getState().load, undefined)
  const saved = useStore(settings, (state) => state.settings?.pricing ?? null)
  const saving = useStore(settings, (state) => state.saving)
  const cards = useStore(providers, (state) => state.result)
  const providersError = useStore(providers, (state) => state.error)
  const [draft, setDraft] = useState<PricingDraft | null>(saved && pricingDraftOf(saved))
  const [serverError, setServerError] = useState<string | null>(null)
  // Saving another setting returns new objects; only new prices replace the draft.
  const savedKey = JSON.stringify(saved)
  useEffect(() => {
    const pricing = JSON.parse(savedKey) as Pricing | null
    if (pricing) setDraft(pricingDraftOf(pricing))
  }, [savedKey])

  const seenModels = useMemo(
    () => [...new Set((cards ?? []).flatMap((card) => card.models))].sort(),
    [cards]
  )
  const errors = useMemo(() => (draft ? pricingErrors(draft) : {}), [draft])
  if (!saved || !draft) return null

  const changed = !samePricingDraft(draft, pricingDraftOf(saved))
  const valid = Object.keys(errors).length === 0
  const result = valid ? pricingOf(draft, saved) : null
  const providerNames = [
    ...new Set([...(cards ?? []).map((card) => card.name), ...Object.keys(saved.billing)])
  ].sort()

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!result?.ok || !changed) return
    setServerError(null)
    const error = await settings
      .getState()
      .update({ pricing: result.settings }, { notifyFailure: false })
    setServerError(error)
  }
  const changeRow = (next: OverrideDraft): void =>
    setDraft({
      ...draft,
      overrides: draft.overrides.map((row) => (row.id === next.id ? next : row))
    })

  return (
    <section className="panel" aria-labelledby="pricing-title">
      <header className="panel-header">
        <h3 id="pricing-title">Billing and prices</h3>
      </header>
      <form className="settings-form wide" onSubmit={(event) => void submit(event)}>
        <p className="muted">
          Only providers billed per token get a dollar estimate. A subscription or a local
          model is shown in tokens and time only.
        </p>
        <BillingKinds
          loaded={cards !== null || providersError !== null}
          providers={providerNames}
          billing={draft.billing}
          onChange={(billing) => setDraft({ ...draft, billing })}
        />
        <h4>Your prices</h4>
        <p className="muted">
          USD per million tokens. For a model the app has prices for, leave a field empty
          to keep its list price (shown greyed out); a model it has no prices for needs
          all five.
        </p>
        <datalist id="price-models">
          {[...new Set([...seenModels, ...PRICE_TABLE.map((entry) => entry.model)])].map(
            (model) => (
              <option key={model} value={model} />
            )
          )}
        </datalist>
        {draft.overrides.length > 0 && (
          <PriceOverrides
            rows={draft.overrides}
            errors={errors}
            onChange={changeRow}
            onRemove={(id) =>
              setDraft({
                ...draft,
                overrides: draft.overrides.filter((row) => row.id !== id)
              })
            }
          />
        )}
        <div className="button-row">
          <button
            type="button"
            onClick={() =>
              setDraft({ ...draft, overrides: [...draft.overrides, emptyOverride()] })
            }
          >
            Add a model price
          </button>
        </div>
        <SettingsFormEnd
          subject="prices"
          valid={result?.ok === true}
          invalid={result && !result.ok ? result.message : null}
          serverError={serverError}
          errorTestId="pricing-error"
          changed={changed}
          saving={saving}
          saveLabel="Save prices"
          undoLabel="Undo price changes"
          onUndo={() => setDraft(pricingDraftOf(saved))}
        />
      </form>
    </section>
  )
}

function BillingKinds(props: {
  /** Whether the provider list has loaded, or failed to. */
  loaded: boolean
  providers: string[]
  billing: PricingDraft['billing']
  onChange(billing: PricingDraft['billing']): void
}) {
  if (props.providers.length === 0) {
    return (
      <p className="muted">
        {props.loaded
          ? 'No provider has usage yet; billing kinds can be set once one has.'
          : 'Loading the providers…'}
      </p>
    )
  }
  return (
    <table className="data-table compact-table billing-table">
      <caption>Billing kind of each provider</caption>
      <tbody>
        {props.providers.map((provider) => {
          const fallback = defaultBilling(provider)
          return (
            <tr key={provider}>
              <th scope="row">
                <label htmlFor={`billing-${provider}`}>{provider}</label>
              </th>
              <td>
                <select
                  id={`billing-${provider}`}
                  value={props.billing[provider] ?? ''}
                  onChange={(event) =>
                    props.onChange({
                      ...props.billing,
                      [provider]: event.target.value as BillingKind | ''
                    })
                  }
                >
                  <option value="">
                    {fallback
                      ? `Default: ${BILLING_NAMES[fallback]}`
                      : 'Default: none, so unpriced'}
                  </option>
                  {BILLING_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {BILLING_NAMES[kind]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
