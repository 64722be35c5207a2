import type { MenuItemConstructorOptions } from 'electron'

import type { MenuCommand } from '../../shared/api'

export interface MenuActions {
  /** Sends a command to the renderer, which acts on its current screen. */
  command: (command: MenuCommand) => void
  rebuildAll: () => void
  openDocumentation: () => void
}

/**
 * The application menu: File, Usage, View and Help (with the app menu first on
 * macOS). Accelerators use CmdOrCtrl, so each platform gets its usual key.
 */
export function menuTemplate(
  platform: NodeJS.Platform,
  actions: MenuActions
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const template: MenuItemConstructorOptions[] = []

  if (mac) {
    template.push({
      role: 'appMenu',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' }
      ]
    })
  }

  template.push(
    {
      label: '&File',
      submenu: [
        {
          label: 'Add Project…',
          accelerator: 'CmdOrCtrl+O',
          click: () => actions.command('add-project')
        },
        { type: 'separator' },
        {
          label: 'Export Chart as PNG…',
          accelerator: 'CmdOrCtrl+E',
          click: () => actions.command('export-chart')
        },
        {
          label: 'Export Data as CSV…',
          accelerator: 'CmdOrCtrl+Shift+E',
          click: () => actions.command('export-data')
        },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    {
      label: '&Usage',
      submenu: [
        {
          label: 'Rebuild Rollups…',
          accelerator: 'CmdOrCtrl+Shift+B',
          click: () => actions.command('rebuild-current')
        },
        {
          label: 'Rebuild All',
          accelerator: 'CmdOrCtrl+Alt+B',
          click: () => actions.rebuildAll()
        }
      ]
    },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        { label: 'Documentation', click: () => actions.openDocumentation() },
        ...(mac ? [] : [{ role: 'about' } as MenuItemConstructorOptions])
      ]
    }
  )
  return template
}
