import { BRIDGE, EVENT_CHANNELS } from '../../../shared/api'
import type {
  BridgeReply,
  EventChannel,
  EventChannels,
  LowkeyApi,
  RequestChannel,
  RequestOf,
  ResponseOf
} from '../../../shared/api'

declare global {
  interface Window {
    /** Set by the preload inside the desktop app; absent in a browser. */
    lowkey?: LowkeyApi
  }
}

/** Returns the desktop app's API, or one that talks to the HTTP bridge that served this page. */
export function connectApi(): LowkeyApi {
  return window.lowkey ?? httpApi()
}

type Listener = (payload: never) => void

/** The API over the loopback HTTP bridge: fetch for requests, server-sent events for events. */
export function httpApi(base = ''): LowkeyApi {
  const listeners = new Map<EventChannel, Set<Listener>>()
  let source: EventSource | null = null

  const subscribe = (): void => {
    if (source) return
    source = new EventSource(base + BRIDGE.events, { withCredentials: true })
    for (const event of EVENT_CHANNELS) {
      source.addEventListener(event, (message) => {
        const payload = JSON.parse((message as MessageEvent<string>).data) as never
        for (const listener of listeners.get(event) ?? []) listener(payload)
      })
    }
  }

  return {
    transport: 'http',

    async invoke<C extends RequestChannel>(
      channel: C,
      request: RequestOf<C>
    ): Promise<ResponseOf<C>> {
      if (channel === 'export:save')
        return downloadExport(request as RequestOf<'export:save'>) as never
      const response = await fetch(base + BRIDGE.invokePrefix + channel, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request ?? null)
      })
      if (response.status === 401 || response.status === 403) {
        throw new Error(
          'the bridge rejected this page: open the URL that `lowkey usage serve` printed'
        )
      }
      const reply = (await response.json()) as BridgeReply<ResponseOf<C>>
      if (!reply.ok) throw new Error(reply.error)
      return reply.value
    },

    on<E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void) {
      subscribe()
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
      }
      set.add(listener as Listener)
      return () => {
        set.delete(listener as Listener)
      }
    }
  }
}

/** Saves an export in the browser as a download. */
function downloadExport(request: RequestOf<'export:save'>): ResponseOf<'export:save'> {
  const bytes = Uint8Array.from(atob(request.base64), (char) => char.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: request.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = request.fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return { saved: true, path: null }
}
