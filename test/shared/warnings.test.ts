import { describe, expect, it } from 'vitest'

import { asConversationId } from '../../shared/ledger'
import type { LedgerRecord } from '../../shared/ledger'
import { computeRollups } from '../../shared/rollups'
import {
  DEFAULT_WARNING_SETTINGS,
  computeWarnings,
  warningSettingsSchema
} from '../../shared/warnings'
import type { Warning, WarningKind, WarningSettings } from '../../shared/warnings'

// Rollups here come from the real rollup code, fed with records made below.
// Every expected figure is worked out by hand beside the check.

interface Spec {
  conversation: string
  /** Day of November 2026. */
  day: number
  hour?: number
  turn?: number
  agent?: string
  provider?: string
  /** Input plus output tokens; all of it is input, to keep sums simple. */
  tokens?: number
  context?: number
  toolCalls?: number
  toolErrors?: number
  partial?: boolean
  routine?: string
  run?: string
}

function record(spec: Spec): LedgerRecord {
  const date = `2026-11-${String(spec.day).padStart(2, '0')}`
  const hour = String(spec.hour ?? 12).padStart(2, '0')
  return {
    conversation: asConversationId(spec.conversation),
    turn: spec.turn ?? 1,
    agent: spec.agent ?? 'planner',
    provider: spec.provider ?? 'anthropic',
    model: null,
    startedAt: `${date}T${hour}:00:00.000Z`,
    finishedAt: `${date}T${hour}:01:00.000Z`,
    inputTokens: spec.tokens ?? 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    outputTokens: 0,
    contextTokens: spec.context ?? 0,
    wallMs: 60_000,
    toolCalls: spec.toolCalls ?? 0,
    toolErrors: spec.toolErrors ?? 0,
    tokens: spec.partial ? 'partial' : 'full',
    routine: spec.routine ?? null,
    run: spec.run ?? null
  }
}

function warningsOf(records: LedgerRecord[], settings?: WarningSettings): Warning[] {
  return computeWarnings(computeRollups(records, 'UTC'), settings)
}

/**
 * Warnings of the given kinds only, for cases whose data trips other rules on
 * purpose: a routine's jump is also its provider's busiest day.
 */
function warningsOfKinds(
  kinds: readonly WarningKind[],
  records: LedgerRecord[],
  settings?: WarningSettings
): Warning[] {
  return warningsOf(records, settings).filter((warning) => kinds.includes(warning.kind))
}

/** Makes one run a day of `routine`, from `firstDay`, with the tokens given. */
function runs(routine: string, tokens: number[], firstDay = 1): LedgerRecord[] {
  return tokens.map((value, index) =>
    record({
      conversation: `${routine}-${index + 1}`,
      day: firstDay + index,
      tokens: value,
      routine,
      run: `${routine}-run-${index + 1}`
    })
  )
}

function settings(overrides: Record<string, unknown>): WarningSettings {
  return warningSettingsSchema.parse(overrides)
}

describe('routine run jump', () => {
  const routineWarnings = (records: LedgerRecord[], settings?: WarningSettings) =>
    warningsOfKinds(['routine-run-jump', 'routine-day-jump'], records, settings)
  it('fires at three times the median of earlier runs', () => {
    // Median of 1,000 1,100 1,200 1,300 1,400 is 1,200; 3 * 1,200 = 3,600.
    const warnings = routineWarnings(runs('triage', [1000, 1100, 1200, 1300, 1400, 3600]))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      kind: 'routine-run-jump',
      subject: 'triage',
      unit: 'tokens',
      value: 3600,
      baseline: 1200,
      ratio: 3,
      window: 'median of the 5 runs before it',
      run: 'triage-run-6',
      day: null,
      link: { screen: 'automations', routine: 'triage' }
    })
    expect(warnings[0]?.message).toContain('3,600 tokens')
    expect(warnings[0]?.message).toContain('3.00 times')
    expect(warnings[0]?.message).toContain('(1,200 tokens)')
  })

  it('stays quiet just below three times', () => {
    expect(routineWarnings(runs('triage', [1000, 1100, 1200, 1300, 1400, 3599]))).toEqual(
      []
    )
  })

  it('leaves the latest run out of the baseline', () => {
    // Earlier runs: median of 1,000 1,000 1,000 3,000 3,000 is 1,000, so 3,000
    // is 3 times. With the latest run in, the median would be 2,000.
    const warnings = routineWarnings(runs('triage', [1000, 3000, 1000, 3000, 1000, 3000]))
    expect(warnings[0]).toMatchObject({ value: 3000, baseline: 1000, ratio: 3 })
  })

  it('uses only the 10 runs before the latest', () => {
    // Five big runs, then ten of 1,000: the window holds only the ten.
    const tokens = [...Array(5).fill(9000), ...Array(10).fill(1000), 3000]
    const warnings = routineWarnings(runs('triage', tokens))
    expect(warnings[0]).toMatchObject({
      baseline: 1000,
      window: 'median of the 10 runs before it'
    })
  })

  it('waits for five earlier runs of a new routine', () => {
    // Four earlier runs are below the minimum, however large the jump.
    expect(routineWarnings(runs('fresh', [1000, 1000, 1000, 1000, 50_000]))).toEqual([])
  })

  it('ignores a baseline of zero tokens', () => {
    // Runs whose records carry no usage give nothing to compare with.
    expect(routineWarnings(runs('silent', [0, 0, 0, 0, 0, 5000]))).toEqual([])
  })

  it('follows the settings and can be turned off', () => {
    const tokens = [1000, 1000, 1000, 1000, 1000, 2500]
    // 2,500 / 1,000 = 2.5: below the default 3, above a ratio of 2.
    expect(routineWarnings(runs('triage', tokens))).toEqual([])
    const lower = settings({ routineRuns: { ratio: 2 } })
    expect(routineWarnings(runs('triage', tokens), lower)[0]?.ratio).toBe(2.5)
    const off = settings({ routineRuns: { ratio: 2, enabled: false } })
    expect(routineWarnings(runs('triage', tokens), off)).toEqual([])
  })
})

describe('routine day jump', () => {
  const routineWarnings = (records: LedgerRecord[], settings?: WarningSettings) =>
    warningsOfKinds(['routine-run-jump', 'routine-day-jump'], records, settings)
  /** Makes `perDay[i]` runs of 1,000 tokens on day i + 1, each in its own conversation. */
  function manyRuns(perDay: number[]): LedgerRecord[] {
    return perDay.flatMap((count, index) =>
      Array.from({ length: count }, (_, run) =>
        record({
          conversation: `sync-${index + 1}-${run}`,
          day: index + 1,
          hour: run,
          tokens: 1000,
          routine: 'sync',
          run: `sync-${index + 1}-${run}`
        })
      )
    )
  }

  it('fires at three times the usual day', () => {
    // Earlier days: 2 runs, 2,000 tokens each day; the latest: 6 runs, 6,000.
    // Every run uses 1,000, so the run rule stays quiet.
    const warnings = routineWarnings(manyRuns([2, 2, 2, 2, 2, 6]))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      kind: 'routine-day-jump',
      subject: 'sync',
      value: 6000,
      baseline: 2000,
      ratio: 3,
      day: '2026-11-06',
      run: null,
      window: 'median of the 5 days before it on which it ran'
    })
  })

  it('skips days the routine did not run', () => {
    // Every other day, with other work between: runs of 2,000 on days 1 to 9,
    // then 3,000 on day 11, 1.5 times the median. Were the days between 0 for
    // the routine, the median of days 1 to 10 would be 1,000 and 3,000 three times it.
    const records = [1, 3, 5, 7, 9, 11].map((day) =>
      record({
        conversation: `sync-${day}`,
        day,
        tokens: day === 11 ? 3000 : 2000,
        routine: 'sync',
        run: `sync-${day}`
      })
    )
    for (const day of [2, 4, 6, 8, 10]) {
      records.push(record({ conversation: `chat-${day}`, day, tokens: 2000 }))
    }
    expect(routineWarnings(records)).toEqual([])
    // The same routine with the threshold at 1.5 shows the baseline used.
    const lower = settings({
      routineDays: { ratio: 1.5 },
      routineRuns: { enabled: false }
    })
    expect(routineWarnings(records, lower)[0]).toMatchObject({
      kind: 'routine-day-jump',
      baseline: 2000,
      window: 'median of the 5 days before it on which it ran'
    })
  })

  it('says a jump of the latest run once', () => {
    // One run a day: the run rule and the day rule see the same 3,000.
    const warnings = routineWarnings(runs('triage', [1000, 1000, 1000, 1000, 1000, 3000]))
    expect(warnings.map((warning) => warning.kind)).toEqual(['routine-run-jump'])
  })

  it('waits for five earlier days', () => {
    expect(routineWarnings(manyRuns([2, 2, 2, 2, 8]))).toEqual([])
  })
})

/** Makes one record per provider and day: `days[i]` maps providers to tokens on day i + 1. */
function providerDays(days: Array<Record<string, number>>): LedgerRecord[] {
  return days.flatMap((providers, index) =>
    Object.entries(providers).map(([provider, tokens]) =>
      record({
        conversation: `${provider}-${index + 1}`,
        day: index + 1,
        provider,
        tokens
      })
    )
  )
}

const steady = (providers: Record<string, number>, count = 5) =>
  Array.from({ length: count }, () => ({ ...providers }))

describe('provider volume jump', () => {
  it('fires for a single provider at twice its busiest day', () => {
    // Busiest earlier day 10,000; 25,000 / 10,000 = 2.5. Its share stays 100%.
    const warnings = warningsOf(
      providerDays([...steady({ anthropic: 10_000 }), { anthropic: 25_000 }])
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      kind: 'provider-volume-jump',
      subject: 'anthropic',
      value: 25_000,
      baseline: 10_000,
      ratio: 2.5,
      day: '2026-11-06',
      window: 'highest of the 5 days with usage before it',
      link: { screen: 'providers', provider: 'anthropic' }
    })
  })

  it('stays within its recent range', () => {
    // Earlier days 5,000 to 12,000: 20,000 is below twice the busiest.
    const days = [
      { anthropic: 5000 },
      { anthropic: 12_000 },
      { anthropic: 6000 },
      { anthropic: 7000 },
      { anthropic: 5000 },
      { anthropic: 20_000 }
    ]
    expect(warningsOf(providerDays(days))).toEqual([])
  })

  it('skips a quiet day', () => {
    // Earlier days 11,000 in all. The latest holds only local's 5,000: five
    // times its 1,000 and all of the day, but the day is below the median 11,000.
    const days = [...steady({ anthropic: 10_000, local: 1000 }), { local: 5000 }]
    expect(warningsOf(providerDays(days))).toEqual([])
  })

  it('judges a quiet day when the settings allow it', () => {
    const days = [...steady({ anthropic: 10_000, local: 1000 }), { local: 5000 }]
    const loose = settings({ providerVolume: { quietDayRatio: 0 } })
    expect(warningsOf(providerDays(days), loose)[0]).toMatchObject({
      kind: 'provider-volume-jump',
      subject: 'local',
      ratio: 5
    })
  })

  it('reports a new provider with no ratio', () => {
    // 18,000 that day, over the median 10,000; openai has 8,000, 44% of it.
    const days = [...steady({ anthropic: 10_000 }), { anthropic: 10_000, openai: 8000 }]
    const warnings = warningsOf(providerDays(days))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      kind: 'provider-volume-jump',
      subject: 'openai',
      value: 8000,
      baseline: 0,
      ratio: null
    })
    expect(warnings[0]?.message).toContain('after none on the 5 days')
  })

  it('ignores a new provider with a small share', () => {
    // openai: 500 of 10,500 is 4.8%, below the 10% minimum share.
    const days = [...steady({ anthropic: 10_000 }), { anthropic: 10_000, openai: 500 }]
    expect(warningsOf(providerDays(days))).toEqual([])
  })

  it('waits for five earlier days', () => {
    const days = [...steady({ anthropic: 10_000 }, 4), { anthropic: 90_000 }]
    expect(warningsOf(providerDays(days))).toEqual([])
  })

  it('skips gaps between days', () => {
    // Usage on days 1, 2, 9, 10, 20 and 30 only: no empty day enters the window.
    const records = [1, 2, 9, 10, 20, 30].map((day) =>
      record({ conversation: `c-${day}`, day, tokens: 10_000 })
    )
    expect(warningsOf(records)).toEqual([])
  })
})

describe('provider share jump', () => {
  it('fires when a share rises 25 points above its range', () => {
    // anthropic: 60% on every earlier day, 90% on the latest (9,000 of 10,000).
    // Its volume grows 1.5 times, below the volume rule's 2.
    const days = [
      ...steady({ anthropic: 6000, local: 4000 }),
      { anthropic: 9000, local: 1000 }
    ]
    const warnings = warningsOf(providerDays(days))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      kind: 'provider-share-jump',
      subject: 'anthropic',
      unit: 'fraction',
      value: 0.9,
      baseline: 0.6,
      ratio: 1.5,
      day: '2026-11-06'
    })
    expect(warnings[0]?.message).toContain('90% of the tokens')
    expect(warnings[0]?.message).toContain('at most 60%')
  })

  it('stays quiet for a rise of 20 points', () => {
    const days = [
      ...steady({ anthropic: 6000, local: 4000 }),
      { anthropic: 8000, local: 2000 }
    ]
    expect(warningsOf(providerDays(days))).toEqual([])
  })

  it('never fires for a single provider', () => {
    const days = [...steady({ local: 1000 }), { local: 1500 }]
    expect(warningsOf(providerDays(days))).toEqual([])
  })

  it('skips a day quieter than the median', () => {
    // anthropic pauses: local's share goes from 40% to 100% on a 4,000-token day.
    const days = [...steady({ anthropic: 6000, local: 4000 }), { local: 4000 }]
    expect(warningsOf(providerDays(days))).toEqual([])
  })
})

describe('conversation context', () => {
  const contextWarnings = (records: LedgerRecord[], settings?: WarningSettings) =>
    warningsOfKinds(['conversation-context'], records, settings)
  /** Conversations of `agent`, one a day from day 1, with the contexts given. */
  function contexts(agent: string, values: number[], firstDay = 1): LedgerRecord[] {
    return values.map((context, index) =>
      record({
        conversation: `${agent}-${firstDay + index}`,
        day: firstDay + index,
        agent,
        tokens: context,
        context
      })
    )
  }

  it('fires at three times the median of its peers', () => {
    const warnings = contextWarnings(
      contexts('coder', [10_000, 10_000, 10_000, 10_000, 10_000, 30_000])
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      kind: 'conversation-context',
      subject: 'coder-6',
      value: 30_000,
      baseline: 10_000,
      ratio: 3,
      day: null,
      window: 'median of the 5 other conversations with agent coder',
      link: { screen: 'conversations', conversation: 'coder-6' }
    })
  })

  it('compares only conversations that share an agent', () => {
    // Against every conversation the median would be 1,000 (ten digests) and
    // 34,000 would be 34 times it. Against the planner's five: 34,000 / 12,000
    // = 2.83, below 3.
    const records = [
      ...contexts('digest', Array(10).fill(1000)),
      ...contexts('planner', [12_000, 12_000, 12_000, 12_000, 12_000, 34_000], 11)
    ]
    expect(contextWarnings(records)).toEqual([])
  })

  it('waits for five peers', () => {
    expect(contextWarnings(contexts('coder', [1000, 1000, 1000, 1000, 50_000]))).toEqual(
      []
    )
  })

  it('judges only conversations of the latest seven days', () => {
    // The outlier finished on day 6; the newest conversation on day 14.
    const records = [
      ...contexts('coder', [10_000, 10_000, 10_000, 10_000, 10_000, 40_000]),
      ...contexts('coder', [10_000], 14)
    ]
    expect(contextWarnings(records)).toEqual([])
    const longer = settings({ conversationContext: { recentDays: 9 } })
    expect(contextWarnings(records, longer)[0]?.subject).toBe('coder-6')
  })

  it('leaves out conversations without a context', () => {
    // With the five zeros in, the median would be 5,000 and 25,000 five times it.
    const records = [
      ...contexts('coder', [0, 0, 0, 0, 0]),
      ...contexts('coder', [10_000, 10_000, 10_000, 10_000, 10_000, 25_000], 6)
    ]
    expect(contextWarnings(records)).toEqual([])
  })
})

describe('tool error rise', () => {
  /** Makes one record on day i + 1 with `[calls, errors]`, for agent coder on openai. */
  function toolDays(days: Array<[number, number]>): LedgerRecord[] {
    return days.map(([toolCalls, toolErrors], index) =>
      record({
        conversation: `coder-${index + 1}`,
        day: index + 1,
        agent: 'coder',
        provider: 'openai',
        tokens: 1000,
        toolCalls,
        toolErrors
      })
    )
  }

  it('fires for an agent, once for its provider too', () => {
    // Before: 3 of 60 calls failed (5%). Latest: 6 of 20 (30%): 25 points up, 6 times.
    const warnings = warningsOf(
      toolDays([
        [20, 1],
        [20, 1],
        [20, 1],
        [20, 6]
      ])
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      kind: 'tool-error-rise',
      subject: 'coder',
      unit: 'fraction',
      value: 0.3,
      baseline: 0.05,
      ratio: 6,
      day: '2026-11-04',
      window: 'rate over the 3 days with usage before it',
      link: { screen: 'agents', agent: 'coder' }
    })
    expect(warnings[0]?.message).toContain('6 of 20 tool calls failed (30%)')
    expect(warnings[0]?.message).toContain('5.0% (3 of 60 tool calls failed)')
  })

  it('reports the provider when its figures differ', () => {
    // A second agent on openai, without errors, makes the provider's figures
    // differ: latest 6 of 40 (15%) against 3 of 120 (2.5%).
    const records = [
      ...toolDays([
        [20, 1],
        [20, 1],
        [20, 1],
        [20, 6]
      ]),
      ...[1, 2, 3, 4].map((day) =>
        record({
          conversation: `reviewer-${day}`,
          day,
          agent: 'reviewer',
          provider: 'openai',
          tokens: 1000,
          toolCalls: 20
        })
      )
    ]
    const warnings = warningsOf(records)
    expect(warnings.map((warning) => warning.subject)).toEqual(['coder', 'openai'])
    expect(warnings[1]).toMatchObject({ value: 0.15, baseline: 0.025, ratio: 6 })
  })

  it('fires after a run without errors', () => {
    // 0 of 60 before; 3 of 20 (15%) now: no ratio, 15 points up.
    const warnings = warningsOf(
      toolDays([
        [20, 0],
        [20, 0],
        [20, 0],
        [20, 3]
      ])
    )
    expect(warnings[0]).toMatchObject({ value: 0.15, baseline: 0, ratio: null })
  })

  it('needs ten calls and three errors on the day', () => {
    const fewCalls = toolDays([
      [20, 0],
      [20, 0],
      [20, 0],
      [5, 3]
    ])
    expect(warningsOf(fewCalls)).toEqual([])
    const fewErrors = toolDays([
      [20, 0],
      [20, 0],
      [20, 0],
      [10, 2]
    ])
    expect(warningsOf(fewErrors)).toEqual([])
  })

  it('stays quiet below three times the earlier rate', () => {
    // 12 of 60 (20%) before, 7 of 20 (35%) now: 15 points but only 1.75 times.
    const records = toolDays([
      [20, 4],
      [20, 4],
      [20, 4],
      [20, 7]
    ])
    expect(warningsOf(records)).toEqual([])
  })

  it('needs three earlier days of a new agent', () => {
    const records = toolDays([
      [30, 0],
      [30, 0],
      [20, 10]
    ])
    expect(warningsOf(records)).toEqual([])
  })
})

describe('partial rise', () => {
  /** Ten turns of agent coder on each day; `partial[i]` of them cut off on day i + 1. */
  function turnDays(partial: number[]): LedgerRecord[] {
    return partial.flatMap((count, index) =>
      Array.from({ length: 10 }, (_, turn) =>
        record({
          conversation: `coder-${index + 1}`,
          day: index + 1,
          turn: turn + 1,
          agent: 'coder',
          provider: 'openai',
          tokens: 1000,
          partial: turn < count
        })
      )
    )
  }

  it('fires when partial turns rise', () => {
    // 0 of 30 before, 3 of 10 now.
    const warnings = warningsOf(turnDays([0, 0, 0, 3]))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      kind: 'partial-rise',
      subject: 'coder',
      value: 0.3,
      baseline: 0,
      ratio: null
    })
    expect(warnings[0]?.message).toContain('3 of 10 turns had partial token counts')
  })

  it('ignores a single partial turn', () => {
    expect(warningsOf(turnDays([0, 0, 0, 1]))).toEqual([])
  })

  it('stays quiet when partial turns were as common before', () => {
    // 9 of 30 (30%) before, 4 of 10 (40%) now: 10 points but 1.33 times.
    expect(warningsOf(turnDays([3, 3, 3, 4]))).toEqual([])
  })
})

describe('computeWarnings', () => {
  it('orders warnings by kind, then subject', () => {
    const records = [
      ...runs('zeta', [1000, 1000, 1000, 1000, 1000, 4000]),
      ...runs('alpha', [1000, 1000, 1000, 1000, 1000, 5000]),
      record({ conversation: 'late', day: 6, provider: 'openai', tokens: 20_000 })
    ]
    const warnings = warningsOf(records)
    // Day 6 also takes anthropic from 2,000 to 9,000 and brings in openai.
    expect(warnings.map((warning) => [warning.kind, warning.subject])).toEqual([
      ['routine-run-jump', 'alpha'],
      ['routine-run-jump', 'zeta'],
      ['provider-volume-jump', 'anthropic'],
      ['provider-volume-jump', 'openai']
    ])
  })

  it('returns nothing for empty rollups', () => {
    expect(warningsOf([])).toEqual([])
  })
})

describe('warning settings', () => {
  it('fill every threshold with its default', () => {
    expect(warningSettingsSchema.parse({})).toEqual(DEFAULT_WARNING_SETTINGS)
    expect(DEFAULT_WARNING_SETTINGS.routineRuns).toEqual({
      enabled: true,
      ratio: 3,
      window: 10,
      minRuns: 5
    })
  })

  it('keep the defaults beside an override', () => {
    const parsed = warningSettingsSchema.parse({ routineRuns: { ratio: 4 } })
    expect(parsed.routineRuns).toEqual({
      enabled: true,
      ratio: 4,
      window: 10,
      minRuns: 5
    })
    expect(parsed.toolErrors).toEqual(DEFAULT_WARNING_SETTINGS.toolErrors)
  })

  it('reject thresholds that cannot work', () => {
    const cases = [
      { routineRuns: { ratio: 1 } },
      { routineRuns: { minRuns: 11 } },
      { providerShare: { rise: 1.5 } },
      { conversationContext: { minPeers: 0 } },
      { toolErrors: { window: 2.5 } }
    ]
    for (const value of cases) {
      expect(warningSettingsSchema.safeParse(value).success, JSON.stringify(value)).toBe(
        false
      )
    }
  })
})
