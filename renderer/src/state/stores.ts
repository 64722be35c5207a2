import type {
  AgentsResult,
  ConversationQuery,
  ConversationRow,
  DayRange,
  LowkeyApi,
  MenuCommand,
  OverviewResult,
  Page,
  ProjectWarning,
  ProviderCard,
  Scope
} from '../../../shared/api'
import type { CostEstimate } from '../../../shared/pricing'
import type { RoutineRollup } from '../../../shared/rollups'
import { errorMessage } from '../lib/format'
import { createCommandsStore } from './commands'
import { createNavigationStore } from './navigation'
import { createNoticesStore } from './notices'
import { createPreferencesStore } from './preferences'
import { createProjectsStore } from './projects'
import { createQueryStore } from './query'
import { createSettingsStore } from './settings'
import { createTurnsStore } from './turns'
import { createViewsStore } from './views'

export interface StoreOptions {
  api: LowkeyApi
  /** The current time; tests pass a fixed one. */
  clock?: () => Date
  /** Locale for numbers and dates; the browser's when not given. */
  locale?: string
  /** Storage that keeps the theme choice between runs; null in tests. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null
}

/** Creates every store of the renderer around one API. */
export function createStores(options: StoreOptions) {
  const { api } = options
  const notices = createNoticesStore()
  return {
    api,
    clock: options.clock ?? (() => new Date()),
    locale: options.locale ?? navigator.language,
    notices,
    navigation: createNavigationStore(),
    views: createViewsStore(),
    commands: createCommandsStore(),
    preferences: createPreferencesStore(options.storage ?? null),
    projects: createProjectsStore(api, notices),
    settings: createSettingsStore(api, notices),
    turns: createTurnsStore(api),
    overview: createQueryStore<Scope & DayRange, OverviewResult>((request) =>
      api.invoke('usage:overview', request)
    ),
    conversations: createQueryStore<ConversationQuery, Page<ConversationRow>>((request) =>
      api.invoke('usage:conversations', request)
    ),
    providers: createQueryStore<void, ProviderCard[]>(() =>
      api.invoke('usage:providers', undefined)
    ),
    routines: createQueryStore<Scope, RoutineRollup[]>((request) =>
      api.invoke('usage:routines', request)
    ),
    agents: createQueryStore<Scope & DayRange, AgentsResult>((request) =>
      api.invoke('usage:agents', request)
    ),
    /** Warnings of every project; screens keep those of the chosen scope. */
    warnings: createQueryStore<Scope, ProjectWarning[]>((request) =>
      api.invoke('usage:warnings', request)
    ),
    /** The estimate for the Overview's scope and range. */
    costs: createQueryStore<Scope & DayRange, CostEstimate>((request) =>
      api.invoke('usage:costs', request)
    ),
    /** The estimate over every project and day, beside the provider cards. */
    providerCosts: createQueryStore<Scope & DayRange, CostEstimate>((request) =>
      api.invoke('usage:costs', request)
    )
  }
}

export type Stores = ReturnType<typeof createStores>

/**
 * Subscribes the stores to the main process's events, once at start, and loads
 * the project list and the settings. Returns the function that unsubscribes.
 */
export function startStores(stores: Stores): () => void {
  const { api, projects } = stores
  const unsubscribers = [
    api.on('projects:changed', (list) => projects.getState().receiveList(list)),
    api.on('rollups:progress', (event) => projects.getState().receiveProgress(event)),
    api.on('rollups:finished', (event) => projects.getState().receiveFinished(event)),
    api.on('usage:changed', () => projects.getState().receiveUsageChanged()),
    api.on('menu:command', ({ command }) => void runMenuCommand(stores, command)),
    // Saved thresholds, prices or a new time zone change figures, so fetch them again.
    stores.settings.subscribe((state, previous) => {
      if (previous.settings !== null && state.settings !== previous.settings) {
        projects.getState().receiveUsageChanged()
      }
    })
  ]
  // A project that goes away takes the picker back to every project.
  unsubscribers.push(
    projects.subscribe((state) => {
      const chosen = stores.navigation.getState().projectId
      if (
        chosen !== 'all' &&
        state.loaded &&
        !state.projects.some((p) => p.id === chosen)
      ) {
        stores.navigation.getState().chooseProject('all')
      }
    })
  )
  void loadAtStart(stores)
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}

/** Loads the project list and the settings, telling every screen when either fails. */
async function loadAtStart(stores: Stores): Promise<void> {
  const { projects, settings, notices } = stores
  await Promise.all([projects.getState().load(), settings.getState().load()])
  const projectsError = projects.getState().error
  if (projectsError) notices.getState().error('Loading the project list', projectsError)
  const settingsError = settings.getState().error
  if (settingsError) {
    notices
      .getState()
      .error(
        'Loading the settings',
        `${settingsError}; days follow this device's time zone`
      )
  }
}

/** Carries out a menu item on the screen in view. */
export async function runMenuCommand(
  stores: Stores,
  command: MenuCommand
): Promise<void> {
  const notices = stores.notices.getState()
  const exports = stores.commands.getState().exports
  switch (command) {
    case 'export-chart':
      if (exports.exportChart) return exports.exportChart()
      return notices.info('This screen has no chart to export')
    case 'export-data':
      if (exports.exportData) return exports.exportData()
      // A screen without a table of its own offers the project exports instead.
      return stores.navigation.getState().requestExport()
    case 'rebuild-current':
      return stores.projects.getState().rebuild(stores.navigation.getState().projectId)
    case 'add-project':
      stores.navigation.getState().requestAddProject()
      if (stores.api.transport === 'electron') await stores.projects.getState().choose()
  }
}

/** Runs an export and reports a failure as a notice. */
export async function runExport(
  stores: Stores,
  action: string,
  run: () => Promise<void>
): Promise<void> {
  try {
    await run()
  } catch (error) {
    stores.notices.getState().error(action, errorMessage(error))
  }
}
