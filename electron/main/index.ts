import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { BrowserWindow, Menu, app, dialog, ipcMain, shell } from 'electron'

import { dataFolder, currentEnvironment } from '../usage/paths'
import { UsageService } from '../usage/service'
import { workerRunner } from '../usage/service/build-runner'
import { forwardEvents, registerIpc } from './ipc'
import { log } from './log'
import { menuTemplate } from './menu'
import { windowOptions } from './window'

async function start(): Promise<void> {
  const environment = currentEnvironment()
  // Packaged, `examples/` is unpacked beside the app archive; in development it is the repo's.
  const examplesDir = app.isPackaged
    ? join(process.resourcesPath, 'app.asar.unpacked', 'examples')
    : join(app.getAppPath(), 'examples')

  const service = await UsageService.open({
    dataDir: dataFolder(environment),
    environment,
    examplesDir,
    runner: workerRunner(join(import.meta.dirname, 'build-worker.js')),
    parseWorker: join(import.meta.dirname, 'parse-worker.js'),
    watch: true
  })

  const window = new BrowserWindow(
    windowOptions(join(import.meta.dirname, '../preload/index.cjs'))
  )
  registerIpc(ipcMain, service, {
    chooseFolder: async () => {
      const result = await dialog.showOpenDialog(window, {
        title: 'Add a Lowkey project',
        properties: ['openDirectory']
      })
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    chooseSavePath: async (fileName) => {
      const result = await dialog.showSaveDialog(window, { defaultPath: fileName })
      return result.canceled ? null : (result.filePath ?? null)
    },
    writeFile: (path, data) => writeFile(path, data)
  })
  const stopForwarding = forwardEvents(service, window)

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(process.platform, {
        command: (command) => window.webContents.send('menu:command', { command }),
        rebuildAll: () => void service.handle('rollups:rebuild', { projectId: 'all' }),
        openDocumentation: () => void shell.openPath(join(app.getAppPath(), 'README.md'))
      })
    )
  )

  // Links leave the app for the system browser; the window itself never navigates away.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  window.once('ready-to-show', () => window.show())
  window.on('closed', () => {
    stopForwarding()
    void service.close()
  })

  const devServer = process.env.ELECTRON_RENDERER_URL
  if (devServer) await window.loadURL(devServer)
  else await window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
}

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    log.error('main', 'failed to start', error)
    dialog.showErrorBox('Lowkey Usage could not start', String(error))
    app.exit(1)
  })

app.on('window-all-closed', () => app.quit())
