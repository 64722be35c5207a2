import { readFileSync, writeFileSync } from 'node:fs'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { loadSettings, settingsPath } from '../../electron/usage/settings'
import { tempFolder } from '../support/temp'

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder()
})
afterEach(() => temp.remove())

function writeSettings(value: unknown): void {
  writeFileSync(settingsPath(temp.path), JSON.stringify(value))
}

describe('loadSettings', () => {
  it('creates settings at first run', async () => {
    const settings = await loadSettings(temp.path)
    expect(settings.version).toBe(1)
    expect(settings.projects).toEqual([])
    expect(JSON.parse(readFileSync(settingsPath(temp.path), 'utf8'))).toEqual(settings)
  })

  it('keeps unknown keys and fills defaults', async () => {
    writeSettings({ version: 1, timeZone: 'Asia/Kolkata', theme: 'dark' })
    const settings = await loadSettings(temp.path)
    expect(settings).toEqual({
      version: 1,
      timeZone: 'Asia/Kolkata',
      projects: [],
      theme: 'dark'
    })
  })

  it('validates pricing and warnings sections', async () => {
    writeSettings({
      version: 1,
      timeZone: 'UTC',
      pricing: { billing: { anthropic: 'subscription' } },
      warnings: {}
    })
    const settings = await loadSettings(temp.path)
    expect(settings.pricing).toEqual({
      billing: { anthropic: 'subscription' },
      models: {}
    })
    expect(settings.warnings).toBeDefined()
  })

  it('names the invalid field of a section', async () => {
    writeSettings({ version: 1, timeZone: 'UTC', pricing: { billing: { x: 'free' } } })
    await expect(loadSettings(temp.path)).rejects.toThrow(/pricing\.billing\.x/)
  })

  it('rejects a section set to null', async () => {
    writeSettings({ version: 1, timeZone: 'UTC', warnings: null })
    await expect(loadSettings(temp.path)).rejects.toThrow(/warnings/)
  })

  it('rejects an unknown time zone', async () => {
    writeSettings({ version: 1, timeZone: 'Mars/Olympus' })
    await expect(loadSettings(temp.path)).rejects.toThrow(
      /timeZone: not a time zone this system knows/
    )
  })
})
