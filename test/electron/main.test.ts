import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { REQUEST_CHANNELS } from '../../shared/api'
import type { MenuCommand } from '../../shared/api'
import { forwardEvents, registerIpc } from '../../electron/main/ipc'
import { menuTemplate } from '../../electron/main/menu'
import { windowOptions } from '../../electron/main/window'
import { UsageService } from '../../electron/usage/service'
import { inThreadRunner } from '../../electron/usage/service/build-runner'
import {
  FakeBrowserWindow,
  ipcMain,
  recorded,
  resetRecorded
} from '../support/fake-electron'
import { copyDemoBox, tempFolder } from '../support/temp'

vi.mock('electron', () => import('../support/fake-electron'))

let temp: ReturnType<typeof tempFolder>
let service: UsageService
beforeEach(async () => {
  resetRecorded()
  temp = tempFolder()
  const home = join(temp.path, 'home')
  service = await UsageService.open({
    dataDir: join(temp.path, 'data'),
    environment: { home, platform: 'linux', env: { HOME: home } },
    examplesDir: join(temp.path, 'none'),
    runner: inThreadRunner,
    projects: [copyDemoBox(temp.path)]
  })
})
afterEach(async () => {
  await service.close()
  temp.remove()
})

describe('window options', () => {
  it('isolates and sandboxes the renderer without Node', () => {
    const options = windowOptions('/app/preload.cjs')
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false
    })
  })
})

describe('menu template', () => {
  const actions = () => {
    const commands: MenuCommand[] = []
    return {
      commands,
      rebuilds: { count: 0 },
      value: {
        command: (command: MenuCommand) => commands.push(command),
        rebuildAll: () => undefined,
        openDocumentation: () => undefined
      }
    }
  }

  it('has File, Usage, View and Help with the usual keys', () => {
    const menu = menuTemplate('linux', actions().value)
    expect(menu.map((item) => item.label)).toEqual(['&File', '&Usage', '&View', '&Help'])
    const file = menu[0]?.submenu as Electron.MenuItemConstructorOptions[]
    expect(file.map((item) => item.accelerator).filter(Boolean)).toEqual([
      'CmdOrCtrl+O',
      'CmdOrCtrl+E',
      'CmdOrCtrl+Shift+E'
    ])
    const usage = menu[1]?.submenu as Electron.MenuItemConstructorOptions[]
    expect(usage.map((item) => item.label)).toEqual(['Rebuild Rollups…', 'Rebuild All'])
  })

  it('puts the app menu first on macOS', () => {
    const menu = menuTemplate('darwin', actions().value)
    expect(menu[0]?.role).toBe('appMenu')
    expect(menu).toHaveLength(5)
  })

  it('sends menu commands to the renderer', () => {
    const { commands, value } = actions()
    const menu = menuTemplate('win32', value)
    const items = menu.flatMap(
      (item) => item.submenu as Electron.MenuItemConstructorOptions[]
    )
    for (const item of items) {
      if (
        item.label?.startsWith('Export') ||
        item.label?.startsWith('Add') ||
        item.label === 'Rebuild Rollups…'
      ) {
        item.click?.({} as never, undefined, {} as never)
      }
    }
    expect(commands).toEqual([
      'add-project',
      'export-chart',
      'export-data',
      'rebuild-current'
    ])
  })
})

describe('IPC handlers', () => {
  it('registers every channel of the contract', () => {
    registerIpc(ipcMain as never, service, {
      chooseFolder: async () => null,
      chooseSavePath: async () => null,
      writeFile: async () => undefined
    })
    expect([...recorded.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort())
  })

  it('adds the folder chosen in the dialog', async () => {
    const other = join(temp.path, 'other')
    copyDemoBox(other)
    registerIpc(ipcMain as never, service, {
      chooseFolder: async () => join(other, 'demo-box'),
      chooseSavePath: async () => null,
      writeFile: async () => undefined
    })
    const added = (await recorded.handlers.get('projects:choose')?.({}, undefined)) as {
      location: string
    }
    expect(added.location).toBe(join(other, 'demo-box'))
  })

  it('saves an export where the dialog says', async () => {
    const writes: Array<[string, string]> = []
    registerIpc(ipcMain as never, service, {
      chooseFolder: async () => null,
      chooseSavePath: async (name) => `/chosen/${name}`,
      writeFile: async (path, data) => {
        writes.push([path, data.toString('utf8')])
      }
    })
    const reply = await recorded.handlers.get('export:save')?.(
      {},
      {
        fileName: 'days.csv',
        mimeType: 'text/csv',
        base64: Buffer.from('day,turns\n').toString('base64')
      }
    )
    expect(reply).toEqual({ saved: true, path: '/chosen/days.csv' })
    expect(writes).toEqual([['/chosen/days.csv', 'day,turns\n']])
  })

  it('passes engine errors on with their message', async () => {
    registerIpc(ipcMain as never, service, {
      chooseFolder: async () => null,
      chooseSavePath: async () => null,
      writeFile: async () => undefined
    })
    const call = recorded.handlers.get('projects:add')?.(
      {},
      { path: join(temp.path, 'missing') }
    )
    await expect(call).rejects.toThrow(
      `project folder not found: ${join(temp.path, 'missing')}`
    )
  })

  it('forwards service events to the window', async () => {
    const window = new FakeBrowserWindow({})
    forwardEvents(service, window as never)
    const [project] = await service.handle('projects:list', undefined)
    await service.handle('projects:remove', { projectId: project?.id ?? '' })
    expect(recorded.sent.map(([channel]) => channel)).toContain('projects:changed')
  })
})

describe('preload', () => {
  it('exposes only the contract channels as window.lowkey', async () => {
    await import('../../electron/preload/index')
    const api = recorded.exposed.get('lowkey') as {
      transport: string
      invoke: (channel: string, request: unknown) => Promise<unknown>
    }
    expect(api.transport).toBe('electron')
    await expect(api.invoke('projects:list', undefined)).resolves.toEqual({
      channel: 'projects:list'
    })
    await expect(api.invoke('fs:read', '/etc/passwd')).rejects.toThrow(
      'unknown channel fs:read'
    )
    expect(recorded.rendererInvokes).toEqual([['projects:list', undefined]])
  })
})

describe('main process start', () => {
  it('opens one isolated window with the menu and every handler', async () => {
    vi.stubEnv('HOME', join(temp.path, 'home'))
    vi.stubEnv('LOWKEY_USAGE_HOME', join(temp.path, 'app-data'))
    vi.stubEnv('CLAUDE_CONFIG_DIR', join(temp.path, 'no-claude'))
    vi.stubEnv('CODEX_HOME', join(temp.path, 'no-codex'))
    const fake = await import('../support/fake-electron')
    await import('../../electron/main/index')
    fake.app.becomeReady()
    await vi.waitFor(() => expect(recorded.windows[0]?.loaded).toBeTruthy())

    const window = recorded.windows[0]
    expect(window?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true
    })
    expect(
      String((window?.options.webPreferences as { preload: string }).preload)
    ).toMatch(/preload[\\/]index\.cjs$/)
    expect(window?.loaded).toMatch(/renderer[\\/]index\.html$/)
    expect(recorded.menus).toHaveLength(1)
    expect([...recorded.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort())
    vi.unstubAllEnvs()
  })
})
