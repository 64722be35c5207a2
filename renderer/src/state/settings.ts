import { createStore } from 'zustand/vanilla'

import type { AppSettings, LowkeyApi } from '../../../shared/api'
import { errorMessage } from '../lib/format'
import type { NoticesStore } from './notices'

export interface UpdateOptions {
  /** Also show a failure as a notice; a form that shows it beside its fields passes false. */
  notifyFailure?: boolean
}

export interface SettingsState {
  settings: AppSettings | null
  error: string | null
  saving: boolean
  load(): Promise<void>
  /** Saves a change; returns null when it was saved, else the error message. */
  update(change: Partial<AppSettings>, options?: UpdateOptions): Promise<string | null>
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

    async update(change, options = {}) {
      set({ saving: true })
      try {
        const settings = await api.invoke('settings:update', change)
        set({ settings, saving: false, error: null })
        notices.getState().info('Settings saved')
        return null
      } catch (error) {
        set({ saving: false })
        const message = errorMessage(error)
        if (options.notifyFailure ?? true) {
          notices.getState().error('Saving the settings', message)
        }
        return message
      }
    }
  }))
}

export type SettingsStore = ReturnType<typeof createSettingsStore>
