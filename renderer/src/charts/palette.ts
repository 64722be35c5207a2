import { useEffect, useState } from 'react'
import { useStore } from 'zustand'

import { useStores } from '../state/context'

/** Colours that read on light and dark backgrounds alike. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac'
]

/** Known providers and the token kinds keep one colour whatever else is on the chart. */
const FIXED: Record<string, string> = {
  anthropic: '#d97757',
  openai: '#10a37f',
  local: '#4e79a7',
  google: '#edc948',
  'Cached input': '#9db4d8',
  'Uncached input': '#4e79a7',
  Output: '#f28e2b'
}

/** Returns a stable colour for a name: the same name always gets the same colour. */
export function colourFor(name: string): string {
  const fixed = FIXED[name]
  if (fixed) return fixed
  let hash = 0
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return PALETTE[hash % PALETTE.length] ?? '#4e79a7'
}

export interface ChartColours {
  text: string
  grid: string
  background: string
  accent: string
}

const LIGHT: ChartColours = {
  text: '#3d4450',
  grid: 'rgba(60, 70, 90, 0.12)',
  background: '#ffffff',
  accent: '#3b6fd8'
}

const DARK: ChartColours = {
  text: '#c9d1dc',
  grid: 'rgba(200, 210, 225, 0.14)',
  background: '#1b1f27',
  accent: '#7aa2f7'
}

const DARK_QUERY = '(prefers-color-scheme: dark)'

function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches
}

/** Returns whether the window shows the dark theme, by the toggle or the system. */
export function useDarkTheme(): boolean {
  const theme = useStore(useStores().preferences, (state) => state.theme)
  const [systemDark, setSystemDark] = useState(systemPrefersDark)
  useEffect(() => {
    if (typeof matchMedia !== 'function') return undefined
    const query = matchMedia(DARK_QUERY)
    const update = (): void => setSystemDark(query.matches)
    query.addEventListener('change', update)
    return () => query.removeEventListener('change', update)
  }, [])
  return theme === 'dark' || (theme === 'system' && systemDark)
}

/** Returns the axis, grid and background colours of the theme in use. */
export function useChartColours(): ChartColours {
  return useDarkTheme() ? DARK : LIGHT
}
