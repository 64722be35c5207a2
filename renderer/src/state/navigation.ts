import { createStore } from 'zustand/vanilla'

import type { ConversationRow } from '../../../shared/api'

export const SCREENS = [
  'overview',
  'warnings',
  'conversations',
  'providers',
  'automations',
  'agents',
  'projects',
  'settings'
] as const

export type ScreenId = (typeof SCREENS)[number]

export interface NavigationState {
  screen: ScreenId
  /** The project chosen in the picker, or every project. */
  projectId: string | 'all'
  /** The conversation open on the Conversations screen. */
  conversation: ConversationRow | null
  /** Bumped to ask the Projects screen to focus its path field. */
  addProjectRequests: number
  /** Set to ask the Projects screen to open the chosen project's exports. */
  exportRequested: boolean
  go(screen: ScreenId): void
  chooseProject(projectId: string | 'all'): void
  openConversation(row: ConversationRow): void
  closeConversation(): void
  requestAddProject(): void
  requestExport(): void
  /** Clears `exportRequested` once the exports are open. */
  exportOpened(): void
}

export function createNavigationStore() {
  return createStore<NavigationState>()((set) => ({
    screen: 'overview',
    projectId: 'all',
    conversation: null,
    addProjectRequests: 0,
    exportRequested: false,
    go: (screen) => set({ screen }),
    chooseProject: (projectId) => set({ projectId, conversation: null }),
    openConversation: (row) => set({ screen: 'conversations', conversation: row }),
    closeConversation: () => set({ conversation: null }),
    requestAddProject: () =>
      set((state) => ({
        screen: 'projects',
        addProjectRequests: state.addProjectRequests + 1
      })),
    requestExport: () => set({ screen: 'projects', exportRequested: true }),
    exportOpened: () => set({ exportRequested: false })
  }))
}

export type NavigationStore = ReturnType<typeof createNavigationStore>
