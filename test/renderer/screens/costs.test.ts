// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { OverviewResult, ProviderCard } from '../../../shared/api'
import type { CostEstimate } from '../../../shared/pricing'
import { demoCards, demoEstimate } from '../support/demo'
import { day, settings, totals } from '../support/fixtures'
import { renderApp, settle } from '../support/render'

vi.mock('react-chartjs-2', () => import('../support/chart-stub'))

afterEach(cleanup)

function card(name: string): HTMLElement {
  return screen.getByTestId(`provider-${name}`)
}

/** Returns an overview with usage, so the Overview shows its figures and the cost table. */
function overview(): OverviewResult {
  const days = [day('2026-11-30', { anthropic: { turns: 2, inputTokens: 20_000 } })]
  return {
    timeZone: 'UTC',
    days,
    total: totals({ turns: 2, inputTokens: 20_000 }),
    firstDay: '2026-11-30',
    lastDay: '2026-11-30'
  }
}

describe('cost estimates on Providers', () => {
  it('show the anthropic estimate and its prices', async () => {
    const { api } = await renderApp({
      screen: 'providers',
      handlers: {
        'usage:providers': demoCards,
        'usage:costs': demoEstimate
      }
    })
    // The prices beside the cards cover what the cards cover: every project and day.
    expect(api.requests('usage:costs')).toEqual([
      { projectId: 'all', from: null, to: null }
    ])

    // $0.563925 to the cent.
    expect(screen.getByTestId('provider-anthropic-estimate').textContent).toBe('$0.56')
    expect(
      within(card('anthropic')).getByText('estimate · list prices, USD')
    ).toBeTruthy()
    expect(screen.getByTestId('provider-anthropic-billing').textContent).toBe('per-token')

    const haiku = screen.getByTestId('provider-anthropic-prices-claude-haiku-4-5')
    expect(haiku.textContent).toContain(
      'Input $1.00 · Cache read $0.10 · Cache write 5m $1.25 · Cache write 1h $2.00 · ' +
        'Output $5.00 per million tokens'
    )
    expect(haiku.textContent).toContain('logged as claude-haiku-4-5-20251001')
    expect(haiku.textContent).toContain(
      'https://platform.claude.com/docs/en/about-claude/pricing, read Dec 4, 2026'
    )
    const sonnet = screen.getByTestId('provider-anthropic-prices-claude-sonnet-4-5')
    expect(sonnet.textContent).toContain('Input $3.00 · Cache read $0.30')
  })

  it('name unpriced turns, never $0', async () => {
    await renderApp({
      screen: 'providers',
      handlers: { 'usage:providers': demoCards, 'usage:costs': demoEstimate }
    })
    expect(screen.getByTestId('provider-openai-unpriced').textContent).toBe(
      '6 turns unpriced (unknown model gpt-5.1-codex)'
    )
    expect(screen.getByTestId('provider-openai-estimate').textContent).toBe('none')
    expect(card('openai').textContent).not.toContain('$')
    expect(screen.queryByTestId('provider-openai-prices')).toBeNull()
  })

  it('never price a local provider', async () => {
    await renderApp({
      screen: 'providers',
      handlers: { 'usage:providers': demoCards, 'usage:costs': demoEstimate }
    })
    expect(screen.getByTestId('provider-local-billing').textContent).toBe('local')
    expect(screen.getByTestId('provider-local-not-billed').textContent).toBe(
      'Runs on local hardware: shown in tokens and time only, never in dollars.'
    )
    expect(screen.queryByTestId('provider-local-estimate')).toBeNull()
    expect(card('local').textContent).not.toContain('$')
  })

  it('never price a subscription', async () => {
    const cards: ProviderCard[] = demoCards().map((entry) =>
      entry.name === 'anthropic'
        ? { ...entry, billing: 'subscription', estimatedDollars: null }
        : entry
    )
    await renderApp({
      screen: 'providers',
      handlers: { 'usage:providers': () => cards, 'usage:costs': demoEstimate }
    })
    expect(screen.getByTestId('provider-anthropic-billing').textContent).toBe(
      'subscription'
    )
    expect(screen.getByTestId('provider-anthropic-not-billed').textContent).toContain(
      'Billed by subscription'
    )
    expect(card('anthropic').textContent).not.toContain('$')
  })

  it('ask for a billing kind when none is known', async () => {
    const acme: ProviderCard = {
      ...totals({ turns: 3, inputTokens: 9_000, outputTokens: 900 }),
      name: 'acme-cloud',
      models: ['acme-1'],
      projects: 1,
      share: 1,
      billing: null,
      estimatedDollars: null,
      unpricedTurns: 3
    }
    const estimate: CostEstimate = {
      ...demoEstimate(),
      rows: [
        {
          provider: 'acme-cloud',
          model: 'acme-1',
          billing: null,
          status: 'unpriced',
          unpricedReason: 'unknown-provider',
          totals: totals({ turns: 3 }),
          cost: null,
          price: null,
          longContextRecords: 0
        }
      ]
    }
    await renderApp({
      screen: 'providers',
      handlers: { 'usage:providers': () => [acme], 'usage:costs': () => estimate }
    })
    expect(screen.getByTestId('provider-acme-cloud-billing').textContent).toBe(
      'billing unknown'
    )
    expect(screen.getByTestId('provider-acme-cloud-unpriced').textContent).toBe(
      '3 turns unpriced (no billing kind for the provider). ' +
        'Choose its billing kind in Settings.'
    )
  })
})

describe('cost table on Overview', () => {
  it('lists each provider and model', async () => {
    const { api } = await renderApp({
      handlers: { 'usage:overview': overview, 'usage:costs': demoEstimate }
    })
    // The Overview's range: 30 days up to 4 December.
    expect(api.requests('usage:costs')).toEqual([
      { projectId: 'all', from: '2026-11-05', to: '2026-12-04' }
    ])
    const cell = (testId: string): string =>
      within(screen.getByTestId(testId)).getByTestId('cost-estimate').textContent ?? ''
    expect(cell('cost-anthropic-claude-haiku-4-5-20251001')).toBe('$0.01')
    expect(cell('cost-anthropic-claude-sonnet-4-5-20250929')).toBe('$0.55')
    // Cache writes cost more than plain input, so the table shows them too.
    const detail = (testId: string, part: string): string | null =>
      within(screen.getByTestId(testId)).queryByTestId(part)?.textContent ?? null
    const sonnet = 'cost-anthropic-claude-sonnet-4-5-20250929'
    expect(detail(sonnet, 'cost-input-cached')).toBe('255,000 cached')
    expect(detail(sonnet, 'cost-input-written')).toBe('22,500 cache writes')
    const haiku = 'cost-anthropic-claude-haiku-4-5-20251001'
    expect(detail(haiku, 'cost-input-cached')).toBe('0 cached')
    expect(detail(haiku, 'cost-input-written')).toBeNull()
    expect(cell('cost-local-llama3.1:8b')).toBe('localtokens and time only')
    expect(cell('cost-openai-gpt-5.1-codex')).toBe('unpricedunknown model gpt-5.1-codex')
    expect(screen.getByTestId('cost-total').textContent).toBe(
      'Estimated total: $0.56, not counting 6 unpriced turns (128,950 tokens)'
    )
  })

  it('shows the prices used', async () => {
    await renderApp({
      handlers: { 'usage:overview': overview, 'usage:costs': demoEstimate }
    })
    const sonnet = within(screen.getByTestId('cost-prices-claude-sonnet-4-5'))
    for (const price of ['$3.00', '$0.30', '$3.75', '$6.00', '$15.00']) {
      expect(sonnet.getByText(price)).toBeTruthy()
    }
  })

  it('says when nothing was priced', async () => {
    const estimate: CostEstimate = {
      ...demoEstimate(),
      rows: demoEstimate().rows.filter((row) => row.status !== 'priced'),
      dollars: 0
    }
    await renderApp({
      handlers: { 'usage:overview': overview, 'usage:costs': () => estimate }
    })
    expect(screen.getByTestId('cost-total').textContent).toBe(
      'No turn in this range was priced, not counting 6 unpriced turns (128,950 tokens)'
    )
  })

  it('exports the table as CSV', async () => {
    const { api } = await renderApp({
      handlers: {
        'usage:overview': overview,
        'usage:costs': demoEstimate,
        'export:save': (request) => ({ saved: true, path: `/x/${request.fileName}` })
      }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Export cost CSV' }))
    await settle()
    const saved = api.requests('export:save')[0]
    expect(saved?.fileName).toBe(
      'lowkey-all-projects-estimated-cost-2026-11-05-to-2026-12-04.csv'
    )
    const lines = Buffer.from(saved?.base64 ?? '', 'base64')
      .toString('utf8')
      .split('\r\n')
    expect(lines[0]).toBe(
      'provider,model,billing,status,unpricedReason,turns,inputTokens,cacheReadTokens,' +
        'cacheWriteTokens,outputTokens,wallMs,estimatedDollars,priceModel,priceInput,' +
        'priceCacheRead,priceCacheWrite5m,priceCacheWrite1h,priceOutput,priceSource,' +
        'priceChecked'
    )
    expect(lines[2]).toBe(
      'anthropic,claude-sonnet-4-5-20250929,per-token,priced,,25,316600,255000,22500,' +
        '18100,1235000,0.551925,claude-sonnet-4-5,3,0.3,3.75,6,15,' +
        'https://platform.claude.com/docs/en/about-claude/pricing,2026-12-04'
    )
    expect(lines[4]).toBe(
      'openai,gpt-5.1-codex,per-token,unpriced,unknown-model,6,117000,85000,0,11950,0,' +
        ',,,,,,,,'
    )
    expect(lines).toHaveLength(6)
  })

  it('fetches again when usage changes', async () => {
    const { api } = await renderApp({
      handlers: { 'usage:overview': overview, 'usage:costs': demoEstimate }
    })
    api.emit('usage:changed', { projectId: 'p1', conversations: [] })
    await settle()
    expect(api.requests('usage:costs')).toHaveLength(2)
  })

  it('fetches again after prices are saved', async () => {
    const { api, stores } = await renderApp({
      handlers: {
        'usage:overview': overview,
        'usage:costs': demoEstimate,
        'settings:update': (change) =>
          settings('UTC', { pricing: change.pricing ?? { billing: {}, models: {} } })
      }
    })
    await stores.settings
      .getState()
      .update({ pricing: { billing: { anthropic: 'subscription' }, models: {} } })
    await settle()
    expect(api.requests('usage:costs')).toHaveLength(2)
    // The sidebar's warning count follows saved thresholds the same way.
    expect(api.requests('usage:warnings')).toHaveLength(2)
  })
})
