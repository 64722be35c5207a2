import { createStore } from 'zustand/vanilla'

import type {
  BuildFinishedEvent,
  BuildProgressEvent,
  LowkeyApi,
  ProjectSummary
} from '../../../shared/api'
import { errorMessage } from '../lib/format'
import type { NoticesStore } from './notices'

export interface ProjectsState {
  projects: ProjectSummary[]
  loaded: boolean
  loading: boolean
  error: string | null
  /** Progress of each rebuild under way, by project id. */
  builds: Record<string, BuildProgressEvent>
  /** Outcome of each project's latest rebuild. */
  outcomes: Record<string, BuildFinishedEvent>
  /** Bumped whenever rollups may have changed, so screens fetch again. */
  dataVersion: number
  load(): Promise<void>
  add(path: string): Promise<ProjectSummary | null>
  choose(): Promise<ProjectSummary | null>
  remove(projectId: string): Promise<void>
  rebuild(projectId: string | 'all'): Promise<void>
  cancel(projectId: string): Promise<void>
  receiveList(projects: ProjectSummary[]): void
  receiveProgress(event: BuildProgressEvent): void
  receiveFinished(event: BuildFinishedEvent): void
  /** Notes that a project's rollups changed, such as after its logs grew. */
  receiveUsageChanged(): void
}

export function createProjectsStore(api: LowkeyApi, notices: NoticesStore) {
  let latestLoad = 0
  const fail = (action: string, error: unknown): void =>
    notices.getState().error(action, errorMessage(error))

  return createStore<ProjectsState>()((set, get) => ({
    projects: [],
    loaded: false,
    loading: false,
    error: null,
    builds: {},
    outcomes: {},
    dataVersion: 0,

    async load() {
      const ticket = ++latestLoad
      set({ loading: true })
      try {
        const projects = await api.invoke('projects:list', undefined)
        if (ticket === latestLoad) get().receiveList(projects)
      } catch (error) {
        if (ticket === latestLoad) set({ loading: false, error: errorMessage(error) })
      }
    },

    async add(path) {
      try {
        const project = await api.invoke('projects:add', { path })
        await get().load()
        return project
      } catch (error) {
        fail(`Adding ${path}`, error)
        return null
      }
    },

    async choose() {
      try {
        const project = await api.invoke('projects:choose', undefined)
        if (project) await get().load()
        return project
      } catch (error) {
        fail('Adding a project', error)
        return null
      }
    },

    async remove(projectId) {
      try {
        await api.invoke('projects:remove', { projectId })
        await get().load()
      } catch (error) {
        fail(`Removing ${nameOf(get().projects, projectId)}`, error)
      }
    },

    async rebuild(projectId) {
      const targets =
        projectId === 'all' ? get().projects.map((project) => project.id) : [projectId]
      // Show the build at once; progress events fill in the counts.
      set((state) => {
        const builds = { ...state.builds }
        for (const id of targets) builds[id] ??= startingProgress(id)
        return { builds }
      })
      try {
        await api.invoke('rollups:rebuild', { projectId })
      } catch (error) {
        set((state) => ({ builds: without(state.builds, targets) }))
        const name =
          projectId === 'all' ? 'all projects' : nameOf(get().projects, projectId)
        fail(`Rebuilding ${name}`, error)
      }
    },

    async cancel(projectId) {
      try {
        await api.invoke('rollups:cancel', { projectId })
      } catch (error) {
        fail(`Cancelling the rebuild of ${nameOf(get().projects, projectId)}`, error)
      }
    },

    receiveList(projects) {
      set((state) => ({
        projects,
        loaded: true,
        loading: false,
        error: null,
        dataVersion:
          state.loaded && rollupsSignature(state.projects) !== rollupsSignature(projects)
            ? state.dataVersion + 1
            : state.dataVersion
      }))
    },

    receiveProgress(event) {
      set((state) => ({ builds: { ...state.builds, [event.projectId]: event } }))
    },

    receiveFinished(event) {
      set((state) => ({
        builds: without(state.builds, [event.projectId]),
        outcomes: { ...state.outcomes, [event.projectId]: event },
        dataVersion: state.dataVersion + 1
      }))
      void get().load()
    },

    receiveUsageChanged() {
      set((state) => ({ dataVersion: state.dataVersion + 1 }))
    }
  }))
}

export type ProjectsStore = ReturnType<typeof createProjectsStore>

function nameOf(projects: ProjectSummary[], projectId: string): string {
  return projects.find((project) => project.id === projectId)?.name ?? projectId
}

/** Changes when a project comes or goes or its rollups are rebuilt. */
function rollupsSignature(projects: ProjectSummary[]): string {
  return projects
    .map((project) => `${project.id} ${project.state} ${project.builtAt}`)
    .join('\n')
}

function startingProgress(projectId: string): BuildProgressEvent {
  return { projectId, filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 }
}

function without<T>(record: Record<string, T>, keys: string[]): Record<string, T> {
  const copy = { ...record }
  for (const key of keys) delete copy[key]
  return copy
}
