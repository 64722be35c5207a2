// Responses for the example project (examples/demo-box), worked out by hand
// from its session logs and the shipped price table, for the screens that show
// warnings and cost estimates.
import type { ProjectWarning, ProviderCard } from '../../../shared/api'
import type { CostEstimate, EstimateRow, ModelPrice } from '../../../shared/pricing'
import { totals } from './fixtures'

const ANTHROPIC_PAGE = 'https://platform.claude.com/docs/en/about-claude/pricing'

/**
 * Returns the example's one warning: runs 1 to 10 of nightly-triage used 21,300 to
 * 22,200 tokens (median 21,750); the 11th used 75,100 in + 8,700 out = 83,800,
 * and 83,800 / 21,750 = 3.853, rounded 3.85.
 */
export function triageWarning(projectId = 'p1'): ProjectWarning {
  return {
    kind: 'routine-run-jump',
    subject: 'nightly-triage',
    message:
      'Routine nightly-triage: the latest run, nightly-triage-2026-11-30, used 83,800 ' +
      'tokens, 3.85 times the median of the 10 runs before it (21,750 tokens).',
    unit: 'tokens',
    value: 83_800,
    baseline: 21_750,
    ratio: 3.85,
    window: 'median of the 10 runs before it',
    run: 'nightly-triage-2026-11-30',
    day: null,
    link: { screen: 'automations', routine: 'nightly-triage' },
    projectId,
    projectName: 'demo-box'
  }
}

function shipped(model: string, prices: ModelPrice['prices']): ModelPrice {
  return {
    model,
    prices,
    longContext: null,
    source: ANTHROPIC_PAGE,
    checked: '2026-12-04',
    overridden: false
  }
}

const HAIKU_PRICE = shipped('claude-haiku-4-5', {
  input: 1,
  cacheRead: 0.1,
  cacheWrite5m: 1.25,
  cacheWrite1h: 2,
  output: 5
})
const SONNET_PRICE = shipped('claude-sonnet-4-5', {
  input: 3,
  cacheRead: 0.3,
  cacheWrite5m: 3.75,
  cacheWrite1h: 6,
  output: 15
})

function row(values: Partial<EstimateRow> & Pick<EstimateRow, 'provider'>): EstimateRow {
  return {
    model: null,
    billing: 'per-token',
    status: 'priced',
    unpricedReason: null,
    totals: totals(),
    cost: null,
    price: null,
    longContextRecords: 0,
    ...values
  }
}

/**
 * Returns the estimate over every day of the example.
 *
 * Haiku: 9,000 uncached input at $1/M = $0.009, 600 output at $5/M = $0.003,
 * together $0.012.
 * Sonnet: 316,600 input less 255,000 cache reads and 22,500 cache writes
 * leaves 39,100 uncached at $3/M = $0.1173; 255,000 reads at $0.30/M =
 * $0.0765; 21,500 5-minute writes at $3.75/M = $0.080625; 1,000 1-hour writes
 * at $6/M = $0.006; 18,100 output at $15/M = $0.2715; together $0.551925.
 * Anthropic: $0.563925. OpenAI's 6 turns of gpt-5.1-codex have no price.
 */
export function demoEstimate(): CostEstimate {
  return {
    currency: 'USD',
    rows: [
      row({
        provider: 'anthropic',
        model: 'claude-haiku-4-5-20251001',
        totals: totals({
          turns: 1,
          inputTokens: 9_000,
          outputTokens: 600,
          wallMs: 60_000
        }),
        cost: {
          input: 0.009,
          cacheRead: 0,
          cacheWrite5m: 0,
          cacheWrite1h: 0,
          output: 0.003,
          total: 0.012
        },
        price: HAIKU_PRICE
      }),
      row({
        provider: 'anthropic',
        model: 'claude-sonnet-4-5-20250929',
        totals: totals({
          turns: 25,
          inputTokens: 316_600,
          cacheReadTokens: 255_000,
          cacheWriteTokens: 22_500,
          cacheWrite5mTokens: 21_500,
          cacheWrite1hTokens: 1_000,
          outputTokens: 18_100,
          wallMs: 1_235_000
        }),
        cost: {
          input: 0.1173,
          cacheRead: 0.0765,
          cacheWrite5m: 0.080625,
          cacheWrite1h: 0.006,
          output: 0.2715,
          total: 0.551925
        },
        price: SONNET_PRICE
      }),
      row({
        provider: 'local',
        model: 'llama3.1:8b',
        billing: 'local',
        status: 'not-billed',
        totals: totals({ turns: 12, inputTokens: 36_000, outputTokens: 4_800 })
      }),
      row({
        provider: 'openai',
        model: 'gpt-5.1-codex',
        status: 'unpriced',
        unpricedReason: 'unknown-model',
        totals: totals({
          turns: 6,
          inputTokens: 117_000,
          cacheReadTokens: 85_000,
          outputTokens: 11_950
        })
      })
    ],
    providers: [
      {
        provider: 'anthropic',
        billing: 'per-token',
        turns: 25,
        dollars: 0.563925,
        unpricedTurns: 0
      },
      { provider: 'local', billing: 'local', turns: 14, dollars: null, unpricedTurns: 0 },
      {
        provider: 'openai',
        billing: 'per-token',
        turns: 6,
        dollars: null,
        unpricedTurns: 6
      }
    ],
    dollars: 0.563925,
    unpricedTurns: 6,
    // 117,000 input + 11,950 output.
    unpricedTokens: 128_950
  }
}

/** Returns the example's provider cards. All tokens are 492,100 in + 37,450 out = 529,550. */
export function demoCards(): ProviderCard[] {
  return [
    {
      name: 'anthropic',
      models: ['claude-haiku-4-5-20251001', 'claude-sonnet-4-5-20250929'],
      projects: 1,
      share: (325_600 + 18_700) / 529_550,
      billing: 'per-token',
      estimatedDollars: 0.563925,
      unpricedTurns: 0,
      ...totals({
        turns: 25,
        inputTokens: 325_600,
        cacheReadTokens: 255_000,
        outputTokens: 18_700,
        wallMs: 1_235_000
      })
    },
    {
      name: 'local',
      models: ['llama3.1:8b', 'qwen2.5-coder:14b'],
      projects: 1,
      share: (49_500 + 6_800) / 529_550,
      billing: 'local',
      estimatedDollars: null,
      unpricedTurns: 0,
      ...totals({ turns: 14, inputTokens: 49_500, outputTokens: 6_800, wallMs: 239_000 })
    },
    {
      name: 'openai',
      models: ['gpt-5.1-codex'],
      projects: 1,
      share: (117_000 + 11_950) / 529_550,
      billing: 'per-token',
      estimatedDollars: null,
      unpricedTurns: 6,
      ...totals({
        turns: 6,
        inputTokens: 117_000,
        cacheReadTokens: 85_000,
        outputTokens: 11_950,
        wallMs: 780_000
      })
    }
  ]
}
