import { describe, expect, it } from 'vitest'

import {
  createStores,
  runMenuCommand,
  startStores
} from '../../../renderer/src/state/stores'
import { FakeApi } from '../support/fake-api'
import type { Handlers } from '../support/fake-api'
import { project, settings } from '../support/fixtures'

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

async function started(handlers: Handlers = {}, transport: 'electron' | 'http' = 'http') {
  const api = new FakeApi(
    {
      'projects:list': () => [
        project({ id: 'p1' }),
        project({ id: 'p2', name: 'other' })
      ],
      'settings:get': () => settings('Europe/Berlin'),
      ...handlers
    },
    transport
  )
  const stores = createStores({
    api,
    locale: 'en-US',
    clock: () => new Date('2026-12-04T12:00:00Z')
  })
  const stop = startStores(stores)
  await flush()
  return { api, stores, stop }
}

describe('store start', () => {
  it('loads projects and settings and subscribes to events once', async () => {
    const { api, stores, stop } = await started()
    expect(stores.projects.getState().projects.map((p) => p.id)).toEqual(['p1', 'p2'])
    expect(stores.settings.getState().settings?.timeZone).toBe('Europe/Berlin')
    expect(api.listenerCount('rollups:progress')).toBe(1)
    expect(api.listenerCount('menu:command')).toBe(1)
    stop()
    expect(api.listenerCount('rollups:progress')).toBe(0)
  })

  it('reports a failed project list', async () => {
    const { stores } = await started({
      'projects:list': () => {
        throw new Error('the data folder is not writable')
      }
    })
    expect(stores.projects.getState().error).toBe('the data folder is not writable')
    expect(stores.notices.getState().notices.map((notice) => notice.message)).toEqual([
      'Loading the project list failed: the data folder is not writable'
    ])
  })

  it('reports failed settings', async () => {
    const { stores } = await started({
      'settings:get': () => {
        throw new Error('settings.json is not valid JSON')
      }
    })
    expect(stores.notices.getState().notices.map((notice) => notice.message)).toEqual([
      "Loading the settings failed: settings.json is not valid JSON; days follow this device's time zone"
    ])
  })
})

describe('project events', () => {
  it('tracks builds from progress to outcome and asks screens to fetch again', async () => {
    const { api, stores } = await started()
    const before = stores.projects.getState().dataVersion
    api.emit('rollups:progress', {
      projectId: 'p1',
      filesDone: 1,
      filesTotal: 2,
      bytesDone: 10,
      bytesTotal: 20
    })
    expect(stores.projects.getState().builds.p1?.filesDone).toBe(1)

    api.emit('rollups:finished', {
      projectId: 'p1',
      outcome: 'done',
      message: 'rebuilt',
      problems: []
    })
    expect(stores.projects.getState().builds.p1).toBeUndefined()
    expect(stores.projects.getState().outcomes.p1?.outcome).toBe('done')
    expect(stores.projects.getState().dataVersion).toBe(before + 1)
  })

  it('returns the picker to all projects when the chosen one goes away', async () => {
    const { api, stores } = await started()
    stores.navigation.getState().chooseProject('p2')
    api.emit('projects:changed', [project({ id: 'p1' })])
    expect(stores.navigation.getState().projectId).toBe('all')
  })

  it('clears a started build and shows the failure when rebuild is refused', async () => {
    const { stores } = await started({
      'rollups:rebuild': () => {
        throw new Error('another rebuild holds the lock (pid 42 on box)')
      }
    })
    await stores.projects.getState().rebuild('p1')
    expect(stores.projects.getState().builds).toEqual({})
    expect(stores.notices.getState().notices.map((notice) => notice.message)).toEqual([
      'Rebuilding demo-box failed: another rebuild holds the lock (pid 42 on box)'
    ])
  })
})

describe('menu commands', () => {
  it('rebuild the chosen project', async () => {
    const { api, stores } = await started({ 'rollups:rebuild': () => undefined })
    stores.navigation.getState().chooseProject('p2')
    await runMenuCommand(stores, 'rebuild-current')
    expect(api.requests('rollups:rebuild')).toEqual([{ projectId: 'p2' }])
    expect(stores.projects.getState().builds.p2).toBeDefined()
  })

  it('open the folder dialog in the desktop app', async () => {
    const { api, stores } = await started({ 'projects:choose': () => null }, 'electron')
    api.emit('menu:command', { command: 'add-project' })
    await flush()
    expect(stores.navigation.getState().screen).toBe('projects')
    expect(api.requests('projects:choose')).toHaveLength(1)
  })

  it('ask for a path through the bridge', async () => {
    const { api, stores } = await started()
    await runMenuCommand(stores, 'add-project')
    expect(stores.navigation.getState().screen).toBe('projects')
    expect(stores.navigation.getState().addProjectRequests).toBe(1)
    expect(api.requests('projects:choose')).toHaveLength(0)
  })

  it('say so when the screen has nothing to export', async () => {
    const { stores } = await started()
    await runMenuCommand(stores, 'export-chart')
    expect(stores.notices.getState().notices.at(-1)?.message).toBe(
      'This screen has no chart to export'
    )
  })
})
