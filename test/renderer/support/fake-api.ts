import type {
  EventChannel,
  EventChannels,
  LowkeyApi,
  RequestChannel,
  RequestOf,
  ResponseOf
} from '../../../shared/api'

type Handler<C extends RequestChannel> = (
  request: RequestOf<C>
) => ResponseOf<C> | Promise<ResponseOf<C>>

export type Handlers = { [C in RequestChannel]?: Handler<C> }

export interface Call {
  channel: RequestChannel
  request: unknown
}

/**
 * `LowkeyApi` stand-in that replies with the handlers a test gives it, records
 * every request, and lets the test send events as the main process would.
 */
export class FakeApi implements LowkeyApi {
  readonly calls: Call[] = []
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>()

  constructor(
    private handlers: Handlers = {},
    readonly transport: 'electron' | 'http' = 'http'
  ) {}

  /** Replaces or adds handlers. */
  answer(handlers: Handlers): void {
    this.handlers = { ...this.handlers, ...handlers }
  }

  async invoke<C extends RequestChannel>(
    channel: C,
    request: RequestOf<C>
  ): Promise<ResponseOf<C>> {
    this.calls.push({ channel, request })
    const handler = this.handlers[channel] as Handler<C> | undefined
    if (!handler) throw new Error(`no fake answer for ${channel}`)
    return handler(request)
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void) {
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    set.add(listener as (payload: never) => void)
    return () => {
      set.delete(listener as (payload: never) => void)
    }
  }

  emit<E extends EventChannel>(event: E, payload: EventChannels[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      ;(listener as (value: EventChannels[E]) => void)(payload)
    }
  }

  listenerCount(event: EventChannel): number {
    return this.listeners.get(event)?.size ?? 0
  }

  /** Requests sent on one channel, oldest first. */
  requests<C extends RequestChannel>(channel: C): Array<RequestOf<C>> {
    return this.calls
      .filter((call) => call.channel === channel)
      .map((call) => call.request as RequestOf<C>)
  }
}
