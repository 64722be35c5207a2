// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import type { ProjectSummary } from '../../../shared/api'
import { project, totals } from '../support/fixtures'
import { renderApp, settle } from '../support/render'

afterEach(cleanup)

const STALE = project({
  id: 'p1',
  name: 'demo-box',
  state: 'stale',
  reasons: ['2 logs changed since the last build', 'the time zone is now Europe/Berlin'],
  problems: [
    {
      file: '/work/demo-box/.lowkey/sessions/c-fix-flaky-test.jsonl',
      line: 8,
      message: 'not valid JSON (Unterminated string in JSON at position 51)'
    },
    { file: '/work/demo-box/.lowkey/sessions/broken.jsonl', message: 'permission denied' }
  ]
})

function projectsScreen(list: ProjectSummary[], transport: 'electron' | 'http' = 'http') {
  return renderApp({
    screen: 'projects',
    transport,
    handlers: {
      'projects:list': () => list,
      'rollups:rebuild': () => undefined,
      'rollups:cancel': () => undefined
    }
  })
}

describe('Projects screen', () => {
  it('shows why rollups are stale and each problem with its file and line', async () => {
    await projectsScreen([STALE])
    const card = within(screen.getByTestId('project-p1'))
    expect(screen.getByTestId('project-p1-state').textContent).toBe('stale')
    expect(card.getByText('2 logs changed since the last build')).toBeTruthy()
    expect(card.getByText('the time zone is now Europe/Berlin')).toBeTruthy()
    expect(
      card.getByText('27 conversations, 45 turns, 1 bad line skipped', { exact: false })
    ).toBeTruthy()
    expect(
      card.getByText('/work/demo-box/.lowkey/sessions/c-fix-flaky-test.jsonl:8')
    ).toBeTruthy()
    expect(card.getByText('/work/demo-box/.lowkey/sessions/broken.jsonl')).toBeTruthy()
    expect(card.getByText('permission denied', { exact: false })).toBeTruthy()
  })

  it('counts bad lines beyond the listed problems', async () => {
    const problems = Array.from({ length: 20 }, (_, i) => ({
      file: 'long-run.jsonl',
      line: i + 1,
      message: 'not valid JSON'
    }))
    await projectsScreen([
      project({ problems, counts: { conversations: 1, turns: 9_975, badLines: 25 } })
    ])
    expect(
      screen.getByText(
        '20 problems listed while reading the logs, of 25 bad lines in all'
      )
    ).toBeTruthy()
  })

  it('rebuilds with progress, cancel and outcome', async () => {
    const { api } = await projectsScreen([STALE])
    const card = within(screen.getByTestId('project-p1'))
    fireEvent.click(card.getByRole('button', { name: 'Rebuild' }))
    await settle()
    expect(api.requests('rollups:rebuild')).toEqual([{ projectId: 'p1' }])
    expect(card.getByText('Rebuilding demo-box: starting')).toBeTruthy()

    api.emit('rollups:progress', {
      projectId: 'p1',
      filesDone: 3,
      filesTotal: 27,
      bytesDone: 1_048_576,
      bytesTotal: 4_194_304
    })
    await settle()
    expect(
      card.getByText('Rebuilding demo-box: 3 of 27 files, 1.0 MiB of 4.0 MiB')
    ).toBeTruthy()
    expect(card.getByRole('progressbar').getAttribute('value')).toBe('1048576')

    fireEvent.click(card.getByRole('button', { name: 'Cancel' }))
    await settle()
    expect(api.requests('rollups:cancel')).toEqual([{ projectId: 'p1' }])

    api.emit('rollups:finished', {
      projectId: 'p1',
      outcome: 'cancelled',
      message: 'stopped after 3 of 27 files; the previous rollups stay in use',
      problems: []
    })
    await settle()
    expect(card.queryByRole('progressbar')).toBeNull()
    expect(screen.getByTestId('project-p1-outcome').textContent).toBe(
      'Rebuild cancelled: stopped after 3 of 27 files; the previous rollups stay in use'
    )
    // The list is fetched again once a build ends.
    expect(api.requests('projects:list').length).toBeGreaterThanOrEqual(2)
  })

  it('updates the list from the projects:changed event', async () => {
    const { api } = await projectsScreen([STALE])
    api.emit('projects:changed', [
      { ...STALE, state: 'fresh', reasons: [] },
      project({ id: 'p2', name: 'side-project', origin: 'found', kind: 'codex' })
    ])
    await settle()
    expect(screen.getByTestId('project-p1-state').textContent).toBe('up to date')
    expect(screen.getByTestId('project-p2')).toBeTruthy()
    expect(
      within(screen.getByTestId('project-p2')).queryByRole('button', { name: 'Remove' })
    ).toBeNull()
    expect(
      within(screen.getByLabelText('Project'))
        .getAllByRole('option')
        .map((option) => option.textContent)
    ).toEqual(['All projects', 'demo-box', 'side-project'])
  })

  it('adds a project by path through the bridge', async () => {
    const { api } = await projectsScreen([])
    api.answer({ 'projects:add': () => project({ id: 'p9', name: 'work' }) })
    expect(screen.getByText('No projects yet')).toBeTruthy()

    fireEvent.change(screen.getByLabelText(/Add a Lowkey project/), {
      target: { value: ' /home/me/work ' }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Add project' }))
    await settle()
    expect(api.requests('projects:add')).toEqual([{ path: '/home/me/work' }])
  })

  it('shows why adding a project failed', async () => {
    const { api } = await projectsScreen([])
    api.answer({
      'projects:add': () => {
        throw new Error('/nowhere has no .lowkey folder')
      }
    })
    fireEvent.change(screen.getByLabelText(/Add a Lowkey project/), {
      target: { value: '/nowhere' }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Add project' }))
    await settle()
    expect(screen.getByRole('alert').textContent).toContain(
      'Adding /nowhere failed: /nowhere has no .lowkey folder'
    )
  })

  it('opens a folder dialog in the desktop app', async () => {
    const { api } = await projectsScreen([], 'electron')
    api.answer({ 'projects:choose': () => null })
    expect(screen.queryByLabelText(/Add a Lowkey project/)).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Add project folder…' }))
    await settle()
    expect(api.requests('projects:choose')).toHaveLength(1)
  })

  it('removes an added project after a confirmation', async () => {
    const { api } = await projectsScreen([STALE])
    api.answer({ 'projects:remove': () => undefined })
    const card = within(screen.getByTestId('project-p1'))
    fireEvent.click(card.getByRole('button', { name: 'Remove' }))
    expect(api.requests('projects:remove')).toEqual([])
    fireEvent.click(card.getByRole('button', { name: 'Keep' }))
    fireEvent.click(card.getByRole('button', { name: 'Remove' }))
    fireEvent.click(
      within(card.getByRole('group')).getByRole('button', { name: 'Remove' })
    )
    await settle()
    expect(api.requests('projects:remove')).toEqual([{ projectId: 'p1' }])
  })

  it('offers a rebuild above the data screens when rollups are missing', async () => {
    const { api } = await renderApp({
      handlers: {
        'projects:list': () => [
          project({ state: 'missing', counts: null, builtAt: null })
        ],
        'usage:overview': () => ({
          timeZone: 'UTC',
          days: [],
          total: totals(),
          firstDay: null,
          lastDay: null
        }),
        'rollups:rebuild': () => undefined
      }
    })
    expect(screen.getByText('The rollups of demo-box are not built yet.')).toBeTruthy()
    expect(screen.getByText('The rollups are not built yet')).toBeTruthy()
    const rebuildAll = screen.getByRole('button', { name: 'Rebuild all' })
    rebuildAll.focus()
    fireEvent.click(rebuildAll)
    await settle()
    expect(api.requests('rollups:rebuild')).toEqual([{ projectId: 'all' }])
    // The button is gone; the focus stays in the page, not on its body.
    expect(document.activeElement).not.toBe(document.body)
    expect(document.activeElement?.isConnected).toBe(true)
    expect(screen.getByText('Building the rollups')).toBeTruthy()
    expect(screen.getByText('Rebuilding demo-box: starting')).toBeTruthy()
  })

  it('keeps the focus on the page after "Rebuild now"', async () => {
    await renderApp({
      handlers: {
        'projects:list': () => [
          project({ state: 'missing', counts: null, builtAt: null })
        ],
        'usage:overview': () => ({
          timeZone: 'UTC',
          days: [],
          total: totals(),
          firstDay: null,
          lastDay: null
        }),
        'rollups:rebuild': () => undefined
      }
    })
    const button = screen.getByRole('button', { name: 'Rebuild now' })
    button.focus()
    expect(document.activeElement).toBe(button)
    fireEvent.click(button)
    await settle()
    // The build's Cancel button takes the place of the one pressed.
    expect(document.activeElement?.textContent).toBe('Cancel')
  })
})
