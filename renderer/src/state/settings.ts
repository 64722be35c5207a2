import { createStore } from 'zustand/vanilla'

import type { AppSettings, LowkeyApi } from '../../../shared/api'
import { errorMessage } from '../lib/format'
import type { NoticesStore } from './notices'

export interface SettingsState {
  settings: AppSettings | null
  error: string | null
  saving: boolean
  load(): Promise<void>
  /** Saves a change; returns whether it was saved. */
  update(change: Partial<AppSettings>): Promise<boolean>
}

export function createSettingsStore(api: LowkeyApi, notices: NoticesStore) {
  return createStore<SettingsState>()((set) => ({
    settings: null,
    error: null,
    saving: false,

    async load() {
      try {
        set({ settings: await api.invoke('settings:get', undefined), error: null })
      } catch (error) {
        set({ error: errorMessage(error) })
      }
    },

    async update(change) {
      set({ saving: true })
      try {
        const settings = await api.invoke('settings:update', change)
        set({ settings, saving: false, error: null })
        notices.getState().info('Settings saved')
        return true
      } catch (error) {
        set({ saving: false })
        notices.getState().error('Saving the settings', errorMessage(error))
        return false
      }
    }
  }))
}

export type SettingsStore = ReturnType<typeof createSettingsStore>
