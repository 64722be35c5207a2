// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { ProviderCard } from '../../../shared/api'
import { totals } from '../support/fixtures'
import { renderApp } from '../support/render'

vi.mock('react-chartjs-2', () => import('../support/chart-stub'))

afterEach(cleanup)

// Card fields these tests do not look at.
const UNPRICED = { billing: null, estimatedDollars: null, unpricedTurns: 0 }

// The demo project's providers; all tokens are 492,100 in + 37,450 out = 529,550.
const CARDS: ProviderCard[] = [
  {
    ...UNPRICED,
    name: 'anthropic',
    models: ['claude-haiku-4-5', 'claude-sonnet-4-5'],
    projects: 1,
    share: (325_600 + 18_700) / 529_550,
    ...totals({
      turns: 25,
      inputTokens: 325_600,
      cacheReadTokens: 255_000,
      outputTokens: 18_700,
      wallMs: 1_235_000
    })
  },
  {
    ...UNPRICED,
    name: 'local',
    models: ['llama3.1:8b'],
    projects: 1,
    share: (49_500 + 6_800) / 529_550,
    ...totals({ turns: 14, inputTokens: 49_500, outputTokens: 6_800, wallMs: 239_000 })
  },
  {
    ...UNPRICED,
    name: 'openai',
    models: ['gpt-5.1-codex'],
    projects: 2,
    share: (117_000 + 11_950) / 529_550,
    ...totals({
      turns: 6,
      inputTokens: 117_000,
      cacheReadTokens: 85_000,
      outputTokens: 11_950,
      wallMs: 780_000
    })
  }
]

describe('Providers screen', () => {
  it('shows a card per provider with its figures', async () => {
    const { api } = await renderApp({
      screen: 'providers',
      projectId: 'p1',
      handlers: { 'usage:providers': () => CARDS }
    })
    // Cards cover every project, whichever one the picker chose.
    expect(api.requests('usage:providers')).toEqual([undefined])

    expect(screen.getByTestId('provider-anthropic-turns').textContent).toBe('25')
    expect(screen.getByTestId('provider-anthropic-input').textContent).toBe('325,600')
    expect(screen.getByTestId('provider-anthropic-cached').textContent).toBe(
      '255,000 cached'
    )
    expect(screen.getByTestId('provider-anthropic-output').textContent).toBe('18,700')
    expect(screen.getByTestId('provider-anthropic-wall').textContent).toBe('20m 35s')
    // 344,300 of 529,550 is 65.02 %; 56,300 is 10.63 %; 128,950 is 24.35 %.
    expect(screen.getByTestId('provider-anthropic-share').textContent).toBe('65%')
    expect(screen.getByTestId('provider-local-share').textContent).toBe('10.6%')
    expect(screen.getByTestId('provider-openai-share').textContent).toBe('24.4%')
    expect(screen.getByTestId('provider-openai').textContent).toContain('2 projects')
  })

  it('charts cached input, the rest of the input and output', async () => {
    await renderApp({ screen: 'providers', handlers: { 'usage:providers': () => CARDS } })
    const chart = screen.getByTestId('chart-bar')
    expect(JSON.parse(chart.dataset.labels ?? '')).toEqual([
      'anthropic',
      'local',
      'openai'
    ])
    // Uncached input is input less cache reads: 325,600 - 255,000 and 117,000 - 85,000.
    expect(JSON.parse(chart.dataset.datasets ?? '')).toEqual([
      { label: 'Cached input', data: [255_000, 0, 85_000] },
      { label: 'Uncached input', data: [70_600, 49_500, 32_000] },
      { label: 'Output', data: [18_700, 6_800, 11_950] }
    ])
  })

  it('says what to do when no provider has usage', async () => {
    await renderApp({ screen: 'providers', handlers: { 'usage:providers': () => [] } })
    expect(screen.getByText('No provider has usage yet')).toBeTruthy()
  })
})
