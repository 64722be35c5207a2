// The warning thresholds as the Settings screen edits them: every rule's
// fields, a draft of strings the inputs hold, and the checks a draft passes
// before it is saved.
import { describeIssues } from '../../../shared/validation'
import { warningSettingsSchema } from '../../../shared/warnings'
import type { WarningSettings } from '../../../shared/warnings'

/** The rules of `WarningSettings`, whose loose schema also lets any other key in. */
export type RuleKey =
  | 'routineRuns'
  | 'routineDays'
  | 'providerVolume'
  | 'providerShare'
  | 'conversationContext'
  | 'toolErrors'
  | 'partialTurns'

/**
 * Input kind of a field: `ratio` above 1, `count` a whole number from 1,
 * `percent` a fraction of the settings shown as 0 to 100, `factor` 0 or more.
 */
export type FieldKind = 'ratio' | 'count' | 'percent' | 'factor'

export interface RuleField {
  key: string
  label: string
  kind: FieldKind
  help: string
}

export interface RuleSpec {
  rule: RuleKey
  title: string
  description: string
  fields: RuleField[]
  /** The field that must not exceed `window`, when the rule has a window. */
  minimum?: string
}

const window = (what: string): RuleField => ({
  key: 'window',
  label: 'Window',
  kind: 'count',
  help: `${what} before the latest that make up the baseline`
})
const minimum = (key: string, what: string): RuleField => ({
  key,
  label: 'Minimum history',
  kind: 'count',
  help: `${what} needed before the rule reports anything; at most the window`
})
const ratio = (help: string): RuleField => ({
  key: 'ratio',
  label: 'Ratio',
  kind: 'ratio',
  help
})
const rise = (help: string): RuleField => ({
  key: 'rise',
  label: 'Rise (percentage points)',
  kind: 'percent',
  help
})
const quietDays: RuleField = {
  key: 'quietDayRatio',
  label: 'Quiet day ratio',
  kind: 'factor',
  help: 'skip a latest day whose tokens are below this times the median day; 0 judges every day'
}

/** Every rule of `warningSettingsSchema`, in the order the engine reports them. */
export const RULES: RuleSpec[] = [
  {
    rule: 'routineRuns',
    title: 'Routine run jump',
    description: 'The latest run of a routine used far more tokens than its recent runs.',
    fields: [
      ratio('times the median of the earlier runs'),
      window('runs'),
      minimum('minRuns', 'earlier runs')
    ],
    minimum: 'minRuns'
  },
  {
    rule: 'routineDays',
    title: 'Routine day jump',
    description:
      'A routine used far more tokens on its latest day than on its recent days.',
    fields: [
      ratio('times the median of the earlier days on which it ran'),
      window('days on which the routine ran'),
      minimum('minDays', 'earlier days')
    ],
    minimum: 'minDays'
  },
  {
    rule: 'providerVolume',
    title: 'Provider volume jump',
    description: 'A provider carried far more tokens than on its busiest recent day.',
    fields: [
      ratio('times its busiest earlier day'),
      window('days with usage'),
      minimum('minDays', 'earlier days'),
      {
        key: 'minShare',
        label: 'Minimum share (%)',
        kind: 'percent',
        help: "a provider with less of the latest day's tokens is never reported"
      },
      quietDays
    ],
    minimum: 'minDays'
  },
  {
    rule: 'providerShare',
    title: 'Provider share jump',
    description: "A provider's share of the latest day rose far above its recent range.",
    fields: [
      rise('above its highest share on the earlier days'),
      window('days with usage'),
      minimum('minDays', 'earlier days'),
      quietDays
    ],
    minimum: 'minDays'
  },
  {
    rule: 'conversationContext',
    title: 'Large conversation context',
    description: "A conversation's largest prompt is far above those of its peers.",
    fields: [
      ratio('times the median of the conversations that share an agent with it'),
      {
        key: 'minPeers',
        label: 'Minimum peers',
        kind: 'count',
        help: 'conversations sharing an agent needed for a median'
      },
      {
        key: 'recentDays',
        label: 'Recent days',
        kind: 'count',
        help: 'only conversations this close to the newest one are judged'
      }
    ]
  },
  {
    rule: 'toolErrors',
    title: 'Tool error rise',
    description: 'The share of failed tool calls of an agent or provider rose.',
    fields: [
      ratio('times the earlier rate'),
      rise('above the earlier rate'),
      window('days with usage'),
      minimum('minDays', 'earlier days'),
      {
        key: 'minCalls',
        label: 'Minimum tool calls',
        kind: 'count',
        help: 'needed on the latest day and over the earlier days'
      },
      {
        key: 'minErrors',
        label: 'Minimum errors',
        kind: 'count',
        help: 'failed tool calls needed on the latest day'
      }
    ],
    minimum: 'minDays'
  },
  {
    rule: 'partialTurns',
    title: 'Partial turn rise',
    description: 'The share of turns with partial token counts rose.',
    fields: [
      ratio('times the earlier rate'),
      rise('above the earlier rate'),
      window('days with usage'),
      minimum('minDays', 'earlier days'),
      {
        key: 'minTurns',
        label: 'Minimum turns',
        kind: 'count',
        help: 'needed on the latest day and over the earlier days'
      },
      {
        key: 'minPartialTurns',
        label: 'Minimum partial turns',
        kind: 'count',
        help: 'turns with partial counts needed on the latest day'
      }
    ],
    minimum: 'minDays'
  }
]

/** A rule as its inputs hold it: numbers as typed, percentages from 0 to 100. */
export interface RuleDraft {
  enabled: boolean
  values: Record<string, string>
}

export type ThresholdsDraft = Record<RuleKey, RuleDraft>

function ruleValues(settings: WarningSettings, rule: RuleKey): Record<string, unknown> {
  return settings[rule] as Record<string, unknown>
}

/** Shows a fraction as a percentage without binary noise: 0.07 as "7", not "7.000000000000001". */
function percentText(fraction: number): string {
  return String(Number((fraction * 100).toPrecision(12)))
}

export function draftOf(settings: WarningSettings): ThresholdsDraft {
  const draft = {} as ThresholdsDraft
  for (const spec of RULES) {
    const saved = ruleValues(settings, spec.rule)
    const values: Record<string, string> = {}
    for (const field of spec.fields) {
      const value = Number(saved[field.key])
      values[field.key] = field.kind === 'percent' ? percentText(value) : String(value)
    }
    draft[spec.rule] = { enabled: saved.enabled !== false, values }
  }
  return draft
}

const DECIMAL = /^-?\d+(\.\d+)?$/

/** Returns what is wrong with one typed value, or null when it is valid. */
export function fieldError(kind: FieldKind, text: string): string | null {
  // Plain decimals only: Number() would also take hexadecimal and exponents.
  if (!DECIMAL.test(text.trim())) return 'Enter a number.'
  const value = Number(text.trim())
  if (!Number.isFinite(value)) return 'Enter a number.'
  switch (kind) {
    case 'ratio':
      return value > 1 ? null : 'Must be above 1.'
    case 'count':
      return Number.isInteger(value) && value >= 1
        ? null
        : 'Must be a whole number, 1 or more.'
    case 'percent':
      return value > 0 && value <= 100 ? null : 'Must be above 0 and at most 100.'
    case 'factor':
      return value >= 0 ? null : 'Must be 0 or more.'
  }
}

/** Field errors of a draft, keyed `rule.field`; empty when it may be saved. */
export function draftErrors(draft: ThresholdsDraft): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const spec of RULES) {
    const { values } = draft[spec.rule]
    for (const field of spec.fields) {
      const error = fieldError(field.kind, values[field.key] ?? '')
      if (error) errors[`${spec.rule}.${field.key}`] = error
    }
    const key = `${spec.rule}.${spec.minimum}`
    if (spec.minimum && !errors[key] && !errors[`${spec.rule}.window`]) {
      const least = Number(values[spec.minimum])
      const windowSize = Number(values.window)
      if (least > windowSize) errors[key] = `Must not exceed the window (${windowSize}).`
    }
  }
  return errors
}

/**
 * Turns a draft without field errors into thresholds, keeping fields of the
 * saved settings that the screen does not edit, and checks the result against
 * the settings schema as the service does.
 */
export function thresholdsOf(
  draft: ThresholdsDraft,
  saved: WarningSettings
): { ok: true; settings: WarningSettings } | { ok: false; message: string } {
  const next: Record<string, unknown> = { ...saved }
  for (const spec of RULES) {
    const rule: Record<string, unknown> = {
      ...ruleValues(saved, spec.rule),
      enabled: draft[spec.rule].enabled
    }
    for (const field of spec.fields) {
      const value = Number(draft[spec.rule].values[field.key])
      rule[field.key] = field.kind === 'percent' ? value / 100 : value
    }
    next[spec.rule] = rule
  }
  const parsed = warningSettingsSchema.safeParse(next)
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) }
  return { ok: true, settings: parsed.data }
}
