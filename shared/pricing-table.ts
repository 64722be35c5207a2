// The price table shipped with the app (list prices in USD per million tokens,
// each entry with the public page it was read from and the day it was read),
// model id matching, and the `pricing` section of the settings that overrides
// billing kinds and prices.

import { z } from 'zod'

/** USD per million tokens of each kind a ledger record counts. */
export interface TokenPrices {
  /** Prompt tokens that were neither read from nor written to a cache. */
  input: number
  cacheRead: number
  /** Cache writes kept five minutes; also every write whose lifetime is unknown. */
  cacheWrite5m: number
  cacheWrite1h: number
  /** Completion tokens, reasoning included. */
  output: number
}

/** Higher prices for a request whose prompt is longer than `aboveTokens`. */
export interface LongContextPrices {
  aboveTokens: number
  prices: TokenPrices
}

export interface PriceEntry {
  provider: string
  /** Model id in the form `canonicalModel` returns. */
  model: string
  /** Other ids of the same model, also in canonical form. */
  aliases?: readonly string[]
  prices: TokenPrices
  longContext?: LongContextPrices
  /** Public page the prices were read from. */
  source: string
  /** Day the page was read, `YYYY-MM-DD`. */
  checked: string
}

const CHECKED = '2026-12-04'

const ANTHROPIC_PRICING = 'https://platform.claude.com/docs/en/about-claude/pricing'
const ANTHROPIC_MODELS = 'https://platform.claude.com/docs'

function prices(
  input: number,
  cacheRead: number,
  cacheWrite5m: number,
  cacheWrite1h: number,
  output: number
): TokenPrices {
  return { input, cacheRead, cacheWrite5m, cacheWrite1h, output }
}

function anthropic(
  model: string,
  tokenPrices: TokenPrices,
  source = ANTHROPIC_PRICING,
  aliases?: readonly string[]
): PriceEntry {
  return {
    provider: 'anthropic',
    model,
    aliases,
    prices: tokenPrices,
    source,
    checked: CHECKED
  }
}

const OPUS_4_1 = prices(15, 1.5, 18.75, 30, 75)
const OPUS_4_5 = prices(5, 0.5, 6.25, 10, 25)
const SONNET_4 = prices(3, 0.3, 3.75, 6, 15)
const SONNET_5 = prices(2, 0.2, 2.5, 4, 10)

// NOTE: Claude Sonnet 5.5, Haiku 5.5, Fable 5.1 and 5.2 and the Mythos models
// are left out: the pages read disagree on their cache read prices, or show
// prices with conditions that a ledger record cannot tell apart.
const ANTHROPIC_ENTRIES: PriceEntry[] = [
  anthropic('claude-fable-5', prices(10, 1, 12.5, 20, 50)),
  anthropic(
    'claude-opus-5-5',
    prices(4, 0.2, 5, 8, 20),
    `${ANTHROPIC_MODELS}/zh-CN/models/opus-5-5/overview`
  ),
  anthropic('claude-opus-5', OPUS_4_5, `${ANTHROPIC_MODELS}/en/models/opus-5/overview`),
  anthropic('claude-opus-4-8', OPUS_4_5),
  anthropic('claude-opus-4-7', OPUS_4_5),
  anthropic('claude-opus-4-6', OPUS_4_5),
  anthropic('claude-opus-4-5', OPUS_4_5),
  anthropic('claude-opus-4-1', OPUS_4_1),
  anthropic('claude-opus-4', OPUS_4_1, ANTHROPIC_PRICING, ['claude-opus-4-0']),
  anthropic(
    'claude-sonnet-5',
    SONNET_5,
    `${ANTHROPIC_MODELS}/zh-CN/models/sonnet-5/overview`
  ),
  anthropic('claude-sonnet-4-6', SONNET_4),
  anthropic('claude-sonnet-4-5', SONNET_4),
  anthropic('claude-sonnet-4', SONNET_4, ANTHROPIC_PRICING, ['claude-sonnet-4-0']),
  anthropic('claude-sonnet-3-7', SONNET_4),
  anthropic('claude-haiku-4-5', prices(1, 0.1, 1.25, 2, 5)),
  anthropic('claude-haiku-3-5', prices(0.8, 0.08, 1, 1.6, 4)),
  anthropic('claude-opus-3', OPUS_4_1),
  anthropic('claude-haiku-3', prices(0.25, 0.03, 0.3, 0.5, 1.25))
]

const OPENAI_MODELS = 'https://developers.openai.com/api/docs/models'

function openai(
  model: string,
  tokenPrices: TokenPrices,
  longContext?: LongContextPrices
): PriceEntry {
  // Pages name models with dots (gpt-5.1); canonical ids use dashes (gpt-5-1).
  const page = model.replace(/^gpt-(\d+)-(\d+)/, 'gpt-$1.$2')
  return {
    provider: 'openai',
    model,
    prices: tokenPrices,
    longContext,
    source: `${OPENAI_MODELS}/${page}`,
    checked: CHECKED
  }
}

/** Multiplies a price, rounded to a millionth so 1.2 × 1.5 prints as 1.8. */
function scale(price: number, factor: number): number {
  return Math.round(price * factor * 1e6) / 1e6
}

/**
 * OpenAI prices above 272K prompt tokens for the whole request: input and
 * cache prices double and output costs one and a half times as much.
 */
function openaiLongContext(base: TokenPrices): LongContextPrices {
  return {
    aboveTokens: 272_000,
    prices: {
      input: scale(base.input, 2),
      cacheRead: scale(base.cacheRead, 2),
      cacheWrite5m: scale(base.cacheWrite5m, 2),
      cacheWrite1h: scale(base.cacheWrite1h, 2),
      output: scale(base.output, 1.5)
    }
  }
}

// OpenAI lists one cache write price (1.25 times input) where it charges for
// writes at all; older models charge nothing extra, so a write costs input.
// GPT-6.2 Sol lists a 30-minute write ($2.50) and a 12-hour write ($5), placed
// in the 5-minute and 1-hour columns.
// NOTE: gpt-5.1-codex, gpt-5.2, gpt-5.2-codex, gpt-5.3-codex, gpt-5.4, gpt-5.5
// and gpt-5.6-sol are left out: no OpenAI page read gave all their prices, or
// the page gave a promotional price whose end date has passed.
const GPT_5_1 = prices(1.25, 0.125, 1.25, 1.25, 10)
const GPT_5_6_LUNA = prices(0.2, 0.02, 0.25, 0.25, 1.2)
const GPT_6_2_SOL = prices(2, 0.1, 2.5, 5, 10)

const OPENAI_ENTRIES: PriceEntry[] = [
  openai('gpt-6-2-sol', GPT_6_2_SOL, openaiLongContext(GPT_6_2_SOL)),
  openai('gpt-5-6-luna', GPT_5_6_LUNA, openaiLongContext(GPT_5_6_LUNA)),
  openai('gpt-5-1', GPT_5_1),
  openai('gpt-5-codex', GPT_5_1)
]

/** Every price the app ships with. */
export const PRICE_TABLE: readonly PriceEntry[] = [
  ...ANTHROPIC_ENTRIES,
  ...OPENAI_ENTRIES
]

/**
 * Reduces a model id to the form the price table uses, so dated and undated
 * ids, provider prefixes and dots or dashes in versions all meet:
 * `anthropic/claude-3.5-haiku` and `claude-3-5-haiku-20241022` both become
 * `claude-haiku-3-5`.
 */
export function canonicalModel(name: string): string {
  let id = name.trim().toLowerCase()
  id = id.slice(id.lastIndexOf('/') + 1)
  id = id.replace(/\[[^\]]*\]$/, '')
  id = id.replace(/^(?:[a-z]{2,4}\.)?anthropic\./, '')
  id = id.replace(/-v\d+(?::\d+)?$/, '')
  id = id.replace(/@.*$/, '')
  id = id.replace(/-latest$/, '')
  id = id.replace(/-\d{8}$/, '').replace(/-\d{4}-\d{2}-\d{2}$/, '')
  id = id.replace(/\./g, '-')
  // Claude 3 ids put the version before the family: claude-3-5-haiku.
  return id.replace(/^claude-(\d+(?:-\d)?)-(opus|sonnet|haiku)\b/, 'claude-$2-$1')
}

const SHIPPED = new Map<string, PriceEntry>()
for (const entry of PRICE_TABLE) {
  SHIPPED.set(entry.model, entry)
  for (const alias of entry.aliases ?? []) SHIPPED.set(alias, entry)
}

/** Returns the shipped entry for a model id in any of its spellings. */
export function shippedEntry(model: string): PriceEntry | undefined {
  return SHIPPED.get(canonicalModel(model))
}

/** How a provider bills: only `per-token` providers ever get a dollar figure. */
export const BILLING_KINDS = ['per-token', 'subscription', 'local'] as const
export type BillingKind = (typeof BILLING_KINDS)[number]

/** Billing kinds used when the settings name none; other providers stay unpriced. */
export const DEFAULT_BILLING: Readonly<Record<string, BillingKind>> = {
  anthropic: 'per-token',
  openai: 'per-token',
  local: 'local',
  ollama: 'local',
  lmstudio: 'local',
  llamacpp: 'local',
  'llama.cpp': 'local',
  vllm: 'local'
}

/** The price fields of `TokenPrices`, in table order. */
export const TOKEN_PRICE_FIELDS = [
  'input',
  'cacheRead',
  'cacheWrite5m',
  'cacheWrite1h',
  'output'
] as const satisfies readonly (keyof TokenPrices)[]

const pricePerMillion = z.number().nonnegative().finite()

const priceOverrideSchema = z.strictObject({
  input: pricePerMillion.optional(),
  cacheRead: pricePerMillion.optional(),
  cacheWrite5m: pricePerMillion.optional(),
  cacheWrite1h: pricePerMillion.optional(),
  output: pricePerMillion.optional(),
  /** Where the operator took the prices from, shown beside every estimate. */
  source: z.string().min(1).optional()
})
export type PriceOverride = z.infer<typeof priceOverrideSchema>

/**
 * The `pricing` section of the settings file. An override of a shipped model
 * may name only the prices that differ; a model the app does not ship needs
 * all five.
 */
export const pricingSettingsSchema = z
  .looseObject({
    billing: z.record(z.string().min(1), z.enum(BILLING_KINDS)).default({}),
    models: z.record(z.string().min(1), priceOverrideSchema).default({})
  })
  .superRefine((pricing, context) => {
    for (const [model, override] of Object.entries(pricing.models)) {
      if (shippedEntry(model)) continue
      const missing = TOKEN_PRICE_FIELDS.filter((field) => override[field] === undefined)
      if (missing.length > 0) {
        context.addIssue({
          code: 'custom',
          path: ['models', model],
          message: `${model} has no shipped price, so it needs ${missing.join(', ')}`
        })
      }
    }
  })
export type PricingSettings = z.infer<typeof pricingSettingsSchema>

/** The prices an estimate used for one model, with where they came from. */
export interface ModelPrice {
  model: string
  prices: TokenPrices
  longContext: LongContextPrices | null
  /** The page the shipped prices come from, or the operator's `source`. */
  source: string
  /** Day the shipped prices were read; null for the operator's own prices. */
  checked: string | null
  /** True when the settings changed or added prices for this model. */
  overridden: boolean
}

/** Billing kinds and prices after the settings are laid over the defaults. */
export class Pricing {
  private readonly billing = new Map<string, BillingKind>()
  private readonly overrides = new Map<string, PriceOverride>()

  constructor(settings: Partial<PricingSettings> = {}) {
    for (const [provider, kind] of Object.entries(DEFAULT_BILLING)) {
      this.billing.set(provider, kind)
    }
    for (const [provider, kind] of Object.entries(settings.billing ?? {})) {
      this.billing.set(provider.toLowerCase(), kind)
    }
    for (const [model, override] of Object.entries(settings.models ?? {})) {
      this.overrides.set(shippedEntry(model)?.model ?? canonicalModel(model), override)
    }
  }

  /** Returns how `provider` bills, or null when neither settings nor defaults say. */
  billingKind(provider: string): BillingKind | null {
    return this.billing.get(provider.toLowerCase()) ?? null
  }

  /**
   * Returns the prices for `model`: the shipped ones with the settings' prices
   * laid over them, or null when neither has a complete set.
   */
  priceFor(model: string): ModelPrice | null {
    const id = canonicalModel(model)
    const entry = shippedEntry(id)
    const override = this.overrides.get(entry?.model ?? id)
    if (!entry && !override) return null

    const prices = { ...entry?.prices } as Partial<TokenPrices>
    for (const field of TOKEN_PRICE_FIELDS) {
      const value = override?.[field]
      if (value !== undefined) prices[field] = value
    }
    if (TOKEN_PRICE_FIELDS.some((field) => prices[field] === undefined)) return null
    return {
      model: entry?.model ?? id,
      prices: prices as TokenPrices,
      // Long-context list prices no longer fit once the operator set their own.
      longContext: override ? null : (entry?.longContext ?? null),
      source: override?.source ?? entry?.source ?? 'settings.json',
      checked: override ? null : (entry?.checked ?? null),
      overridden: override !== undefined
    }
  }
}
