// The `pricing` settings as the Settings screen edits them: billing kinds per
// provider and price overrides per model as typed, and the checks a draft
// passes before it is saved.
import {
  DEFAULT_BILLING,
  canonicalModel,
  pricingSettingsSchema
} from '../../../shared/pricing'
import type {
  BillingKind,
  PriceOverride,
  PricingSettings,
  TokenPrices
} from '../../../shared/pricing'
import { TOKEN_PRICE_FIELDS, shippedEntry } from '../../../shared/pricing-table'
import { describeIssues } from '../../../shared/validation'

export type PriceField = keyof TokenPrices

export interface OverrideDraft {
  /** Stable row key, so a row keeps its inputs while its model id is edited. */
  id: number
  model: string
  prices: Record<PriceField, string>
  source: string
}

export interface PricingDraft {
  /** Billing kind per provider; '' leaves the provider to the default. */
  billing: Record<string, BillingKind | ''>
  overrides: OverrideDraft[]
}

let nextRowId = 1

export function emptyOverride(model = ''): OverrideDraft {
  const prices = Object.fromEntries(
    TOKEN_PRICE_FIELDS.map((field) => [field, ''])
  ) as Record<PriceField, string>
  return { id: nextRowId++, model, prices, source: '' }
}

export function pricingDraftOf(pricing: PricingSettings): PricingDraft {
  const overrides = Object.entries(pricing.models).map(([model, override]) => {
    const row = emptyOverride(model)
    for (const field of TOKEN_PRICE_FIELDS) {
      const value = override[field]
      row.prices[field] = value === undefined ? '' : String(value)
    }
    row.source = override.source ?? ''
    return row
  })
  return { billing: { ...pricing.billing }, overrides }
}

/** Compares drafts by content, ignoring row ids. */
export function samePricingDraft(a: PricingDraft, b: PricingDraft): boolean {
  const content = (draft: PricingDraft): string =>
    JSON.stringify({
      billing: Object.entries(draft.billing).filter(([, kind]) => kind !== ''),
      overrides: draft.overrides.map(({ model, prices, source }) => ({
        model,
        prices,
        source
      }))
    })
  return content(a) === content(b)
}

/** Returns the billing kind a provider has when the settings name none, or null. */
export function defaultBilling(provider: string): BillingKind | null {
  return DEFAULT_BILLING[provider.toLowerCase()] ?? null
}

/** Field errors of a draft, keyed `row id.field` (`model`, a price field or `prices`). */
export function pricingErrors(draft: PricingDraft): Record<string, string> {
  const errors: Record<string, string> = {}
  const seen = new Map<string, number>()
  for (const row of draft.overrides) {
    const model = row.model.trim()
    if (model === '') {
      errors[`${row.id}.model`] = 'Enter a model id.'
    } else {
      const id = shippedEntry(model)?.model ?? canonicalModel(model)
      if (seen.has(id))
        errors[`${row.id}.model`] = 'Another row already prices this model.'
      seen.set(id, row.id)
    }

    for (const field of TOKEN_PRICE_FIELDS) {
      const text = row.prices[field].trim()
      const value = Number(text)
      const decimal = /^\d+(\.\d+)?$/.test(text)
      if (text !== '' && !(decimal && Number.isFinite(value) && value >= 0)) {
        errors[`${row.id}.${field}`] = 'Must be a number, 0 or more.'
      }
    }
    const missing = TOKEN_PRICE_FIELDS.filter((field) => row.prices[field].trim() === '')
    if (model !== '' && !shippedEntry(model) && missing.length > 0) {
      errors[`${row.id}.prices`] =
        'The app ships no price for this model, so it needs all five prices.'
    } else if (model !== '' && missing.length === TOKEN_PRICE_FIELDS.length) {
      errors[`${row.id}.prices`] = 'Enter at least one price to change.'
    }
  }
  return errors
}

/**
 * Turns a draft without field errors into the `pricing` settings, keeping keys
 * of the saved section that the screen does not edit, and checks the result
 * against the settings schema as the service does.
 */
export function pricingOf(
  draft: PricingDraft,
  saved: PricingSettings
): { ok: true; settings: PricingSettings } | { ok: false; message: string } {
  const billing: Record<string, BillingKind> = {}
  for (const [provider, kind] of Object.entries(draft.billing)) {
    if (kind !== '') billing[provider] = kind
  }
  const models: Record<string, PriceOverride> = {}
  for (const row of draft.overrides) {
    const override: PriceOverride = {}
    for (const field of TOKEN_PRICE_FIELDS) {
      const text = row.prices[field].trim()
      if (text !== '') override[field] = Number(text)
    }
    if (row.source.trim() !== '') override.source = row.source.trim()
    models[row.model.trim()] = override
  }
  const parsed = pricingSettingsSchema.safeParse({ ...saved, billing, models })
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) }
  return { ok: true, settings: parsed.data }
}
