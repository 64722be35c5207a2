import { useStore } from 'zustand'

import { useStores } from '../state/context'
import { useLoad } from '../state/hooks'
import type { ScreenId } from '../state/navigation'
import type { ThemeChoice } from '../state/preferences'
import { EVERY_PROJECT, useScopedWarnings } from '../state/warnings'

const NAV: Array<{ screen: ScreenId; label: string }> = [
  { screen: 'overview', label: 'Overview' },
  { screen: 'warnings', label: 'Warnings' },
  { screen: 'conversations', label: 'Conversations' },
  { screen: 'providers', label: 'Providers' },
  { screen: 'automations', label: 'Automations' },
  { screen: 'agents', label: 'Agents and days' },
  { screen: 'projects', label: 'Projects' },
  { screen: 'settings', label: 'Settings' }
]

const THEME_NAMES: Record<ThemeChoice, string> = {
  system: 'Theme: system',
  light: 'Theme: light',
  dark: 'Theme: dark'
}

export function Sidebar() {
  const { navigation, preferences, views, warnings } = useStores()
  // The sidebar is always shown, so it keeps the warning count current.
  useLoad(warnings.getState().load, EVERY_PROJECT)
  const warningCount = useScopedWarnings().length
  const screen = useStore(navigation, (state) => state.screen)
  const theme = useStore(preferences, (state) => state.theme)
  const problems = useStore(useStores().projects, (state) =>
    state.projects.some(
      (p) => p.state === 'missing' || p.state === 'stale' || p.state === 'error'
    )
  )

  return (
    <nav className="sidebar" aria-label="Screens">
      <div className="brand">Lowkey Usage</div>
      <ProjectPicker />
      <ul className="nav-list">
        {NAV.map((item) => (
          <li key={item.screen}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === item.screen ? 'page' : undefined}
              onClick={() => {
                navigation.getState().go(item.screen)
                views.getState().markProvider(null)
                views.getState().markAgent(null)
                if (item.screen === 'conversations')
                  navigation.getState().closeConversation()
              }}
            >
              {item.label}
              {item.screen === 'warnings' && warningCount > 0 && (
                <span className="count-badge">
                  <span aria-hidden="true" data-testid="warning-count">
                    {warningCount}
                  </span>
                  <span className="visually-hidden">
                    ({warningCount === 1 ? '1 warning' : `${warningCount} warnings`})
                  </span>
                </span>
              )}
              {item.screen === 'projects' && problems && (
                <span className="dot" title="A project needs a rebuild">
                  <span className="visually-hidden">(needs a rebuild)</span>
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="theme-toggle quiet"
        onClick={() => preferences.getState().cycleTheme()}
        title="Switch between the system theme, light and dark"
      >
        {THEME_NAMES[theme]}
      </button>
    </nav>
  )
}

function ProjectPicker() {
  const { navigation, projects, views } = useStores()
  const projectId = useStore(navigation, (state) => state.projectId)
  const list = useStore(projects, (state) => state.projects)
  return (
    <div className="picker">
      <label htmlFor="project-picker">Project</label>
      <select
        id="project-picker"
        value={projectId}
        onChange={(event) => {
          navigation.getState().chooseProject(event.target.value)
          views.getState().resetForProject()
        }}
      >
        <option value="all">All projects</option>
        {list.map((project) => (
          <option key={project.id} value={project.id}>
            {project.name}
          </option>
        ))}
      </select>
    </div>
  )
}
