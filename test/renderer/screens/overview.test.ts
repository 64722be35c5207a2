// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { OverviewResult } from '../../../shared/api'
import { exportedTitles, STUB_PNG_BASE64 } from '../support/chart-stub'
import { day, settings, totals } from '../support/fixtures'
import { renderApp, settle } from '../support/render'

vi.mock('react-chartjs-2', () => import('../support/chart-stub'))

afterEach(cleanup)

// Two days of usage inside the 7 days that end on 4 December 2026.
const DAYS = [
  day('2026-11-28', {
    anthropic: {
      turns: 2,
      inputTokens: 20_000,
      cacheReadTokens: 16_000,
      outputTokens: 1_200,
      wallMs: 90_000,
      toolCalls: 5
    },
    local: {
      turns: 1,
      inputTokens: 3_000,
      outputTokens: 400,
      wallMs: 12_000,
      toolCalls: 1
    }
  }),
  day('2026-12-01', {
    openai: {
      turns: 3,
      inputTokens: 63_000,
      cacheReadTokens: 49_000,
      outputTokens: 4_450,
      wallMs: 240_000,
      toolCalls: 12,
      toolErrors: 3
    }
  })
]

// Sums of the two days above, added by hand.
const TOTAL = totals({
  turns: 6,
  partialTurns: 1,
  inputTokens: 86_000,
  cacheReadTokens: 65_000,
  outputTokens: 6_050,
  wallMs: 342_000,
  toolCalls: 18,
  toolErrors: 3
})

function withUsage(): OverviewResult {
  return {
    timeZone: 'UTC',
    days: DAYS,
    total: TOTAL,
    firstDay: '2026-11-20',
    lastDay: '2026-12-01'
  }
}

function withoutUsage(firstDay: string | null, lastDay: string | null): OverviewResult {
  return { timeZone: 'UTC', days: [], total: totals(), firstDay, lastDay }
}

describe('Overview screen', () => {
  it('asks for the 30 days ending today, then the 7 days', async () => {
    const { api } = await renderApp({ handlers: { 'usage:overview': withUsage } })
    expect(api.requests('usage:overview')[0]).toEqual({
      projectId: 'all',
      from: '2026-11-05',
      to: '2026-12-04'
    })

    fireEvent.click(screen.getByRole('button', { name: '7 days' }))
    await settle()
    expect(api.requests('usage:overview').at(-1)).toEqual({
      projectId: 'all',
      from: '2026-11-28',
      to: '2026-12-04'
    })
    expect(
      screen.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')
    ).toBe('true')
  })

  it('ends ranges today in the zone of the settings', async () => {
    const { api } = await renderApp({
      // 20:00 UTC on 3 December is 01:30 on 4 December in Kolkata (UTC+5:30).
      now: new Date('2026-12-03T20:00:00Z'),
      handlers: {
        'settings:get': () => settings('Asia/Kolkata'),
        'usage:overview': () => ({ ...withUsage(), timeZone: 'Asia/Kolkata' })
      }
    })
    // The first request already waits for the settings' zone.
    expect(api.requests('usage:overview')).toEqual([
      { projectId: 'all', from: '2026-11-05', to: '2026-12-04' }
    ])

    fireEvent.click(screen.getByRole('button', { name: '7 days' }))
    await settle()
    expect(api.requests('usage:overview').at(-1)).toEqual({
      projectId: 'all',
      from: '2026-11-28',
      to: '2026-12-04'
    })
    expect(screen.getByText(/days in Asia\/Kolkata/)).toBeTruthy()
  })

  it('shows the totals of the range in en-US', async () => {
    await renderApp({ handlers: { 'usage:overview': withUsage } })
    expect(screen.getByTestId('total-turns').textContent).toBe('6')
    expect(screen.getByTestId('total-turns-detail').textContent).toBe('1 partial')
    expect(screen.getByTestId('total-input').textContent).toBe('86,000')
    expect(screen.getByTestId('total-input-detail').textContent).toBe('65,000 cached')
    expect(screen.getByTestId('total-output').textContent).toBe('6,050')
    expect(screen.getByTestId('total-wall').textContent).toBe('5m 42s')
    expect(screen.getByTestId('total-tool-calls').textContent).toBe('18')
    expect(screen.getByTestId('total-errors').textContent).toBe('3')
  })

  it('stacks tokens per day by provider', async () => {
    const { stores } = await renderApp({ handlers: { 'usage:overview': withUsage } })
    stores.views.getState().setOverviewRange({ preset: 7 })
    await settle()

    const chart = screen.getByTestId('chart-bar')
    expect(JSON.parse(chart.dataset.labels ?? '')).toEqual([
      'Nov 28',
      'Nov 29',
      'Nov 30',
      'Dec 1',
      'Dec 2',
      'Dec 3',
      'Dec 4'
    ])
    // Input plus output: 20,000 + 1,200; 3,000 + 400; 63,000 + 4,450.
    expect(JSON.parse(chart.dataset.datasets ?? '')).toEqual([
      { label: 'anthropic', data: [21_200, 0, 0, 0, 0, 0, 0] },
      { label: 'local', data: [3_400, 0, 0, 0, 0, 0, 0] },
      { label: 'openai', data: [0, 0, 0, 67_450, 0, 0, 0] }
    ])
  })

  it('offers the latest range with usage when the range is empty', async () => {
    const { api } = await renderApp({
      now: new Date('2027-01-15T09:00:00Z'),
      handlers: {
        'usage:overview': (request) =>
          request.from === '2026-11-25'
            ? withUsage()
            : withoutUsage('2026-11-20', '2026-12-01')
      }
    })
    fireEvent.click(screen.getByRole('button', { name: '7 days' }))
    await settle()

    expect(screen.getByText('No usage in this range')).toBeTruthy()
    // Seven days that end on the last day with usage, 1 December.
    fireEvent.click(
      screen.getByRole('button', { name: 'Show Nov 25, 2026 – Dec 1, 2026' })
    )
    await settle()
    expect(api.requests('usage:overview').at(-1)).toEqual({
      projectId: 'all',
      from: '2026-11-25',
      to: '2026-12-01'
    })
    expect(screen.getByTestId('total-input').textContent).toBe('86,000')
  })

  it('says what to do when nothing was ever recorded', async () => {
    await renderApp({ handlers: { 'usage:overview': () => withoutUsage(null, null) } })
    expect(screen.getByText('No usage recorded yet')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Go to Projects' })).toBeTruthy()
  })

  it('shows a failed request and tries again', async () => {
    let fail = true
    const { api } = await renderApp({
      handlers: {
        'usage:overview': () => {
          if (fail) throw new Error('rollups of demo-box are locked by pid 42')
          return withUsage()
        }
      }
    })
    expect(screen.getByRole('alert').textContent).toContain(
      'Loading the overview failed: rollups of demo-box are locked by pid 42'
    )

    fail = false
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await settle()
    expect(api.requests('usage:overview')).toHaveLength(2)
    expect(screen.getByTestId('total-output').textContent).toBe('6,050')
  })

  it('exports the chart as PNG and its data as CSV', async () => {
    const { api } = await renderApp({
      handlers: {
        'usage:overview': withUsage,
        'export:save': (request) => ({
          saved: true,
          path: `/exports/${request.fileName}`
        })
      }
    })
    fireEvent.click(screen.getByRole('button', { name: '7 days' }))
    await settle()

    fireEvent.click(screen.getByRole('button', { name: 'Export PNG' }))
    await settle()
    const png = api.requests('export:save')[0]
    expect(png).toEqual({
      fileName: 'lowkey-all-projects-tokens-by-provider-2026-11-28-to-2026-12-04.png',
      mimeType: 'image/png',
      base64: STUB_PNG_BASE64
    })
    expect(screen.getByText(`Saved /exports/${png?.fileName}`)).toBeTruthy()
    expect(exportedTitles.at(-1)).toBe(
      'Tokens per day by provider · All projects · Nov 28, 2026 – Dec 4, 2026'
    )

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }))
    await settle()
    const csv = api.requests('export:save')[1]
    expect(csv?.fileName).toBe(
      'lowkey-all-projects-days-by-provider-2026-11-28-to-2026-12-04.csv'
    )
    expect(csv?.mimeType).toBe('text/csv')
    const columns =
      'day,provider,turns,inputTokens,cacheReadTokens,cacheWriteTokens,' +
      'outputTokens,wallMs,toolCalls,toolErrors,partialTurns'
    expect(Buffer.from(csv?.base64 ?? '', 'base64').toString('utf8')).toBe(
      [
        columns,
        '2026-11-28,anthropic,2,20000,16000,0,1200,90000,5,0,0',
        '2026-11-28,local,1,3000,0,0,400,12000,1,0,0',
        '2026-12-01,openai,3,63000,49000,0,4450,240000,12,3,0',
        ''
      ].join('\r\n')
    )
  })

  it('runs the menu export items on the chart in view', async () => {
    const { api } = await renderApp({
      handlers: {
        'usage:overview': withUsage,
        'export:save': () => ({ saved: false, path: null })
      }
    })
    api.emit('menu:command', { command: 'export-chart' })
    await settle()
    expect(api.requests('export:save')[0]?.mimeType).toBe('image/png')
    expect(screen.getByText(/Export of .*\.png cancelled/)).toBeTruthy()

    api.emit('menu:command', { command: 'export-data' })
    await settle()
    expect(api.requests('export:save')[1]?.mimeType).toBe('text/csv')
  })
})
