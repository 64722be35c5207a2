import { useEffect } from 'react'
import type { ReactNode } from 'react'
import { useStore } from 'zustand'

import { Notices } from './components/Notices'
import { Sidebar } from './components/Sidebar'
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

  return (
    <div className="app">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <Sidebar />
      <main id="content" className="content" tabIndex={-1}>
        <Notices />
        {SCREENS[screen]()}
      </main>
    </div>
  )
}
