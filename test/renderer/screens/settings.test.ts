// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { settings } from '../support/fixtures'
import { renderApp, settle } from '../support/render'

afterEach(cleanup)

describe('Settings screen', () => {
  it('saves a valid time zone', async () => {
    const { api } = await renderApp({
      screen: 'settings',
      handlers: { 'settings:update': (change) => settings(change.timeZone ?? 'UTC') }
    })
    const field = screen.getByLabelText('IANA time zone') as HTMLInputElement
    expect(field.value).toBe('UTC')
    const save = screen.getByRole('button', { name: 'Save' })
    expect(save.hasAttribute('disabled')).toBe(true)

    fireEvent.change(field, { target: { value: 'Asia/Kolkata' } })
    fireEvent.click(save)
    await settle()
    expect(api.requests('settings:update')).toEqual([{ timeZone: 'Asia/Kolkata' }])
    expect(screen.getByText('Settings saved')).toBeTruthy()
  })

  it('names an unknown time zone and keeps Save off', async () => {
    await renderApp({ screen: 'settings' })
    const field = screen.getByLabelText('IANA time zone')
    fireEvent.change(field, { target: { value: 'Mars/Olympus' } })
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText(/“Mars\/Olympus” is not a time zone name/)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Save' }).hasAttribute('disabled')).toBe(
      true
    )
  })

  it('shows a rejected change', async () => {
    await renderApp({
      screen: 'settings',
      handlers: {
        'settings:update': () => {
          throw new Error('the settings file is read-only')
        }
      }
    })
    fireEvent.change(screen.getByLabelText('IANA time zone'), {
      target: { value: 'Europe/Berlin' }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await settle()
    expect(screen.getByRole('alert').textContent).toContain(
      'Saving the settings failed: the settings file is read-only'
    )
  })

  it('switches the theme and marks the page with it', async () => {
    await renderApp({ screen: 'settings' })
    expect(document.documentElement.dataset.theme).toBe('system')
    fireEvent.click(screen.getByLabelText('Dark'))
    expect(document.documentElement.dataset.theme).toBe('dark')
    fireEvent.click(screen.getByRole('button', { name: 'Theme: dark' }))
    expect(document.documentElement.dataset.theme).toBe('system')
    expect(screen.getByRole('button', { name: 'Theme: system' })).toBeTruthy()
  })
})
