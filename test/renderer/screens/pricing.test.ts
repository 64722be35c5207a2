// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import type { AppSettings } from '../../../shared/api'
import type { PricingSettings } from '../../../shared/pricing'
import { demoCards } from '../support/demo'
import { settings } from '../support/fixtures'
import { renderApp, settle } from '../support/render'

afterEach(cleanup)

function saveButton(): HTMLElement {
  return screen.getByRole('button', { name: 'Save prices' })
}

/** Renders Settings with the demo's providers and a server that stores what it is sent. */
async function renderSettings(pricing: PricingSettings = { billing: {}, models: {} }) {
  let saved: AppSettings = settings('UTC', { pricing })
  return renderApp({
    screen: 'settings',
    handlers: {
      'settings:get': () => saved,
      'settings:update': (change) => {
        saved = { ...saved, ...change }
        return saved
      },
      'usage:providers': demoCards
    }
  })
}

function fillPrices(name: string, prices: Record<string, string>): void {
  for (const [title, value] of Object.entries(prices)) {
    fireEvent.change(screen.getByLabelText(`${title} price of ${name}`), {
      target: { value }
    })
  }
}

describe('pricing settings', () => {
  it('set a billing kind', async () => {
    const { api } = await renderSettings()
    const select = screen.getByLabelText('anthropic') as HTMLSelectElement
    expect(select.value).toBe('')
    expect(select.selectedOptions[0]?.textContent).toBe('Default: per-token')
    const local = screen.getByLabelText('local') as HTMLSelectElement
    expect(local.selectedOptions[0]?.textContent).toBe('Default: local')

    fireEvent.change(select, { target: { value: 'subscription' } })
    fireEvent.click(saveButton())
    await settle()
    expect(api.requests('settings:update')).toEqual([
      { pricing: { billing: { anthropic: 'subscription' }, models: {} } }
    ])
  })

  it('list providers named only in the settings', async () => {
    await renderSettings({ billing: { 'acme-cloud': 'per-token' }, models: {} })
    const select = screen.getByLabelText('acme-cloud') as HTMLSelectElement
    expect(select.value).toBe('per-token')
    expect(select.querySelector('option[value=""]')?.textContent).toBe(
      'Default: none, so unpriced'
    )
  })

  it('need all five prices for a new model', async () => {
    const { api } = await renderSettings()
    fireEvent.click(screen.getByRole('button', { name: 'Add a model price' }))
    fireEvent.change(screen.getByLabelText('Model id'), {
      target: { value: 'gpt-5.1-codex' }
    })
    fillPrices('gpt-5.1-codex', { Input: '1.75' })
    expect(
      screen.getByText(
        'The app ships no price for this model, so it needs all five prices.'
      )
    ).toBeTruthy()
    expect(saveButton().hasAttribute('disabled')).toBe(true)

    fillPrices('gpt-5.1-codex', {
      'Cache read': '0.175',
      'Cache write 5m': '1.75',
      'Cache write 1h': '1.75',
      Output: '14'
    })
    fireEvent.change(screen.getByLabelText('Source of the prices of gpt-5.1-codex'), {
      target: { value: 'our price sheet' }
    })
    fireEvent.click(saveButton())
    await settle()
    expect(api.requests('settings:update')).toEqual([
      {
        pricing: {
          billing: {},
          models: {
            'gpt-5.1-codex': {
              input: 1.75,
              cacheRead: 0.175,
              cacheWrite5m: 1.75,
              cacheWrite1h: 1.75,
              output: 14,
              source: 'our price sheet'
            }
          }
        }
      }
    ])
  })

  it('show a new row blank, with the focus in it', async () => {
    await renderSettings()
    fireEvent.click(screen.getByRole('button', { name: 'Add a model price' }))
    const model = screen.getByLabelText('Model id')
    expect(document.activeElement).toBe(model)
    expect(model.getAttribute('aria-invalid')).toBeNull()
    expect(screen.queryByText('Enter a model id.')).toBeNull()
    expect(saveButton().hasAttribute('disabled')).toBe(true)

    fireEvent.change(screen.getByLabelText('Source of the prices of new model'), {
      target: { value: 'our sheet' }
    })
    expect(screen.getByText('Enter a model id.')).toBeTruthy()
  })

  it('change one price of a shipped model', async () => {
    const { api } = await renderSettings()
    fireEvent.click(screen.getByRole('button', { name: 'Add a model price' }))
    fireEvent.change(screen.getByLabelText('Model id'), {
      target: { value: 'claude-sonnet-4-5-20250929' }
    })
    // The shipped prices show where a field is left empty.
    const input = screen.getByLabelText('Input price of claude-sonnet-4-5-20250929')
    expect(input.getAttribute('placeholder')).toBe('3')
    fillPrices('claude-sonnet-4-5-20250929', { 'Cache read': '0.25' })
    fireEvent.click(saveButton())
    await settle()
    expect(api.requests('settings:update')[0]?.pricing?.models).toEqual({
      'claude-sonnet-4-5-20250929': { cacheRead: 0.25 }
    })
  })

  it('reject a negative price', async () => {
    await renderSettings()
    fireEvent.click(screen.getByRole('button', { name: 'Add a model price' }))
    fireEvent.change(screen.getByLabelText('Model id'), {
      target: { value: 'claude-haiku-4-5' }
    })
    fillPrices('claude-haiku-4-5', { Output: '-5' })
    const output = screen.getByLabelText('Output price of claude-haiku-4-5')
    expect(output.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Prices must be numbers, 0 or more.')).toBeTruthy()
    expect(saveButton().hasAttribute('disabled')).toBe(true)
  })

  it('name a bad number before missing prices', async () => {
    await renderSettings()
    fireEvent.click(screen.getByRole('button', { name: 'Add a model price' }))
    fireEvent.change(screen.getByLabelText('Model id'), {
      target: { value: 'gpt-5.1-codex' }
    })
    fillPrices('gpt-5.1-codex', { Input: 'abc' })
    expect(screen.getByText('Prices must be numbers, 0 or more.')).toBeTruthy()
    fillPrices('gpt-5.1-codex', { Input: '0x10' })
    expect(screen.getByText('Prices must be numbers, 0 or more.')).toBeTruthy()
    expect(saveButton().hasAttribute('disabled')).toBe(true)
  })

  it('reject two rows for one model', async () => {
    await renderSettings({
      billing: {},
      models: { 'claude-haiku-4-5': { output: 4 } }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Add a model price' }))
    const fields = screen.getAllByLabelText('Model id')
    // A dated id is the same model as the undated one.
    fireEvent.change(fields[1] as HTMLElement, {
      target: { value: 'claude-haiku-4-5-20251001' }
    })
    fillPrices('claude-haiku-4-5-20251001', { Input: '0.9' })
    expect(screen.getByText('Another row already prices this model.')).toBeTruthy()
    expect(saveButton().hasAttribute('disabled')).toBe(true)
  })

  it('remove a saved price', async () => {
    const { api } = await renderSettings({
      billing: {},
      models: { 'claude-haiku-4-5': { output: 4, source: 'contract' } }
    })
    const rows = within(screen.getByTestId('price-overrides'))
    expect(
      (rows.getByLabelText('Output price of claude-haiku-4-5') as HTMLInputElement).value
    ).toBe('4')
    fireEvent.click(
      rows.getByRole('button', { name: 'Remove the prices of claude-haiku-4-5' })
    )
    fireEvent.click(saveButton())
    await settle()
    expect(api.requests('settings:update')).toEqual([
      { pricing: { billing: {}, models: {} } }
    ])
  })

  it('show the server rejecting them', async () => {
    await renderApp({
      screen: 'settings',
      handlers: {
        'usage:providers': demoCards,
        'settings:update': () => {
          throw new Error('the settings file is read-only')
        }
      }
    })
    fireEvent.change(screen.getByLabelText('openai'), { target: { value: 'local' } })
    fireEvent.click(saveButton())
    await settle()
    expect(screen.getByTestId('pricing-error').textContent).toBe(
      'Saving the prices failed: the settings file is read-only'
    )
    expect(screen.getAllByRole('alert')).toHaveLength(1)
  })
})
