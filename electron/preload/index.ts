import { contextBridge, ipcRenderer } from 'electron'

import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../../shared/api'
import type {
  EventChannel,
  EventChannels,
  LowkeyApi,
  RequestChannel
} from '../../shared/api'

const requests = new Set<string>(REQUEST_CHANNELS)
const events = new Set<string>(EVENT_CHANNELS)

// Only the contract's channels pass: the renderer cannot reach any other IPC.
const api: LowkeyApi = {
  transport: 'electron',

  invoke(channel: RequestChannel, request: unknown) {
    if (!requests.has(channel))
      return Promise.reject(new Error(`unknown channel ${channel}`))
    return ipcRenderer.invoke(channel, request)
  },

  on<E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void) {
    if (!events.has(event)) throw new Error(`unknown event ${event}`)
    const wrapped = (_event: unknown, payload: EventChannels[E]): void =>
      listener(payload)
    ipcRenderer.on(event, wrapped)
    return () => {
      ipcRenderer.removeListener(event, wrapped)
    }
  }
} as LowkeyApi

contextBridge.exposeInMainWorld('lowkey', api)
