import { createStore } from 'zustand/vanilla'

import type { LowkeyApi, TurnRow } from '../../../shared/api'
import { errorMessage } from '../lib/format'

/** Turns fetched with one `usage:turns` request. */
export const TURN_PAGE_SIZE = 100

/** Pages kept in memory; pages far from the ones in view are dropped beyond this. */
export const MAX_CACHED_TURN_PAGES = 20

export interface TurnsState {
  projectId: string | null
  conversation: string | null
  /** Bumped by every `open`, so responses for an earlier opening are dropped. */
  generation: number
  /** Number of turns, known once the first page has arrived. */
  total: number | null
  pages: Record<number, TurnRow[]>
  pending: Record<number, true>
  error: string | null
  /** Starts showing a conversation from its first turn, forgetting cached pages. */
  open(projectId: string, conversation: string): void
  /** Forgets cached pages of the open conversation, so the pages in view are fetched anew. */
  reload(): void
  /** Fetches the pages that hold the turns at indexes `first` to `last`. */
  ensure(first: number, last: number): void
}

/** Returns the turn at a zero-based index, if its page is loaded. */
export function turnAt(
  state: Pick<TurnsState, 'pages'>,
  index: number
): TurnRow | undefined {
  return state.pages[Math.floor(index / TURN_PAGE_SIZE)]?.[index % TURN_PAGE_SIZE]
}

export function createTurnsStore(api: LowkeyApi) {
  return createStore<TurnsState>()((set, get) => {
    const fetchPage = async (page: number, near: number): Promise<void> => {
      const { projectId, conversation, generation } = get()
      if (projectId === null || conversation === null) return
      set((state) => ({ pending: { ...state.pending, [page]: true } }))
      try {
        const result = await api.invoke('usage:turns', {
          projectId,
          conversation,
          offset: page * TURN_PAGE_SIZE,
          limit: TURN_PAGE_SIZE
        })
        if (get().generation !== generation) return
        set((state) => ({
          total: result.total,
          pages: evictFarPages({ ...state.pages, [page]: result.rows }, near),
          pending: withoutPage(state.pending, page),
          error: null
        }))
      } catch (error) {
        if (get().generation !== generation) return
        set((state) => ({
          pending: withoutPage(state.pending, page),
          error: errorMessage(error)
        }))
      }
    }

    return {
      projectId: null,
      conversation: null,
      generation: 0,
      total: null,
      pages: {},
      pending: {},
      error: null,

      open(projectId, conversation) {
        set((state) => ({
          projectId,
          conversation,
          generation: state.generation + 1,
          total: null,
          pages: {},
          pending: {},
          error: null
        }))
      },

      reload() {
        set((state) => ({
          generation: state.generation + 1,
          pages: {},
          pending: {},
          error: null
        }))
      },

      ensure(first, last) {
        const { pages, pending, total } = get()
        const lastIndex = total === null ? first : Math.min(last, total - 1)
        const firstPage = Math.floor(first / TURN_PAGE_SIZE)
        const lastPage = Math.floor(Math.max(first, lastIndex) / TURN_PAGE_SIZE)
        for (let page = firstPage; page <= lastPage; page += 1) {
          if (!pages[page] && !pending[page]) void fetchPage(page, firstPage)
        }
      }
    }
  })
}

export type TurnsStore = ReturnType<typeof createTurnsStore>

function evictFarPages(
  pages: Record<number, TurnRow[]>,
  near: number
): Record<number, TurnRow[]> {
  const kept = Object.keys(pages)
    .map(Number)
    .sort((a, b) => Math.abs(a - near) - Math.abs(b - near))
    .slice(0, MAX_CACHED_TURN_PAGES)
  const result: Record<number, TurnRow[]> = {}
  for (const page of kept) {
    const rows = pages[page]
    if (rows) result[page] = rows
  }
  return result
}

function withoutPage(pending: Record<number, true>, page: number): Record<number, true> {
  const copy = { ...pending }
  delete copy[page]
  return copy
}
