// The API between the main process and the renderer, declared once. Both
// transports (Electron IPC and the loopback HTTP bridge) carry exactly these
// channels, and the renderer's `window.lowkey` type is derived from them.
import type { LedgerRecord } from './ledger'
import type { ConversationRollup, DayRollup, NamedRollup, RoutineRollup } from './rollups'
import type { BillingKind, CostEstimate, PricingSettings } from './pricing'
import type { Totals } from './totals'
import type { Warning, WarningSettings } from './warnings'

export type ProjectKind = 'lowkey' | 'claude-code' | 'codex'

/** State of a project's rollups against its logs. */
export type RollupState = 'fresh' | 'stale' | 'missing' | 'building' | 'error'

export interface ProjectProblem {
  file: string
  line?: number
  message: string
}

/** A project or an outside source, as the project list shows it. */
export interface ProjectSummary {
  id: string
  kind: ProjectKind
  /** Folder name of a project, or the source's name. */
  name: string
  /** Project folder, or the log folders of a source. */
  location: string
  /** Added by the operator (removable), or found in a tool's usual place. */
  origin: 'added' | 'found' | 'demo'
  state: RollupState
  /** Reasons the rollups are stale or could not be read. */
  reasons: string[]
  builtAt: string | null
  timeZone: string | null
  counts: { conversations: number; turns: number; badLines: number } | null
  problems: ProjectProblem[]
}

/** Projects a query covers: one, or all of them. */
export interface Scope {
  projectId: string | 'all'
}

export interface DayRange {
  /** First day, `YYYY-MM-DD`, or null for no lower bound. */
  from: string | null
  /** Last day, `YYYY-MM-DD`, or null for no upper bound. */
  to: string | null
}

export interface OverviewResult {
  timeZone: string
  /** Days in the range that have usage, in order, split by provider. */
  days: DayRollup[]
  total: Totals
  /** First and last day with any usage at all, to offer when the range is empty. */
  firstDay: string | null
  lastDay: string | null
}

export type ConversationSort =
  'lastFinishedAt' | 'inputTokens' | 'outputTokens' | 'turns' | 'wallMs' | 'toolErrors'

export interface ConversationQuery extends Scope {
  sort: ConversationSort
  descending: boolean
  offset: number
  limit: number
  /** Only conversations whose id or title contains this text. */
  search?: string
}

export interface ConversationRow extends ConversationRollup {
  projectId: string
}

export interface Page<Row> {
  rows: Row[]
  offset: number
  total: number
}

export interface TurnQuery {
  projectId: string
  conversation: string
  offset: number
  limit: number
}

/** One turn of a conversation, its records merged for the compact label. */
export interface TurnRow {
  turn: number
  startedAt: string
  finishedAt: string
  label: string
  partial: boolean
  inputTokens: number
  cacheReadTokens: number
  outputTokens: number
  wallMs: number
  toolCalls: number
  toolErrors: number
  models: string[]
  agents: string[]
  records: LedgerRecord[]
}

export interface ProviderCard extends NamedRollup {
  /** Share of all input plus output tokens, 0 to 1. */
  share: number
  projects: number
  /** Billing kind of the provider from the settings, or null when they name none. */
  billing: BillingKind | null
  /** Estimated US dollars at list prices, for per-token providers only. */
  estimatedDollars: number | null
  /** Turns of this provider that could not be priced (unknown model, no price). */
  unpricedTurns: number
}

/** A warning of one project. */
export interface ProjectWarning extends Warning {
  projectId: string
  projectName: string
}

/** Content of an export. */
export type ExportContent =
  'ledger' | 'conversations' | 'days' | 'agents' | 'providers' | 'routines'

export interface ExportFile {
  fileName: string
  mimeType: string
  base64: string
}

export interface AgentsResult {
  timeZone: string
  agents: NamedRollup[]
  days: DayRollup[]
}

export interface BuildProgressEvent {
  projectId: string
  filesDone: number
  filesTotal: number
  bytesDone: number
  bytesTotal: number
}

export interface BuildFinishedEvent {
  projectId: string
  outcome: 'done' | 'cancelled' | 'failed'
  message: string
  problems: ProjectProblem[]
}

export interface AppSettings {
  timeZone: string
  /** Thresholds of the early warnings, defaults filled in. */
  warnings: WarningSettings
  /** Billing kinds and price overrides as the settings file has them. */
  pricing: PricingSettings
}

/** Request and response of every channel from the renderer to the main process. */
export interface RequestChannels {
  'projects:list': { request: void; response: ProjectSummary[] }
  'projects:add': { request: { path: string }; response: ProjectSummary }
  /** Opens a folder dialog in the desktop app; returns null when cancelled. */
  'projects:choose': { request: void; response: ProjectSummary | null }
  'projects:remove': { request: { projectId: string }; response: void }
  'rollups:rebuild': { request: { projectId: string | 'all' }; response: void }
  'rollups:cancel': { request: { projectId: string }; response: void }
  'usage:overview': { request: Scope & DayRange; response: OverviewResult }
  'usage:conversations': { request: ConversationQuery; response: Page<ConversationRow> }
  'usage:turns': { request: TurnQuery; response: Page<TurnRow> }
  'usage:providers': { request: void; response: ProviderCard[] }
  'usage:routines': { request: Scope; response: RoutineRollup[] }
  'usage:agents': { request: Scope & DayRange; response: AgentsResult }
  'usage:warnings': { request: Scope; response: ProjectWarning[] }
  /** Dollar estimates for per-token providers; an estimate, never a bill. */
  'usage:costs': { request: Scope & DayRange; response: CostEstimate }
  /** The ledger or a rollup of one project as a file, for `export:save`. */
  'usage:export': {
    request: { projectId: string; content: ExportContent; format: 'csv' | 'json' }
    response: ExportFile
  }
  'settings:get': { request: void; response: AppSettings }
  'settings:update': { request: Partial<AppSettings>; response: AppSettings }
  /** Saves an exported file: a save dialog in the app, a download through the bridge. */
  'export:save': {
    request: { fileName: string; mimeType: string; base64: string }
    response: { saved: boolean; path: string | null }
  }
}

/** Events the main process sends to the renderer. */
export interface EventChannels {
  'rollups:progress': BuildProgressEvent
  'rollups:finished': BuildFinishedEvent
  'projects:changed': ProjectSummary[]
  /** A menu item the renderer acts on. */
  'menu:command': { command: MenuCommand }
  /** A project's rollups were rebuilt (by request or after its logs changed): refetch. */
  'usage:changed': { projectId: string; conversations: string[] }
}

export type MenuCommand =
  'export-chart' | 'export-data' | 'rebuild-current' | 'add-project'

export type RequestChannel = keyof RequestChannels
export type EventChannel = keyof EventChannels

export type RequestOf<C extends RequestChannel> = RequestChannels[C]['request']
export type ResponseOf<C extends RequestChannel> = RequestChannels[C]['response']

/** API of the renderer: one function per request channel, and event subscription. */
export interface LowkeyApi {
  invoke<C extends RequestChannel>(
    channel: C,
    request: RequestOf<C>
  ): Promise<ResponseOf<C>>
  /** Subscribes to an event; returns the unsubscriber. */
  on<E extends EventChannel>(
    event: E,
    listener: (payload: EventChannels[E]) => void
  ): () => void
  /** `electron` inside the desktop app, `http` through the bridge. */
  transport: 'electron' | 'http'
}

export const REQUEST_CHANNELS = [
  'projects:list',
  'projects:add',
  'projects:choose',
  'projects:remove',
  'rollups:rebuild',
  'rollups:cancel',
  'usage:overview',
  'usage:conversations',
  'usage:turns',
  'usage:providers',
  'usage:routines',
  'usage:agents',
  'usage:warnings',
  'usage:costs',
  'usage:export',
  'settings:get',
  'settings:update',
  'export:save'
] as const satisfies readonly RequestChannel[]

export const EVENT_CHANNELS = [
  'rollups:progress',
  'rollups:finished',
  'projects:changed',
  'menu:command',
  'usage:changed'
] as const satisfies readonly EventChannel[]

type Exhaustive<Missing extends never> = Missing
/** Fails to compile when a channel is missing from the lists above. */
export type AllChannelsListed = [
  Exhaustive<Exclude<RequestChannel, (typeof REQUEST_CHANNELS)[number]>>,
  Exhaustive<Exclude<EventChannel, (typeof EVENT_CHANNELS)[number]>>
]

/** HTTP bridge paths; the session cookie carries the token after the first page load. */
export const BRIDGE = {
  invokePrefix: '/api/invoke/',
  events: '/api/events',
  cookie: 'lowkey_session',
  tokenParameter: 'token'
} as const

/** Body of every bridge response to an invoke. */
export type BridgeReply<T> = { ok: true; value: T } | { ok: false; error: string }
