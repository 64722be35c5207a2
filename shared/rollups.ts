import { compareText, turnKey } from './ledger'
import type { LedgerRecord } from './ledger'
import { dayKeyOf } from './time'
import { TotalsBuilder } from './totals'
import type { Totals } from './totals'

/** Number of latest runs a routine's average covers. */
export const ROUTINE_AVERAGE_RUNS = 10

export interface ConversationRollup extends Totals {
  conversation: string
  title: string | null
  agents: string[]
  providers: string[]
  models: string[]
  routine: string | null
  run: string | null
}

export interface DayRollup extends Totals {
  day: string
  byProvider: Record<string, Totals>
  byAgent: Record<string, Totals>
  byRoutine: Record<string, Totals>
}

export interface NamedRollup extends Totals {
  name: string
  models: string[]
}

export interface RunRollup extends Totals {
  run: string
  conversations: string[]
  byAgent: Record<string, Totals>
}

export interface RoutineRollup extends Totals {
  routine: string
  /** Runs in the order they started. */
  runs: RunRollup[]
  /** Mean per run over the latest `ROUTINE_AVERAGE_RUNS` runs. */
  recentAverage: RunAverage
}

export interface RunAverage {
  runs: number
  inputTokens: number
  outputTokens: number
  tokens: number
  wallMs: number
}

export interface Rollups {
  conversations: ConversationRollup[]
  days: DayRollup[]
  agents: NamedRollup[]
  providers: NamedRollup[]
  routines: RoutineRollup[]
}

/** Totals per key, with the builders kept until the result is taken. */
class Grouped<Extra = undefined> {
  readonly builders = new Map<string, { totals: TotalsBuilder; extra: Extra }>()

  constructor(private readonly makeExtra: () => Extra) {}

  /** Adds a record under `key`; `turn` is the record's `turnKey`. */
  add(key: string, record: LedgerRecord, turn: string): Extra {
    let entry = this.builders.get(key)
    if (!entry) {
      entry = { totals: new TotalsBuilder(), extra: this.makeExtra() }
      this.builders.set(key, entry)
    }
    entry.totals.add(record, turn)
    return entry.extra
  }

  /** Entries sorted by key, so output never depends on input order. */
  sorted(): Array<[string, Totals, Extra]> {
    return [...this.builders.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([key, entry]) => [key, entry.totals.result(), entry.extra])
  }

  totalsByKey(): Record<string, Totals> {
    const result: Record<string, Totals> = {}
    for (const [key, totals] of this.sorted()) result[key] = totals
    return result
  }
}

const noExtra = (): undefined => undefined

interface ConversationExtra {
  agents: Set<string>
  providers: Set<string>
  models: Set<string>
  routine: string | null
  run: string | null
}

interface DayExtra {
  byProvider: Grouped
  byAgent: Grouped
  byRoutine: Grouped
}

interface RoutineExtra {
  runs: Grouped<{ conversations: Set<string>; byAgent: Grouped }>
}

/**
 * Computes every rollup from ledger records. Days are calendar days of each
 * record's `startedAt` in `timeZone`.
 */
export function computeRollups(
  records: Iterable<LedgerRecord>,
  timeZone: string,
  titles: ReadonlyMap<string, string> = new Map()
): Rollups {
  const conversations = new Grouped<ConversationExtra>(() => ({
    agents: new Set(),
    providers: new Set(),
    models: new Set(),
    routine: null,
    run: null
  }))
  const days = new Grouped<DayExtra>(() => ({
    byProvider: new Grouped(noExtra),
    byAgent: new Grouped(noExtra),
    byRoutine: new Grouped(noExtra)
  }))
  const agents = new Grouped(() => new Set<string>())
  const providers = new Grouped(() => new Set<string>())
  const routines = new Grouped<RoutineExtra>(() => ({
    runs: new Grouped(() => ({
      conversations: new Set<string>(),
      byAgent: new Grouped(noExtra)
    }))
  }))

  for (const record of records) {
    const turn = turnKey(record)
    const conversation = conversations.add(record.conversation, record, turn)
    conversation.agents.add(record.agent)
    conversation.providers.add(record.provider)
    if (record.model) conversation.models.add(record.model)
    conversation.routine ??= record.routine
    conversation.run ??= record.run

    const day = days.add(dayKeyOf(record.startedAt, timeZone), record, turn)
    day.byProvider.add(record.provider, record, turn)
    day.byAgent.add(record.agent, record, turn)
    if (record.routine) day.byRoutine.add(record.routine, record, turn)

    const agentModels = agents.add(record.agent, record, turn)
    const providerModels = providers.add(record.provider, record, turn)
    if (record.model) {
      agentModels.add(record.model)
      providerModels.add(record.model)
    }

    if (record.routine) {
      const routine = routines.add(record.routine, record, turn)
      const run = routine.runs.add(record.run ?? '(no run)', record, turn)
      run.conversations.add(record.conversation)
      run.byAgent.add(record.agent, record, turn)
    }
  }

  return {
    conversations: conversations.sorted().map(([conversation, totals, extra]) => ({
      conversation,
      title: titles.get(conversation) ?? null,
      agents: sortedNames(extra.agents),
      providers: sortedNames(extra.providers),
      models: sortedNames(extra.models),
      routine: extra.routine,
      run: extra.run,
      ...totals
    })),
    days: days.sorted().map(([day, totals, extra]) => ({
      day,
      ...totals,
      byProvider: extra.byProvider.totalsByKey(),
      byAgent: extra.byAgent.totalsByKey(),
      byRoutine: extra.byRoutine.totalsByKey()
    })),
    agents: named(agents),
    providers: named(providers),
    routines: routines
      .sorted()
      .map(([routine, totals, extra]) => routineRollup(routine, totals, extra))
  }
}

function named(grouped: Grouped<Set<string>>): NamedRollup[] {
  return grouped.sorted().map(([name, totals, models]) => ({
    name,
    models: sortedNames(models),
    ...totals
  }))
}

function routineRollup(
  routine: string,
  totals: Totals,
  extra: RoutineExtra
): RoutineRollup {
  const runs: RunRollup[] = extra.runs.sorted().map(([run, runTotals, runExtra]) => ({
    run,
    conversations: sortedNames(runExtra.conversations),
    byAgent: runExtra.byAgent.totalsByKey(),
    ...runTotals
  }))
  runs.sort(
    (a, b) =>
      compareText(a.firstStartedAt ?? '', b.firstStartedAt ?? '') ||
      compareText(a.run, b.run)
  )
  return {
    routine,
    ...totals,
    runs,
    recentAverage: averageOfRuns(runs.slice(-ROUTINE_AVERAGE_RUNS))
  }
}

/** Mean per run, rounded to whole tokens and milliseconds so files stay exact. */
export function averageOfRuns(runs: readonly Totals[]): RunAverage {
  const count = runs.length
  const mean = (pick: (run: Totals) => number): number =>
    count === 0 ? 0 : Math.round(runs.reduce((sum, run) => sum + pick(run), 0) / count)
  return {
    runs: count,
    inputTokens: mean((run) => run.inputTokens),
    outputTokens: mean((run) => run.outputTokens),
    tokens: mean((run) => run.inputTokens + run.outputTokens),
    wallMs: mean((run) => run.wallMs)
  }
}

function sortedNames(names: Set<string>): string[] {
  return [...names].sort(compareText)
}
