// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { ConversationRow, ProjectWarning } from '../../../shared/api'
import type { RoutineRollup } from '../../../shared/rollups'
import { triageWarning } from '../support/demo'
import { project, totals } from '../support/fixtures'
import { renderApp, settle } from '../support/render'

vi.mock('react-chartjs-2', () => import('../support/chart-stub'))

afterEach(cleanup)

/** A conversation whose largest prompt is 3.49 times its peers' median of 9,750. */
const CONTEXT_WARNING: ProjectWarning = {
  kind: 'conversation-context',
  subject: 'c-refactor-auth',
  message: 'Conversation c-refactor-auth reached a context of 34,000 tokens.',
  unit: 'tokens',
  value: 34_000,
  baseline: 9_750,
  ratio: 3.49,
  window: 'median of its 12 peers',
  run: null,
  day: null,
  link: { screen: 'conversations', conversation: 'c-refactor-auth' },
  projectId: 'p1',
  projectName: 'demo-box'
}

/** 4 of 12 tool calls failed (33.3 %) against 0 before: no ratio. */
const AGENT_WARNING: ProjectWarning = {
  kind: 'tool-error-rise',
  subject: 'coder',
  message: 'Agent coder: 4 of 12 tool calls failed (33.3%) on 2026-11-26.',
  unit: 'fraction',
  value: 4 / 12,
  baseline: 0,
  ratio: null,
  window: 'rate over the 3 days with usage before it',
  run: null,
  day: '2026-11-26',
  link: { screen: 'agents', agent: 'coder' },
  projectId: 'p1',
  projectName: 'demo-box'
}

const PROVIDER_WARNING: ProjectWarning = {
  kind: 'provider-volume-jump',
  subject: 'local',
  message:
    'Provider local carried 18,900 tokens on 2026-12-01, 5.56 times its busiest day.',
  unit: 'tokens',
  value: 18_900,
  baseline: 3_400,
  ratio: 5.56,
  window: 'busiest of the 10 days with usage before it',
  run: null,
  day: '2026-12-01',
  link: { screen: 'providers', provider: 'local' },
  projectId: 'p2',
  projectName: 'other-box'
}

function conversationRow(id: string): ConversationRow {
  return {
    ...totals({ turns: 3, inputTokens: 60_000, outputTokens: 3_000 }),
    conversation: id,
    title: 'Refactor the auth middleware',
    agents: ['planner'],
    providers: ['anthropic'],
    models: ['claude-sonnet-4-5'],
    routine: null,
    run: null,
    projectId: 'p1'
  }
}

function routine(name: string): RoutineRollup {
  return {
    routine: name,
    ...totals({ turns: 2, inputTokens: 20_000, outputTokens: 1_000 }),
    runs: [],
    recentAverage: { runs: 0, inputTokens: 0, outputTokens: 0, tokens: 0, wallMs: 0 }
  }
}

describe('Warnings screen', () => {
  it('shows the demo warning with its figures', async () => {
    const { api } = await renderApp({
      screen: 'warnings',
      handlers: { 'usage:warnings': () => [triageWarning()] }
    })
    // Every project's warnings are fetched once; the screens filter them.
    expect(api.requests('usage:warnings')).toEqual([{ projectId: 'all' }])

    const id = 'warning-routine-run-jump-nightly-triage'
    const card = within(screen.getByTestId(id))
    expect(card.getByRole('heading', { name: 'Routine run jump' })).toBeTruthy()
    expect(screen.getByTestId(`${id}-value`).textContent).toBe('83,800 tokens')
    expect(screen.getByTestId(`${id}-baseline`).textContent).toBe('21,750 tokens')
    expect(screen.getByTestId(`${id}-ratio`).textContent).toBe('3.85×')
    expect(card.getByText('median of the 10 runs before it')).toBeTruthy()
    expect(card.getByText('run nightly-triage-2026-11-30')).toBeTruthy()
    expect(screen.getByTestId(`${id}-message`).textContent).toContain('83,800 tokens')
  })

  it('counts the warnings in the sidebar', async () => {
    await renderApp({
      handlers: { 'usage:warnings': () => [triageWarning(), CONTEXT_WARNING] }
    })
    expect(screen.getByTestId('warning-count').textContent).toBe('2')
    expect(screen.getByRole('button', { name: 'Warnings (2 warnings)' })).toBeTruthy()
  })

  it('counts only the chosen project', async () => {
    await renderApp({
      projectId: 'p1',
      handlers: {
        'projects:list': () => [project(), project({ id: 'p2', name: 'other-box' })],
        'usage:warnings': () => [triageWarning(), PROVIDER_WARNING]
      }
    })
    expect(screen.getByTestId('warning-count').textContent).toBe('1')
    fireEvent.change(screen.getByLabelText('Project'), { target: { value: 'all' } })
    expect(screen.getByTestId('warning-count').textContent).toBe('2')
  })

  it('says what is watched when nothing fired', async () => {
    await renderApp({ screen: 'warnings' })
    expect(screen.getByText('No warnings')).toBeTruthy()
    expect(screen.getByText(/thresholds are set under Early warnings/)).toBeTruthy()
    expect(screen.queryByTestId('warning-count')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Go to Settings' }))
    expect(screen.getByRole('heading', { name: 'Early warnings' })).toBeTruthy()
  })

  it('waits for missing rollups before saying none', async () => {
    await renderApp({
      screen: 'warnings',
      handlers: { 'projects:list': () => [project({ state: 'missing', counts: null })] }
    })
    expect(screen.getByText('No warnings yet')).toBeTruthy()
    expect(screen.queryByText('No warnings')).toBeNull()
  })

  it('opens the routine and run on Automations', async () => {
    const { stores } = await renderApp({
      screen: 'warnings',
      handlers: {
        'usage:warnings': () => [triageWarning()],
        'usage:routines': () => [routine('morning-digest'), routine('nightly-triage')]
      }
    })
    fireEvent.click(
      screen.getByRole('button', { name: 'Show nightly-triage on Automations' })
    )
    await settle()
    expect(stores.navigation.getState().screen).toBe('automations')
    expect(stores.views.getState().routine).toBe('nightly-triage')
    expect(stores.views.getState().run).toBe('nightly-triage-2026-11-30')
    const card = within(screen.getByTestId('routine-nightly-triage'))
    expect(
      card.getByRole('button', { name: 'nightly-triage' }).getAttribute('aria-pressed')
    ).toBe('true')
  })

  it('opens the conversation it names', async () => {
    const { api, stores } = await renderApp({
      screen: 'warnings',
      handlers: {
        'usage:warnings': () => [CONTEXT_WARNING],
        'usage:conversations': () => ({
          rows: [
            conversationRow('c-refactor-auth-2'),
            conversationRow('c-refactor-auth')
          ],
          offset: 0,
          total: 2
        }),
        'usage:turns': () => ({ rows: [], offset: 0, total: 0 })
      }
    })
    fireEvent.click(
      screen.getByRole('button', { name: 'Open conversation c-refactor-auth' })
    )
    await settle()
    expect(api.requests('usage:conversations')[0]).toMatchObject({
      projectId: 'p1',
      search: 'c-refactor-auth'
    })
    // The search also finds c-refactor-auth-2; only the exact id opens.
    expect(stores.navigation.getState().conversation?.conversation).toBe(
      'c-refactor-auth'
    )
    expect(
      screen.getByRole('heading', { name: 'Refactor the auth middleware' })
    ).toBeTruthy()
  })

  it('moves focus to the screen a warning opens', async () => {
    await renderApp({
      screen: 'warnings',
      handlers: {
        'usage:warnings': () => [CONTEXT_WARNING],
        'usage:conversations': () => ({ rows: [], offset: 0, total: 0 })
      }
    })
    const button = screen.getByRole('button', {
      name: 'Open conversation c-refactor-auth'
    })
    button.focus()
    fireEvent.click(button)
    await settle()
    expect(document.activeElement?.id).toBe('content')
  })

  it('searches the list when the conversation is gone', async () => {
    const { stores } = await renderApp({
      screen: 'warnings',
      handlers: {
        'usage:warnings': () => [CONTEXT_WARNING],
        'usage:conversations': () => ({ rows: [], offset: 0, total: 0 })
      }
    })
    fireEvent.click(
      screen.getByRole('button', { name: 'Open conversation c-refactor-auth' })
    )
    await settle()
    expect(stores.navigation.getState().screen).toBe('conversations')
    expect(stores.navigation.getState().conversation).toBeNull()
    expect(stores.views.getState().conversationSearch).toBe('c-refactor-auth')
  })

  it('marks the agent and widens the range to its day', async () => {
    const { stores } = await renderApp({
      screen: 'warnings',
      handlers: {
        'usage:warnings': () => [AGENT_WARNING],
        'usage:agents': () => ({ timeZone: 'UTC', agents: [], days: [] })
      }
    })
    // Ratio null: the rate before was 0.
    expect(screen.getByTestId('warning-tool-error-rise-coder-ratio').textContent).toBe(
      'new'
    )
    expect(screen.getByTestId('warning-tool-error-rise-coder-value').textContent).toBe(
      '33.3%'
    )
    stores.views.getState().setAgentsRange({ preset: 7 })
    fireEvent.click(screen.getByRole('button', { name: 'Show coder on Agents and days' }))
    await settle()
    expect(stores.navigation.getState().screen).toBe('agents')
    expect(stores.views.getState().agent).toBe('coder')
    // 7 days up to 4 December start on 28 November, after 26 November.
    expect(stores.views.getState().agentsRange).toEqual({ preset: 'all' })
  })

  it('keeps a range that covers the day', async () => {
    const { stores } = await renderApp({
      screen: 'warnings',
      handlers: {
        'usage:warnings': () => [AGENT_WARNING],
        'usage:agents': () => ({ timeZone: 'UTC', agents: [], days: [] })
      }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Show coder on Agents and days' }))
    await settle()
    expect(stores.views.getState().agentsRange).toEqual({ preset: 30 })
  })

  it('marks the provider card on Providers', async () => {
    const { stores } = await renderApp({
      screen: 'warnings',
      handlers: {
        'projects:list': () => [project(), project({ id: 'p2', name: 'other-box' })],
        'usage:warnings': () => [PROVIDER_WARNING],
        'usage:providers': () => []
      }
    })
    // Every project is in scope, so the project is named.
    expect(
      within(screen.getByTestId('warning-provider-volume-jump-local')).getByText(
        'other-box'
      )
    ).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Show local on Providers' }))
    await settle()
    expect(stores.navigation.getState().screen).toBe('providers')
    expect(stores.views.getState().provider).toBe('local')
  })

  it('fetches again when usage changes', async () => {
    let warnings: ProjectWarning[] = []
    const { api } = await renderApp({
      screen: 'warnings',
      handlers: { 'usage:warnings': () => warnings }
    })
    expect(screen.getByText('No warnings')).toBeTruthy()

    warnings = [triageWarning()]
    api.emit('usage:changed', { projectId: 'p1', conversations: [] })
    await settle()
    expect(api.requests('usage:warnings')).toHaveLength(2)
    expect(screen.getByTestId('warning-routine-run-jump-nightly-triage')).toBeTruthy()
    expect(screen.getByTestId('warning-count').textContent).toBe('1')
  })

  it('exports the warnings as CSV', async () => {
    const { api } = await renderApp({
      screen: 'warnings',
      handlers: {
        'usage:warnings': () => [triageWarning()],
        'export:save': () => ({ saved: true, path: '/exports/w.csv' })
      }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }))
    await settle()
    const saved = api.requests('export:save')[0]
    expect(saved?.fileName).toBe('lowkey-all-projects-warnings.csv')
    const lines = Buffer.from(saved?.base64 ?? '', 'base64')
      .toString('utf8')
      .split('\r\n')
    expect(lines[0]).toBe(
      'project,kind,subject,unit,value,baseline,ratio,window,run,day,message'
    )
    expect(lines[1]).toBe(
      'demo-box,routine-run-jump,nightly-triage,tokens,83800,21750,3.85,' +
        'median of the 10 runs before it,nightly-triage-2026-11-30,,' +
        '"Routine nightly-triage: the latest run, nightly-triage-2026-11-30, used ' +
        '83,800 tokens, 3.85 times the median of the 10 runs before it (21,750 tokens)."'
    )
  })
})

describe('warning badges', () => {
  it('mark the routine card', async () => {
    await renderApp({
      screen: 'automations',
      handlers: {
        'usage:warnings': () => [triageWarning()],
        'usage:routines': () => [routine('morning-digest'), routine('nightly-triage')]
      }
    })
    const badge = screen.getByTestId('routine-nightly-triage-warning')
    expect(badge.textContent).toBe('▲ 3.85×')
    expect(badge.getAttribute('aria-label')).toBe(
      `3.85×: Warning. Routine run jump: ${triageWarning().message}`
    )
    expect(screen.queryByTestId('routine-morning-digest-warning')).toBeNull()

    fireEvent.click(badge)
    expect(screen.getByRole('heading', { name: 'Warnings' })).toBeTruthy()
  })

  it('mark the conversation row', async () => {
    await renderApp({
      screen: 'conversations',
      handlers: {
        'usage:warnings': () => [CONTEXT_WARNING],
        'usage:conversations': () => ({
          rows: [conversationRow('c-refactor-auth'), conversationRow('c-other')],
          offset: 0,
          total: 2
        })
      }
    })
    const badge = screen.getByTestId('conversation-c-refactor-auth-warning')
    expect(badge.getAttribute('aria-label')).toContain('Large conversation context')
    expect(screen.queryByTestId('conversation-c-other-warning')).toBeNull()
  })

  it('mark a provider card of any project', async () => {
    await renderApp({
      screen: 'providers',
      projectId: 'p1',
      handlers: {
        'projects:list': () => [project(), project({ id: 'p2', name: 'other-box' })],
        'usage:warnings': () => [PROVIDER_WARNING],
        'usage:providers': () => [
          {
            ...totals({ turns: 14, inputTokens: 49_500, outputTokens: 6_800 }),
            name: 'local',
            models: ['llama3.1:8b'],
            projects: 2,
            share: 1,
            billing: 'local',
            estimatedDollars: null,
            unpricedTurns: 0
          }
        ]
      }
    })
    // Provider cards cover every project, so the warning of p2 shows while p1 is chosen.
    const badge = screen.getByTestId('provider-local-warning')
    expect(badge.textContent).toBe('▲ 5.56×')
    expect(badge.getAttribute('aria-label')).toContain('Provider volume jump')
  })

  it('mark the agent row', async () => {
    await renderApp({
      screen: 'agents',
      handlers: {
        'usage:warnings': () => [AGENT_WARNING],
        'usage:agents': () => ({
          timeZone: 'UTC',
          agents: [
            { name: 'coder', models: ['gpt-5.1-codex'], ...totals({ turns: 6 }) },
            { name: 'planner', models: ['claude-sonnet-4-5'], ...totals({ turns: 25 }) }
          ],
          days: []
        })
      }
    })
    expect(screen.getByTestId('agent-coder-warning').textContent).toBe('▲ new')
    expect(screen.queryByTestId('agent-planner-warning')).toBeNull()
  })
})
