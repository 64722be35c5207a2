import type { BrowserWindow, IpcMain } from 'electron'

import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../../shared/api'
import type { RequestChannel, RequestOf, ResponseOf } from '../../shared/api'
import { errorText } from '../usage/errors'
import type { UsageService } from '../usage/service'

/** Native dialogs, which only the desktop app has. */
export interface DesktopDialogs {
  /** Asks for a project folder; null when cancelled. */
  chooseFolder: () => Promise<string | null>
  /** Asks where to save an export; null when cancelled. */
  chooseSavePath: (fileName: string) => Promise<string | null>
  writeFile: (path: string, data: Buffer) => Promise<void>
}

/**
 * Registers a handler for every request channel of the contract. This module
 * and the preload are the only code that touch IPC.
 */
export function registerIpc(
  ipcMain: IpcMain,
  service: UsageService,
  dialogs: DesktopDialogs
): void {
  const overrides: Partial<{
    [C in RequestChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>
  }> = {
    'projects:choose': async () => {
      const folder = await dialogs.chooseFolder()
      return folder === null ? null : service.handle('projects:add', { path: folder })
    },
    'export:save': async (request) => {
      const path = await dialogs.chooseSavePath(request.fileName)
      if (path === null) return { saved: false, path: null }
      await dialogs.writeFile(path, Buffer.from(request.base64, 'base64'))
      return { saved: true, path }
    }
  }

  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (_event, request: unknown) => {
      const override = overrides[channel] as
        ((request: unknown) => Promise<unknown>) | undefined
      try {
        return override ? await override(request) : await service.handle(channel, request)
      } catch (error) {
        // Electron keeps only the message of a rejected handle, so the message names what failed.
        throw new Error(errorText(error), { cause: error })
      }
    })
  }
}

/** Forwards every service event to the window; returns the unsubscriber. */
export function forwardEvents(service: UsageService, window: BrowserWindow): () => void {
  const unsubscribers = EVENT_CHANNELS.map((event) =>
    service.on(event, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(event, payload)
    })
  )
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}
