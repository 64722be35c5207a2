// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { RoutineRollup, RunRollup } from '../../../shared/rollups'
import { totals } from '../support/fixtures'
import { renderApp, settle } from '../support/render'

vi.mock('react-chartjs-2', () => import('../support/chart-stub'))

afterEach(cleanup)

function run(name: string, startedAt: string, values: Partial<RunRollup>): RunRollup {
  return {
    run: name,
    conversations: [name],
    byAgent: {},
    ...totals({ firstStartedAt: startedAt, turns: 2 }),
    ...values
  }
}

// The last two runs of the demo's nightly triage. The first: planner 8,000 +
// 1,000 + 12,000 in and 1,200 out. The second also owns a coder conversation:
// planner 21,100 in, 1,200 out; coder 3 * 18,000 in, 3 * 2,500 out.
const TRIAGE: RoutineRollup = {
  routine: 'nightly-triage',
  ...totals({ turns: 7, inputTokens: 96_100, outputTokens: 9_900 }),
  runs: [
    run('nightly-triage-2026-11-29', '2026-11-29T02:00:00.000Z', {
      inputTokens: 21_000,
      cacheReadTokens: 16_000,
      outputTokens: 1_200
    }),
    run('nightly-triage-2026-11-30', '2026-11-30T02:00:00.000Z', {
      conversations: ['triage-2026-11-30', 'triage-2026-11-30-fix'],
      turns: 5,
      inputTokens: 75_100,
      cacheReadTokens: 52_000,
      outputTokens: 8_700,
      wallMs: 630_000,
      byAgent: {
        coder: totals({
          turns: 3,
          inputTokens: 54_000,
          cacheReadTokens: 36_000,
          outputTokens: 7_500
        }),
        planner: totals({
          turns: 2,
          inputTokens: 21_100,
          cacheReadTokens: 16_000,
          outputTokens: 1_200
        })
      }
    })
  ],
  // The demo's figure over its latest 10 runs, worked out in its rollup test.
  recentAverage: {
    runs: 10,
    inputTokens: 25_000,
    outputTokens: 3_000,
    tokens: 28_000,
    wallMs: 144_000
  }
}

const DIGEST: RoutineRollup = {
  routine: 'morning-digest',
  ...totals({ turns: 1, inputTokens: 3_000, outputTokens: 400 }),
  runs: [
    run('morning-digest-2026-12-01', '2026-12-01T07:30:00.000Z', {
      inputTokens: 3_000,
      outputTokens: 400
    })
  ],
  recentAverage: {
    runs: 1,
    inputTokens: 3_000,
    outputTokens: 400,
    tokens: 3_400,
    wallMs: 12_000
  }
}

describe('Automations screen', () => {
  it('shows each routine with its recent average', async () => {
    const { api } = await renderApp({
      screen: 'automations',
      handlers: { 'usage:routines': () => [DIGEST, TRIAGE] }
    })
    expect(api.requests('usage:routines')).toEqual([{ projectId: 'all' }])
    expect(screen.getByTestId('routine-nightly-triage-average').textContent).toBe(
      '28,000'
    )
    expect(screen.getByTestId('routine-nightly-triage').textContent).toContain(
      'latest 10 runs'
    )
    expect(screen.getByTestId('routine-morning-digest-average').textContent).toBe('3,400')
    expect(screen.getByTestId('routine-morning-digest').textContent).toContain(
      'latest 1 run'
    )
  })

  it('draws tokens per run and shows the work a run owns', async () => {
    await renderApp({
      screen: 'automations',
      handlers: { 'usage:routines': () => [DIGEST, TRIAGE] }
    })
    fireEvent.click(screen.getByRole('button', { name: 'nightly-triage' }))
    await settle()
    const trends = screen.getAllByTestId('chart-line')
    const detail = trends.at(-1)
    // Input plus output of each run: 21,000 + 1,200 and 75,100 + 8,700.
    expect(JSON.parse(detail?.dataset.datasets ?? '')).toEqual([
      { label: 'Tokens', data: [22_200, 83_800] }
    ])
    expect(JSON.parse(detail?.dataset.labels ?? '')).toEqual(['Nov 29', 'Nov 30'])

    fireEvent.click(screen.getByRole('button', { name: 'nightly-triage-2026-11-30' }))
    await settle()
    expect(screen.getByTestId('run-tokens').textContent).toBe(
      '83,800 tokens: 75,100 in (52,000 cached), 8,700 out, over 5 turns in 10m 30s.'
    )
    const coder = within(screen.getByTestId('run-agent-coder'))
    expect(coder.getByText('61,500')).toBeTruthy()
    expect(coder.getByText('54,000')).toBeTruthy()
    const planner = within(screen.getByTestId('run-agent-planner'))
    expect(planner.getByText('22,300')).toBeTruthy()
    expect(
      within(screen.getByTestId('run-conversations'))
        .getAllByRole('button')
        .map((button) => button.textContent)
    ).toEqual(['triage-2026-11-30', 'triage-2026-11-30-fix'])
  })

  it('opens a run conversation in the conversation list', async () => {
    const { api } = await renderApp({
      screen: 'automations',
      handlers: {
        'usage:routines': () => [TRIAGE],
        'usage:conversations': () => ({ rows: [], offset: 0, total: 0 })
      }
    })
    fireEvent.click(screen.getByRole('button', { name: 'nightly-triage-2026-11-30' }))
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'triage-2026-11-30-fix' }))
    await settle()
    expect(api.requests('usage:conversations').at(-1)).toMatchObject({
      search: 'triage-2026-11-30-fix'
    })
  })

  it('explains routines when there are none', async () => {
    await renderApp({ screen: 'automations', handlers: { 'usage:routines': () => [] } })
    expect(screen.getByText('No routine has run here')).toBeTruthy()
  })
})
