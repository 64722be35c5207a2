import { createStore } from 'zustand/vanilla'

export interface Notice {
  id: number
  kind: 'error' | 'info'
  message: string
}

export interface NoticesState {
  notices: Notice[]
  /** Shows a failed action; the notice stays until dismissed. */
  error(action: string, message: string): void
  /**
   * Shows the result of an action such as an export, in place of an earlier
   * one, for `INFO_NOTICE_MS`.
   */
  info(message: string): void
  dismiss(id: number): void
}

/** Keeps the newest notices only, so a burst of failures cannot flood the screen. */
const MAX_NOTICES = 5

/** How long the result of an action stays; errors stay until dismissed. */
export const INFO_NOTICE_MS = 8000

export function createNoticesStore() {
  let nextId = 1
  return createStore<NoticesState>()((set) => {
    const push = (kind: Notice['kind'], message: string): void => {
      const notice = { id: nextId++, kind, message }
      set((state) => {
        // A newer result replaces an older one ("Saved …" after each export);
        // errors stay until dismissed.
        const others =
          kind === 'info'
            ? state.notices.filter((other) => other.kind !== 'info')
            : state.notices
        return { notices: [...others, notice].slice(-MAX_NOTICES) }
      })
      if (kind === 'info') setTimeout(() => dismiss(notice.id), INFO_NOTICE_MS)
    }
    const dismiss = (id: number): void =>
      set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }))
    return {
      notices: [],
      error: (action, message) => push('error', `${action} failed: ${message}`),
      info: (message) => push('info', message),
      dismiss
    }
  })
}

export type NoticesStore = ReturnType<typeof createNoticesStore>
