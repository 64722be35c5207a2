import { join } from 'node:path'

import { BrowserWindow, app } from 'electron'

/** Window options: the renderer gets no Node and runs sandboxed and isolated. */
export function windowOptions(preloadPath: string): Electron.BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Lowkey Usage',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false
    }
  }
}

async function openMainWindow(): Promise<void> {
  const window = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.cjs')))
  window.once('ready-to-show', () => window.show())
  const devServer = process.env.ELECTRON_RENDERER_URL
  if (devServer) await window.loadURL(devServer)
  else await window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
}

app.whenReady().then(openMainWindow, (error: unknown) => {
  console.error('[main] failed to start:', error)
  app.exit(1)
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
