// Early warnings computed from rollups. Pure: no Node, no DOM. Every rule
// compares the latest run, day or conversation with a baseline of its own kind,
// and each has thresholds in the `warnings` section of the settings file.

import { z } from 'zod'

import { compareText } from './ledger'
import type { ConversationRollup, DayRollup, RoutineRollup } from './rollups'
import { partialTurnWarnings, toolErrorWarnings } from './warnings-rates'
import { conversationWarnings, providerWarnings, routineWarnings } from './warnings-rules'

export const WARNING_KINDS = [
  'routine-run-jump',
  'routine-day-jump',
  'provider-volume-jump',
  'provider-share-jump',
  'conversation-context',
  'tool-error-rise',
  'partial-rise'
] as const
export type WarningKind = (typeof WARNING_KINDS)[number]

/** The app screen that shows what a warning is about, and the row to open there. */
export type WarningLink =
  | { screen: 'automations'; routine: string }
  | { screen: 'providers'; provider: string }
  | { screen: 'conversations'; conversation: string }
  | { screen: 'agents'; agent: string }

export interface Warning {
  kind: WarningKind
  /** Routine, provider, conversation or agent name. */
  subject: string
  /** One sentence with the figures. */
  message: string
  /** Unit of `value` and `baseline`: a share or a rate is a fraction from 0 to 1. */
  unit: 'tokens' | 'fraction'
  value: number
  baseline: number
  /** `value / baseline` rounded to two decimals; null when the baseline is 0. */
  ratio: number | null
  /** Description of the baseline, such as "median of the 10 runs before it". */
  window: string
  /** The routine run judged, for `routine-run-jump`; otherwise null. */
  run: string | null
  /** The day judged, in the rollups' time zone; null for runs and conversations. */
  day: string | null
  link: WarningLink
}

const enabled = z.boolean().default(true)
const factor = (value: number) => z.number().gt(1).finite().default(value)
const count = (value: number) => z.number().int().min(1).default(value)
const fraction = (value: number) => z.number().gt(0).max(1).default(value)

/** Rejects a minimum the window can never reach, which would silence the rule. */
function withinWindow<T extends { window: number }>(schema: z.ZodType<T>, key: keyof T) {
  return schema.refine((rule) => Number(rule[key]) <= rule.window, {
    message: `${String(key)} must not exceed window`,
    path: [key as string]
  })
}

/** Thresholds of every rule; each has a default so an old settings file loads. */
export const warningSettingsSchema = z.looseObject({
  routineRuns: withinWindow(
    z.looseObject({ enabled, ratio: factor(3), window: count(10), minRuns: count(5) }),
    'minRuns'
  ).prefault({}),
  routineDays: withinWindow(
    z.looseObject({ enabled, ratio: factor(3), window: count(10), minDays: count(5) }),
    'minDays'
  ).prefault({}),
  providerVolume: withinWindow(
    z.looseObject({
      enabled,
      ratio: factor(2),
      window: count(10),
      minDays: count(5),
      minShare: fraction(0.1),
      quietDayRatio: z.number().min(0).finite().default(1)
    }),
    'minDays'
  ).prefault({}),
  providerShare: withinWindow(
    z.looseObject({
      enabled,
      rise: fraction(0.25),
      window: count(10),
      minDays: count(5),
      quietDayRatio: z.number().min(0).finite().default(1)
    }),
    'minDays'
  ).prefault({}),
  conversationContext: z
    .looseObject({ enabled, ratio: factor(3), minPeers: count(5), recentDays: count(7) })
    .prefault({}),
  toolErrors: withinWindow(
    z.looseObject({
      enabled,
      ratio: factor(3),
      rise: fraction(0.1),
      window: count(10),
      minDays: count(3),
      minCalls: count(10),
      minErrors: count(3)
    }),
    'minDays'
  ).prefault({}),
  partialTurns: withinWindow(
    z.looseObject({
      enabled,
      ratio: factor(3),
      rise: fraction(0.1),
      window: count(10),
      minDays: count(3),
      minTurns: count(5),
      minPartialTurns: count(2)
    }),
    'minDays'
  ).prefault({})
})

export type WarningSettings = z.infer<typeof warningSettingsSchema>

export const DEFAULT_WARNING_SETTINGS: WarningSettings = warningSettingsSchema.parse({})

/** The rollups the rules read. */
export interface WarningInput {
  routines: readonly RoutineRollup[]
  days: readonly DayRollup[]
  conversations: readonly ConversationRollup[]
}

/**
 * Computes every warning, ordered by kind (as in `WARNING_KINDS`) and then by
 * subject, so the same rollups always give the same list.
 */
export function computeWarnings(
  input: WarningInput,
  settings: WarningSettings = DEFAULT_WARNING_SETTINGS
): Warning[] {
  const warnings = [
    ...routineWarnings(input, settings),
    ...providerWarnings(input.days, settings),
    ...conversationWarnings(input.conversations, settings.conversationContext),
    ...toolErrorWarnings(input.days, settings.toolErrors),
    ...partialTurnWarnings(input.days, settings.partialTurns)
  ]
  const rank = (kind: WarningKind): number => WARNING_KINDS.indexOf(kind)
  return warnings.sort(
    (a, b) => rank(a.kind) - rank(b.kind) || compareText(a.subject, b.subject)
  )
}
