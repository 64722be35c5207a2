// A stand-in for the `electron` module, so main-process and preload code run
// in Node without a display. It records what the code asked Electron to do.
import { EventEmitter } from 'node:events'

type Handler = (event: unknown, request: unknown) => unknown

export const recorded = {
  windows: [] as FakeBrowserWindow[],
  menus: [] as unknown[],
  handlers: new Map<string, Handler>(),
  exposed: new Map<string, unknown>(),
  sent: [] as Array<[string, unknown]>,
  rendererInvokes: [] as Array<[string, unknown]>,
  openedPaths: [] as string[]
}

export function resetRecorded(): void {
  recorded.windows.length = 0
  recorded.menus.length = 0
  recorded.handlers.clear()
  recorded.exposed.clear()
  recorded.sent.length = 0
  recorded.rendererInvokes.length = 0
  recorded.openedPaths.length = 0
}

export class FakeBrowserWindow extends EventEmitter {
  loaded: string | null = null
  readonly webContents = Object.assign(new EventEmitter(), {
    send: (channel: string, payload: unknown) => recorded.sent.push([channel, payload]),
    setWindowOpenHandler: (_handler: unknown) => undefined
  })

  constructor(readonly options: Record<string, unknown>) {
    super()
    recorded.windows.push(this)
  }

  isDestroyed(): boolean {
    return false
  }

  show(): void {}

  async loadFile(path: string): Promise<void> {
    this.loaded = path
  }

  async loadURL(url: string): Promise<void> {
    this.loaded = url
  }
}

export const ipcMain = {
  handle: (channel: string, handler: Handler) => {
    recorded.handlers.set(channel, handler)
  }
}

export const ipcRenderer = {
  invoke: async (channel: string, request: unknown) => {
    recorded.rendererInvokes.push([channel, request])
    return { channel }
  },
  on: () => undefined,
  removeListener: () => undefined
}

export const contextBridge = {
  exposeInMainWorld: (name: string, value: unknown) => {
    recorded.exposed.set(name, value)
  }
}

export const Menu = {
  buildFromTemplate: (template: unknown) => template,
  setApplicationMenu: (menu: unknown) => {
    recorded.menus.push(menu)
  }
}

export const dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true }),
  showErrorBox: () => undefined
}

export const shell = {
  openExternal: async () => undefined,
  openPath: async (path: string) => {
    recorded.openedPaths.push(path)
    return ''
  }
}

let readyResolve: () => void = () => undefined
const ready = new Promise<void>((resolve) => {
  readyResolve = resolve
})

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  whenReady: () => ready,
  /** Test hook: lets the code waiting on whenReady run. */
  becomeReady: () => readyResolve(),
  getAppPath: () => process.cwd(),
  quit: () => undefined,
  exit: () => undefined
})

export const BrowserWindow = FakeBrowserWindow
