import { createStore } from 'zustand/vanilla'

import { errorMessage } from '../lib/format'

/** One request channel's latest response, as a screen shows it. */
export interface QueryState<Request, Result> {
  /** The request the result (or error) belongs to. */
  request: Request | null
  result: Result | null
  loading: boolean
  error: string | null
  /** Fetches `request`. A response to an older request that arrives late is dropped. */
  load(request: Request): Promise<void>
}

/**
 * Creates a store for one request channel. The previous result stays while the
 * next one loads, so charts update in place instead of flashing empty.
 */
export function createQueryStore<Request, Result>(
  fetch: (request: Request) => Promise<Result>
) {
  let latest = 0
  return createStore<QueryState<Request, Result>>()((set) => ({
    request: null,
    result: null,
    loading: false,
    error: null,

    async load(request) {
      const ticket = ++latest
      set({ loading: true })
      try {
        const result = await fetch(request)
        if (ticket === latest) set({ request, result, loading: false, error: null })
      } catch (error) {
        if (ticket === latest) {
          set({ request, result: null, loading: false, error: errorMessage(error) })
        }
      }
    }
  }))
}

export type QueryStore<Request, Result> = ReturnType<
  typeof createQueryStore<Request, Result>
>
