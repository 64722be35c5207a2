import type { BrowserWindowConstructorOptions } from 'electron'

/** Options of the main window: the renderer gets no Node and runs isolated and sandboxed. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Lowkey Usage',
    show: false,
    backgroundColor: '#111418',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false
    }
  }
}
