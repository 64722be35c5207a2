import { mkdir, writeFile } from 'node:fs/promises'
import { basename, isAbsolute, join } from 'node:path'

import type {
  AppSettings,
  DayRange,
  ExportFile,
  ProjectWarning,
  EventChannel,
  EventChannels,
  ProjectSummary,
  RequestChannel,
  RequestOf,
  ResponseOf,
  Scope
} from '../../../shared/api'
import { plural } from '../../../shared/format'
import type { LedgerRecord } from '../../../shared/ledger'
import { Pricing, estimateRecords } from '../../../shared/pricing'
import { dayKeyOf, isValidTimeZone } from '../../../shared/time'
import { computeWarnings } from '../../../shared/warnings'
import { exportTable } from '../export/tables'
import { warningSettingsOf } from '../warnings'
import { describeIssues } from '../../../shared/validation'
import { prepareDemoProject } from '../demo'
import { UsageError, errorText } from '../errors'
import { checkFreshness } from '../freshness'
import type { Environment } from '../paths'
import { loadSettings, saveSettings } from '../settings'
import type { Settings } from '../settings'
import { jobFor } from './build-runner'
import type { BuildRunner } from './build-runner'
import { foundSourceEntries, lowkeyEntry } from './projects'
import type { ProjectEntry } from './projects'
import * as queries from './queries'
import type { ProjectRollups } from './queries'
import { REQUEST_SCHEMAS } from './requests'
import { RollupCache } from './rollup-cache'
import { coalesce, watchLogs } from '../watch'
import type { LogWatcher } from '../watch'

export interface ServiceOptions {
  dataDir: string
  environment: Environment
  examplesDir: string
  runner: BuildRunner
  /** Bundled parse worker, so rebuilds parse on several threads. */
  parseWorker?: string
  /** Serve exactly these project folders, instead of the settings' list and the found sources. */
  projects?: string[]
  /** Rebuild a project's rollups when its logs change, and tell the screens. */
  watch?: boolean
}

const ALL_DAYS: DayRange = { from: null, to: null }

/** Quiet time after a log changes before the rebuild starts, so bursts give one update. */
const WATCH_COALESCE_MS = 150

type Handlers = {
  [C in RequestChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>
}
type Listener<E extends EventChannel> = (payload: EventChannels[E]) => void

/**
 * Backend of every screen: handles each request channel from the rollups and
 * runs rebuilds with the given runner. Both transports (Electron IPC and the
 * HTTP bridge) only call `handle` and forward the events.
 */
export class UsageService {
  private entries: ProjectEntry[] = []
  private settings!: Settings
  private readonly cache = new RollupCache()
  private readonly jobs = new Map<string, AbortController>()
  private readonly failures = new Map<string, string>()
  private readonly listeners = new Map<EventChannel, Set<Listener<never>>>()
  private readonly watchers = new Map<
    string,
    { watcher: LogWatcher; updater: ReturnType<typeof coalesce> }
  >()

  private constructor(private readonly options: ServiceOptions) {}

  static async open(options: ServiceOptions): Promise<UsageService> {
    const service = new UsageService(options)
    service.settings = await loadSettings(options.dataDir)
    await service.loadEntries()
    if (options.watch) await service.watchEntries()
    return service
  }

  /** Checks a request's shape, then handles it. */
  async handle<C extends RequestChannel>(
    channel: C,
    request: unknown
  ): Promise<ResponseOf<C>> {
    const schema = REQUEST_SCHEMAS[channel]
    if (!schema) throw new UsageError(`unknown channel "${String(channel)}"`)
    const parsed = schema.safeParse(request ?? undefined)
    if (!parsed.success) {
      throw new UsageError(
        `invalid request on ${channel}: ${describeIssues(parsed.error)}`
      )
    }
    const handler = this.handlers[channel] as (request: unknown) => Promise<ResponseOf<C>>
    return handler(parsed.data)
  }

  on<E extends EventChannel>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    set.add(listener as Listener<never>)
    return () => set.delete(listener as Listener<never>)
  }

  private emit<E extends EventChannel>(event: E, payload: EventChannels[E]): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as Listener<E>)(payload)
  }

  /** Stops watching and cancels running builds; they stop between files and release their locks. */
  async close(): Promise<void> {
    for (const controller of this.jobs.values()) controller.abort()
    const watchers = [...this.watchers.values()]
    this.watchers.clear()
    await Promise.all(watchers.map(({ watcher }) => watcher.close()))
  }

  private async watchEntries(): Promise<void> {
    for (const entry of this.entries) {
      if (this.watchers.has(entry.id)) continue
      const updater = coalesce(() => this.runBuild(entry), WATCH_COALESCE_MS)
      const watcher = watchLogs(entry.target.roots, () => updater.poke())
      this.watchers.set(entry.id, { watcher, updater })
      await watcher.ready
    }
  }

  private async unwatch(projectId: string): Promise<void> {
    const watching = this.watchers.get(projectId)
    this.watchers.delete(projectId)
    await watching?.watcher.close()
  }

  private readonly handlers: Handlers = {
    'projects:list': () => this.summaries(),
    'projects:add': ({ path }) => this.addProject(path),
    // Only the desktop app can show a folder dialog, so its IPC layer handles this channel.
    'projects:choose': async () => null,
    'projects:remove': ({ projectId }) => this.removeProject(projectId),
    'rollups:rebuild': async ({ projectId }) => {
      const targets = projectId === 'all' ? this.entries : [this.entry(projectId)]
      for (const entry of targets) this.startBuild(entry)
    },
    'rollups:cancel': async ({ projectId }) => {
      this.jobs.get(projectId)?.abort()
    },
    'usage:overview': async (request) => {
      const projects = await this.rollupsOf(request)
      return queries.overview(projects, request, this.zoneOf(projects))
    },
    'usage:conversations': async (request) =>
      queries.conversations(await this.rollupsOf(request), request),
    'usage:turns': async (request) => {
      const [project] = await this.rollupsOf({ projectId: request.projectId })
      const records = project
        ? ((await project.loaded.ledger()).get(request.conversation) ?? [])
        : []
      return queries.page(queries.turnRows(records), request.offset, request.limit)
    },
    'usage:providers': async () => {
      const projects = await this.rollupsOf({ projectId: 'all' })
      const records = await this.ledgerOf(projects, ALL_DAYS)
      return queries.providerCards(projects, estimateRecords(records, this.pricing()))
    },
    'usage:warnings': (request) => this.warnings(request),
    'usage:costs': async (request) => {
      const records = await this.ledgerOf(await this.rollupsOf(request), request)
      return estimateRecords(records, this.pricing())
    },
    'usage:export': (request) => this.exportFile(request),
    'usage:routines': async (request) => queries.routines(await this.rollupsOf(request)),
    'usage:agents': async (request) => {
      const projects = await this.rollupsOf(request)
      return queries.agents(projects, request, this.zoneOf(projects))
    },
    'settings:get': async () => this.appSettings(),
    'settings:update': (request) => this.updateSettings(request),
    'export:save': (request) => this.saveExport(request)
  }

  private async loadEntries(): Promise<void> {
    const { options } = this
    if (options.projects) {
      this.entries = await Promise.all(
        options.projects.map((path) => lowkeyEntry(path, 'added'))
      )
      return
    }
    const added: ProjectEntry[] = []
    for (const path of this.settings.projects) {
      try {
        added.push(await lowkeyEntry(path, 'added'))
      } catch (error) {
        // A remembered project that moved away stays in the settings; it is skipped until it is back.
        console.warn(`[usage] skipping project ${path}: ${errorText(error)}`)
      }
    }
    const found = foundSourceEntries(options.environment, options.dataDir)
    this.entries = [...added, ...found]
    if (this.entries.length === 0) {
      const demo = await prepareDemoProject(options.examplesDir, options.dataDir)
      this.entries = [await lowkeyEntry(demo, 'demo')]
    }
  }

  private entry(projectId: string): ProjectEntry {
    const entry = this.entries.find((candidate) => candidate.id === projectId)
    if (!entry)
      throw new UsageError(`no project with id "${projectId}": reload the project list`)
    return entry
  }

  private async rollupsOf(scope: Scope): Promise<ProjectRollups[]> {
    const entries =
      scope.projectId === 'all' ? this.entries : [this.entry(scope.projectId)]
    const result: ProjectRollups[] = []
    for (const entry of entries) {
      const loaded = await this.cache.load(entry.target.store)
      if (loaded) result.push({ projectId: entry.id, loaded })
    }
    return result
  }

  private async summaries(): Promise<ProjectSummary[]> {
    return Promise.all(this.entries.map((entry) => this.summary(entry)))
  }

  private async summary(entry: ProjectEntry): Promise<ProjectSummary> {
    const base = {
      id: entry.id,
      kind: entry.kind,
      name: entry.name,
      location: entry.location,
      origin: entry.origin
    }
    const failure = this.failures.get(entry.id)
    const freshness = await checkFreshness(
      entry.target,
      entry.adapter,
      this.settings.timeZone
    )
    const manifest = freshness.state === 'missing' ? null : freshness.manifest
    let state: ProjectSummary['state'] = freshness.state
    if (this.jobs.has(entry.id)) state = 'building'
    else if (failure && freshness.state !== 'fresh') state = 'error'

    let reasons: string[] = []
    if (failure) reasons = [failure]
    else if (freshness.state === 'stale') reasons = freshness.reasons
    return {
      ...base,
      state,
      reasons,
      builtAt: manifest?.builtAt ?? null,
      timeZone: manifest?.timeZone ?? null,
      counts: manifest
        ? {
            conversations: manifest.counts.conversations,
            turns: manifest.counts.turns,
            badLines: manifest.counts.badLines
          }
        : null,
      problems: manifest?.problems ?? []
    }
  }

  private async addProject(path: string): Promise<ProjectSummary> {
    // A relative path would resolve against the server's own working folder.
    if (!isAbsolute(path)) {
      throw new UsageError(`give the full path of the project folder, not "${path}"`)
    }
    const entry = await lowkeyEntry(path, 'added')
    if (!this.entries.some((existing) => existing.id === entry.id)) {
      this.entries = [
        ...this.entries.filter((existing) => existing.origin !== 'demo'),
        entry
      ]
      if (!this.options.projects) {
        this.settings = {
          ...this.settings,
          projects: [...this.settings.projects, entry.location]
        }
        await saveSettings(this.options.dataDir, this.settings)
      }
    }
    if (this.options.watch) await this.watchEntries()
    await this.announceProjects()
    return this.summary(entry)
  }

  private async removeProject(projectId: string): Promise<void> {
    const entry = this.entry(projectId)
    if (entry.origin === 'found') {
      throw new UsageError(
        `${entry.name} logs are found automatically and cannot be removed`
      )
    }
    this.jobs.get(projectId)?.abort()
    await this.unwatch(projectId)
    this.entries = this.entries.filter((candidate) => candidate.id !== projectId)
    this.cache.forget(entry.target.store)
    if (!this.options.projects) {
      this.settings = {
        ...this.settings,
        projects: this.settings.projects.filter((path) => path !== entry.location)
      }
      await saveSettings(this.options.dataDir, this.settings)
    }
    await this.announceProjects()
  }

  private async announceProjects(): Promise<void> {
    this.emit('projects:changed', await this.summaries())
  }

  /** Starts a rebuild unless one is running; progress and the outcome arrive as events. */
  private startBuild(entry: ProjectEntry): void {
    void this.runBuild(entry)
  }

  private runBuild(entry: ProjectEntry): Promise<void> {
    if (this.jobs.has(entry.id)) return Promise.resolve()
    const controller = new AbortController()
    this.jobs.set(entry.id, controller)
    this.failures.delete(entry.id)
    const job = jobFor(entry.target, this.settings.timeZone, this.options.parseWorker)

    return this.options
      .runner(
        job,
        (progress) => this.emit('rollups:progress', { projectId: entry.id, ...progress }),
        controller.signal
      )
      .then(
        (outcome) => {
          const { counts } = outcome.manifest
          this.emit('rollups:finished', {
            projectId: entry.id,
            outcome: 'done',
            message: rebuiltMessage(entry.name, counts),
            problems: outcome.problems
          })
          this.emit('usage:changed', {
            projectId: entry.id,
            conversations: outcome.conversationsRead
          })
        },
        (error: unknown) => {
          const cancelled = controller.signal.aborted
          if (!cancelled)
            this.failures.set(entry.id, `rebuild failed: ${errorText(error)}`)
          this.emit('rollups:finished', {
            projectId: entry.id,
            outcome: cancelled ? 'cancelled' : 'failed',
            message: cancelled
              ? `the rollups of ${entry.name} were left as they were`
              : `rebuild failed: ${errorText(error)}`,
            problems: []
          })
        }
      )
      .finally(async () => {
        this.jobs.delete(entry.id)
        await this.announceProjects()
      })
  }

  private appSettings(): AppSettings {
    return {
      timeZone: this.settings.timeZone,
      warnings: warningSettingsOf(this.settings),
      pricing: this.settings.pricing ?? { billing: {}, models: {} }
    }
  }

  private pricing(): Pricing {
    return new Pricing(this.settings.pricing)
  }

  private async updateSettings(request: Partial<AppSettings>): Promise<AppSettings> {
    const next = { ...this.settings }
    if (request.timeZone !== undefined) {
      if (!isValidTimeZone(request.timeZone)) {
        throw new UsageError(
          `unknown time zone "${request.timeZone}": use an IANA name such as Europe/Berlin`
        )
      }
      next.timeZone = request.timeZone
    }
    if (request.warnings !== undefined) next.warnings = request.warnings
    if (request.pricing !== undefined) next.pricing = request.pricing
    this.settings = next
    await saveSettings(this.options.dataDir, this.settings)
    await this.announceProjects()
    return this.appSettings()
  }

  /**
   * Time zone the projects' day rollups were built in: the one they share, or
   * the settings' when they differ (stale rollups show that as a reason).
   */
  private zoneOf(projects: ProjectRollups[]): string {
    const zones = new Set(projects.map((project) => project.loaded.manifest.timeZone))
    const [only] = zones
    return zones.size === 1 && only !== undefined ? only : this.settings.timeZone
  }

  /** Ledger records of the projects whose day (in the settings' zone) is in the range. */
  private async ledgerOf(
    projects: ProjectRollups[],
    range: DayRange
  ): Promise<LedgerRecord[]> {
    const zone = this.settings.timeZone
    const bounded = range.from !== null || range.to !== null
    const inRange = (record: LedgerRecord): boolean => {
      if (!bounded) return true
      const day = dayKeyOf(record.startedAt, zone)
      return (
        (range.from === null || day >= range.from) &&
        (range.to === null || day <= range.to)
      )
    }
    const records: LedgerRecord[] = []
    for (const project of projects) {
      for (const list of (await project.loaded.ledger()).values()) {
        for (const record of list) if (inRange(record)) records.push(record)
      }
    }
    return records
  }

  private async warnings(scope: Scope): Promise<ProjectWarning[]> {
    const thresholds = warningSettingsOf(this.settings)
    const result: ProjectWarning[] = []
    for (const project of await this.rollupsOf(scope)) {
      const { routines, days, conversations } = project.loaded.rollups
      const projectName = this.entry(project.projectId).name
      for (const warning of computeWarnings(
        { routines, days, conversations },
        thresholds
      )) {
        result.push({ ...warning, projectId: project.projectId, projectName })
      }
    }
    return result
  }

  private async exportFile(request: RequestOf<'usage:export'>): Promise<ExportFile> {
    const entry = this.entry(request.projectId)
    const { text } = await exportTable(
      entry.target.store,
      request.content,
      request.format
    )
    return {
      fileName: `${entry.name.replace(/[^\w.-]+/g, '-')}-${request.content}.${request.format}`,
      mimeType: request.format === 'csv' ? 'text/csv' : 'application/json',
      base64: Buffer.from(text, 'utf8').toString('base64')
    }
  }

  /** Writes an export into the data folder. The desktop app shows a save dialog instead. */
  private async saveExport(
    request: RequestOf<'export:save'>
  ): Promise<ResponseOf<'export:save'>> {
    const folder = join(this.options.dataDir, 'exports')
    await mkdir(folder, { recursive: true })
    const path = join(folder, basename(request.fileName))
    await writeFile(path, Buffer.from(request.base64, 'base64'))
    return { saved: true, path }
  }
}

/** Says what a finished rebuild of a project gave, counts written as the screens write them. */
export function rebuiltMessage(
  name: string,
  counts: { conversations: number; turns: number }
): string {
  const conversations = plural(counts.conversations, 'conversation')
  return `rebuilt ${name}: ${conversations}, ${plural(counts.turns, 'turn')}`
}
