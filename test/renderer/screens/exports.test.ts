// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { project } from '../support/fixtures'
import { renderApp, settle } from '../support/render'

afterEach(cleanup)

const CONTENTS = ['ledger', 'conversations', 'days', 'agents', 'providers', 'routines']

describe('project exports', () => {
  it('export the ledger through the main process', async () => {
    const { api } = await renderApp({
      screen: 'projects',
      handlers: {
        'usage:export': (request) => ({
          fileName: `demo-box-${request.content}.${request.format}`,
          mimeType: 'text/csv',
          base64: 'dHVybg=='
        }),
        'export:save': (request) => ({
          saved: true,
          path: `/exports/${request.fileName}`
        })
      }
    })
    const item = within(screen.getByTestId('project-p1-exports'))
    const toggle = item.getByRole('button', { name: 'Export data' })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(toggle)

    fireEvent.click(
      item.getByRole('button', { name: 'Export ledger of demo-box as CSV' })
    )
    await settle()
    expect(api.requests('usage:export')).toEqual([
      { projectId: 'p1', content: 'ledger', format: 'csv' }
    ])
    // The file the main process made is saved as it is.
    expect(api.requests('export:save')).toEqual([
      { fileName: 'demo-box-ledger.csv', mimeType: 'text/csv', base64: 'dHVybg==' }
    ])
    expect(screen.getByText('Saved /exports/demo-box-ledger.csv')).toBeTruthy()
  })

  it('offer every rollup in both formats', async () => {
    await renderApp({ screen: 'projects' })
    const item = within(screen.getByTestId('project-p1-exports'))
    fireEvent.click(item.getByRole('button', { name: 'Export data' }))
    for (const content of CONTENTS) {
      for (const format of ['CSV', 'JSON']) {
        const name = `Export ${content} of demo-box as ${format}`
        expect(item.getByRole('button', { name }).hasAttribute('disabled')).toBe(false)
      }
    }
  })

  it('wait for the rollups to be built', async () => {
    await renderApp({
      screen: 'projects',
      handlers: { 'projects:list': () => [project({ state: 'missing', counts: null })] }
    })
    const item = within(screen.getByTestId('project-p1-exports'))
    fireEvent.click(item.getByRole('button', { name: 'Export data' }))
    expect(
      item.getByText('Rebuild the rollups first: an export reads them.')
    ).toBeTruthy()
    const button = item.getByRole('button', { name: 'Export days of demo-box as JSON' })
    expect(button.hasAttribute('disabled')).toBe(true)
  })

  it('report a failed export', async () => {
    await renderApp({
      screen: 'projects',
      handlers: {
        'usage:export': () => {
          throw new Error('the rollups of demo-box are locked by pid 42')
        }
      }
    })
    const item = within(screen.getByTestId('project-p1-exports'))
    fireEvent.click(item.getByRole('button', { name: 'Export data' }))
    fireEvent.click(item.getByRole('button', { name: 'Export days of demo-box as JSON' }))
    await settle()
    expect(screen.getByRole('alert').textContent).toContain(
      'Exporting days of demo-box failed: the rollups of demo-box are locked by pid 42'
    )
  })

  it('open from the menu on a screen without a table', async () => {
    const { api, stores } = await renderApp({
      screen: 'settings',
      projectId: 'p2',
      handlers: {
        'projects:list': () => [project(), project({ id: 'p2', name: 'other-box' })]
      }
    })
    api.emit('menu:command', { command: 'export-data' })
    await settle()
    expect(stores.navigation.getState().screen).toBe('projects')
    // The picked project's exports open, and only those.
    const picked = within(screen.getByTestId('project-p2-exports'))
    const toggle = picked.getByRole('button', { name: 'Export data' })
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    expect(document.activeElement).toBe(toggle)
    const other = within(screen.getByTestId('project-p1-exports'))
    expect(
      other.getByRole('button', { name: 'Export data' }).getAttribute('aria-expanded')
    ).toBe('false')
    expect(stores.navigation.getState().exportRequested).toBe(false)
  })
})
