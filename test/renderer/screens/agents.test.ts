// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { AgentsResult } from '../../../shared/api'
import { day, totals } from '../support/fixtures'
import { renderApp, settle } from '../support/render'

vi.mock('react-chartjs-2', () => import('../support/chart-stub'))

afterEach(cleanup)

const RESULT: AgentsResult = {
  timeZone: 'UTC',
  agents: [
    {
      name: 'coder',
      models: ['gpt-5.1-codex'],
      ...totals({
        turns: 3,
        inputTokens: 54_000,
        cacheReadTokens: 36_000,
        outputTokens: 7_500,
        toolErrors: 1
      })
    },
    {
      name: 'planner',
      models: ['claude-sonnet-4-5'],
      ...totals({
        turns: 2,
        inputTokens: 21_100,
        cacheReadTokens: 16_000,
        outputTokens: 1_200
      })
    }
  ],
  days: [
    day(
      '2026-11-29',
      { anthropic: { turns: 1, inputTokens: 9_000, outputTokens: 600 } },
      { planner: { inputTokens: 9_000, outputTokens: 600 } }
    ),
    day(
      '2026-11-30',
      { anthropic: { turns: 4, inputTokens: 66_100, outputTokens: 8_100 } },
      {
        coder: { inputTokens: 54_000, outputTokens: 7_500 },
        planner: { inputTokens: 12_100, outputTokens: 600 }
      }
    )
  ]
}

describe('Agents and days screen', () => {
  it('asks for the chosen project and range', async () => {
    const { api } = await renderApp({
      screen: 'agents',
      projectId: 'p1',
      handlers: { 'usage:agents': () => RESULT }
    })
    expect(api.requests('usage:agents')[0]).toEqual({
      projectId: 'p1',
      from: '2026-11-05',
      to: '2026-12-04'
    })
    fireEvent.click(screen.getByRole('button', { name: 'All' }))
    await settle()
    expect(api.requests('usage:agents').at(-1)).toEqual({
      projectId: 'p1',
      from: null,
      to: null
    })
  })

  it('tables each agent and each day', async () => {
    await renderApp({ screen: 'agents', handlers: { 'usage:agents': () => RESULT } })
    const coder = within(screen.getByTestId('agent-coder'))
    // 54,000 in + 7,500 out.
    expect(coder.getByText('61,500')).toBeTruthy()
    expect(coder.getByText('36,000 cached')).toBeTruthy()
    expect(coder.getByText('gpt-5.1-codex')).toBeTruthy()
    const lastDay = within(screen.getByTestId('day-2026-11-30'))
    expect(lastDay.getByText('Nov 30, 2026')).toBeTruthy()
    expect(lastDay.getByText('coder, planner')).toBeTruthy()
    // 66,100 in + 8,100 out.
    expect(lastDay.getByText('74,200')).toBeTruthy()
  })

  it('stacks tokens per day by agent, with days without usage at zero', async () => {
    const { stores } = await renderApp({
      screen: 'agents',
      handlers: { 'usage:agents': () => RESULT }
    })
    stores.views.getState().setAgentsRange({ preset: 7 })
    await settle()
    const [perDay] = screen.getAllByTestId('chart-bar')
    expect(JSON.parse(perDay?.dataset.datasets ?? '')).toEqual([
      { label: 'coder', data: [0, 0, 61_500, 0, 0, 0, 0] },
      { label: 'planner', data: [0, 9_600, 12_700, 0, 0, 0, 0] }
    ])
  })
})
