import { useEffect, useRef } from 'react'
import type { ReactNode } from 'react'
import { useStore } from 'zustand'

import { Notices } from './components/Notices'
import { Sidebar } from './components/Sidebar'
import { focusIsLost } from './lib/focus'
import { Agents } from './screens/Agents'
import { Automations } from './screens/Automations'
import { Conversations } from './screens/Conversations'
import { Overview } from './screens/Overview'
import { Projects } from './screens/Projects'
import { Providers } from './screens/Providers'
import { Settings } from './screens/Settings'
import { Warnings } from './screens/Warnings'
import { useStores } from './state/context'
import type { ScreenId } from './state/navigation'

const SCREENS: Record<ScreenId, () => ReactNode> = {
  overview: () => <Overview />,
  warnings: () => <Warnings />,
  conversations: () => <Conversations />,
  providers: () => <Providers />,
  automations: () => <Automations />,
  agents: () => <Agents />,
  projects: () => <Projects />,
  settings: () => <Settings />
}

export function App() {
  const { navigation, preferences } = useStores()
  const screen = useStore(navigation, (state) => state.screen)
  const theme = useStore(preferences, (state) => state.theme)

  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])

  // A button on one screen that opens another (a warning's "Open", "Go to
  // Projects") goes with its screen, and the focus would fall to the page
  // body. It goes to the new screen's content instead; a sidebar link keeps it.
  const content = useRef<HTMLElement>(null)
  const lastScreen = useRef(screen)
  useEffect(() => {
    if (lastScreen.current === screen) return
    lastScreen.current = screen
    if (focusIsLost()) content.current?.focus()
  }, [screen])

  return (
    <div className="app">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <Sidebar />
      <main id="content" className="content" tabIndex={-1} ref={content}>
        <Notices />
        {SCREENS[screen]()}
      </main>
    </div>
  )
}
