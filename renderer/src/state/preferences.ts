import { createStore } from 'zustand/vanilla'

export type ThemeChoice = 'system' | 'light' | 'dark'

export interface PreferencesState {
  theme: ThemeChoice
  setTheme(theme: ThemeChoice): void
  /** Steps through system, light and dark. */
  cycleTheme(): void
}

const THEME_KEY = 'lowkey-usage.theme'
const THEME_ORDER: readonly ThemeChoice[] = ['system', 'light', 'dark']

function isThemeChoice(value: string | null): value is ThemeChoice {
  return value === 'system' || value === 'light' || value === 'dark'
}

/** Creates the store of this window's own preferences, kept in `storage` when given. */
export function createPreferencesStore(
  storage: Pick<Storage, 'getItem' | 'setItem'> | null
) {
  const saved = storage?.getItem(THEME_KEY) ?? null
  return createStore<PreferencesState>()((set, get) => {
    const setTheme = (theme: ThemeChoice): void => {
      set({ theme })
      storage?.setItem(THEME_KEY, theme)
    }
    return {
      theme: isThemeChoice(saved) ? saved : 'system',
      setTheme,
      cycleTheme() {
        const next =
          THEME_ORDER[(THEME_ORDER.indexOf(get().theme) + 1) % THEME_ORDER.length]
        setTheme(next ?? 'system')
      }
    }
  })
}

export type PreferencesStore = ReturnType<typeof createPreferencesStore>
