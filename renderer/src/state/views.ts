import { createStore } from 'zustand/vanilla'

import type { ConversationSort } from '../../../shared/api'
import type { RangeChoice } from '../lib/days'

/** Rows of the conversation list fetched at a time. */
export const CONVERSATION_PAGE_SIZE = 50

/** Choices the operator made on each screen, kept while moving between screens. */
export interface ViewsState {
  overviewRange: RangeChoice
  agentsRange: RangeChoice
  conversationSort: ConversationSort
  conversationDescending: boolean
  conversationSearch: string
  conversationOffset: number
  routine: string | null
  run: string | null
  /** Provider card marked because a warning pointed at it. */
  provider: string | null
  /** Agent row marked because a warning pointed at it. */
  agent: string | null
  setOverviewRange(range: RangeChoice): void
  setAgentsRange(range: RangeChoice): void
  /** Sorts by a column; choosing the current column again reverses the order. */
  sortConversations(sort: ConversationSort): void
  searchConversations(text: string): void
  setConversationOffset(offset: number): void
  selectRoutine(routine: string | null): void
  selectRun(run: string | null): void
  markProvider(provider: string | null): void
  markAgent(agent: string | null): void
  /** Forgets choices that name things of one project, when the project changes. */
  resetForProject(): void
}

export function createViewsStore() {
  return createStore<ViewsState>()((set) => ({
    overviewRange: { preset: 30 },
    agentsRange: { preset: 30 },
    conversationSort: 'lastFinishedAt',
    conversationDescending: true,
    conversationSearch: '',
    conversationOffset: 0,
    routine: null,
    run: null,
    provider: null,
    agent: null,

    setOverviewRange: (overviewRange) => set({ overviewRange }),
    setAgentsRange: (agentsRange) => set({ agentsRange }),
    sortConversations: (sort) =>
      set((state) => ({
        conversationSort: sort,
        conversationDescending:
          state.conversationSort === sort ? !state.conversationDescending : true,
        conversationOffset: 0
      })),
    searchConversations: (text) =>
      set({ conversationSearch: text, conversationOffset: 0 }),
    setConversationOffset: (conversationOffset) => set({ conversationOffset }),
    selectRoutine: (routine) => set({ routine, run: null }),
    selectRun: (run) => set({ run }),
    markProvider: (provider) => set({ provider }),
    markAgent: (agent) => set({ agent }),
    resetForProject: () =>
      set({ conversationOffset: 0, routine: null, run: null, agent: null })
  }))
}

export type ViewsStore = ReturnType<typeof createViewsStore>
