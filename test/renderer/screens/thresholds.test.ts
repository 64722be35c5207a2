// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import type { AppSettings } from '../../../shared/api'
import { DEFAULT_WARNING_SETTINGS } from '../../../shared/warnings'
import type { WarningSettings } from '../../../shared/warnings'
import { settings } from '../support/fixtures'
import { renderApp, settle } from '../support/render'

afterEach(cleanup)

function rule(name: string) {
  return within(screen.getByTestId(`thresholds-${name}`))
}

function saveButton(): HTMLElement {
  return screen.getByRole('button', { name: 'Save thresholds' })
}

/** Renders Settings with a server that stores what it is sent. */
async function renderSettings(warnings: WarningSettings = DEFAULT_WARNING_SETTINGS) {
  let saved: AppSettings = settings('UTC', { warnings })
  return renderApp({
    screen: 'settings',
    handlers: {
      'settings:get': () => saved,
      'settings:update': (change) => {
        saved = { ...saved, ...change }
        return saved
      },
      'usage:providers': () => []
    }
  })
}

describe('warning thresholds', () => {
  it('save a changed ratio', async () => {
    const { api } = await renderSettings()
    expect(saveButton().hasAttribute('disabled')).toBe(true)
    const field = rule('routineRuns').getByLabelText('Ratio') as HTMLInputElement
    expect(field.value).toBe('3')
    fireEvent.change(field, { target: { value: '4' } })
    expect(rule('routineRuns').getByText('changed')).toBeTruthy()

    fireEvent.click(saveButton())
    await settle()
    expect(api.requests('settings:update')).toEqual([
      {
        warnings: {
          ...DEFAULT_WARNING_SETTINGS,
          routineRuns: { ...DEFAULT_WARNING_SETTINGS.routineRuns, ratio: 4 }
        }
      }
    ])
    expect(screen.getByText('Settings saved')).toBeTruthy()
    expect(saveButton().hasAttribute('disabled')).toBe(true)
  })

  it('give focus back to the form after saving', async () => {
    await renderSettings()
    const field = rule('routineRuns').getByLabelText('Ratio') as HTMLInputElement
    fireEvent.change(field, { target: { value: '4' } })
    const save = saveButton()
    save.focus()
    fireEvent.click(save)
    await settle()
    expect(save.hasAttribute('disabled')).toBe(true)
    expect(document.activeElement?.tagName).toBe('INPUT')
  })

  it('show fractions as percentages', async () => {
    const { api } = await renderSettings()
    const rise = rule('providerShare').getByLabelText('Rise (percentage points)')
    expect((rise as HTMLInputElement).value).toBe('25')
    const share = rule('providerVolume').getByLabelText('Minimum share (%)')
    expect((share as HTMLInputElement).value).toBe('10')

    fireEvent.change(rise, { target: { value: '30' } })
    fireEvent.click(saveButton())
    await settle()
    const sent = api.requests('settings:update')[0]?.warnings
    expect(sent?.providerShare.rise).toBe(0.3)
    expect(sent?.providerVolume.minShare).toBe(0.1)
  })

  it('name an invalid ratio', async () => {
    await renderSettings()
    const field = rule('routineRuns').getByLabelText('Ratio')
    fireEvent.change(field, { target: { value: '0.5' } })
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(rule('routineRuns').getByText('Must be above 1.')).toBeTruthy()
    expect(rule('routineRuns').getByText('invalid')).toBeTruthy()
    expect(saveButton().hasAttribute('disabled')).toBe(true)
  })

  it('name a value that is not a number', async () => {
    await renderSettings()
    fireEvent.change(rule('toolErrors').getByLabelText('Minimum errors'), {
      target: { value: 'three' }
    })
    expect(rule('toolErrors').getByText('Enter a number.')).toBeTruthy()
    fireEvent.change(rule('toolErrors').getByLabelText('Minimum errors'), {
      target: { value: '2.5' }
    })
    expect(
      rule('toolErrors').getByText('Must be a whole number, 1 or more.')
    ).toBeTruthy()
    expect(saveButton().hasAttribute('disabled')).toBe(true)
  })

  it('keep a minimum within its window', async () => {
    await renderSettings()
    fireEvent.change(rule('routineRuns').getByLabelText('Minimum history'), {
      target: { value: '12' }
    })
    expect(rule('routineRuns').getByText('Must not exceed the window (10).')).toBeTruthy()
    expect(saveButton().hasAttribute('disabled')).toBe(true)

    fireEvent.change(rule('routineRuns').getByLabelText('Window'), {
      target: { value: '12' }
    })
    expect(rule('routineRuns').queryByText('invalid')).toBeNull()
    expect(saveButton().hasAttribute('disabled')).toBe(false)
  })

  it('turn a rule off', async () => {
    const { api } = await renderSettings()
    fireEvent.click(rule('partialTurns').getByLabelText('Report this rule'))
    expect(rule('partialTurns').getByText('off')).toBeTruthy()
    fireEvent.click(saveButton())
    await settle()
    const sent = api.requests('settings:update')[0]?.warnings
    expect(sent?.partialTurns.enabled).toBe(false)
    expect(sent?.toolErrors.enabled).toBe(true)
  })

  it('go back to the defaults', async () => {
    const changed = {
      ...DEFAULT_WARNING_SETTINGS,
      routineRuns: { ...DEFAULT_WARNING_SETTINGS.routineRuns, ratio: 4, window: 20 }
    }
    const { api } = await renderSettings(changed)
    expect((rule('routineRuns').getByLabelText('Window') as HTMLInputElement).value).toBe(
      '20'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Use the defaults' }))
    fireEvent.click(saveButton())
    await settle()
    expect(api.requests('settings:update')).toEqual([
      { warnings: DEFAULT_WARNING_SETTINGS }
    ])
  })

  it('undo unsaved changes', async () => {
    await renderSettings()
    const field = rule('conversationContext').getByLabelText('Minimum peers')
    fireEvent.change(field, { target: { value: '8' } })
    fireEvent.click(screen.getByRole('button', { name: 'Undo changes' }))
    expect((field as HTMLInputElement).value).toBe('5')
    expect(saveButton().hasAttribute('disabled')).toBe(true)
  })

  it('show the server rejecting them', async () => {
    await renderApp({
      screen: 'settings',
      handlers: {
        'settings:update': () => {
          throw new Error(
            'settings:update request is invalid: warnings.routineRuns.ratio: Too big'
          )
        },
        'usage:providers': () => []
      }
    })
    fireEvent.change(rule('routineRuns').getByLabelText('Ratio'), {
      target: { value: '5' }
    })
    fireEvent.click(saveButton())
    await settle()
    expect(screen.getByTestId('thresholds-error').textContent).toBe(
      'Saving the thresholds failed: settings:update request is invalid: ' +
        'warnings.routineRuns.ratio: Too big'
    )
    // Shown beside the form only, not a second time as a notice.
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    expect(saveButton().hasAttribute('disabled')).toBe(false)
  })
})
