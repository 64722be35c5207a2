import { describe, expect, it } from 'vitest'

import {
  RULES,
  draftErrors,
  draftOf,
  fieldError,
  thresholdsOf
} from '../../../renderer/src/lib/thresholds'
import { DEFAULT_WARNING_SETTINGS, warningSettingsSchema } from '../../../shared/warnings'

describe('threshold rules', () => {
  it('cover every rule of the schema', () => {
    expect(RULES.map((spec) => spec.rule).sort()).toEqual(
      Object.keys(DEFAULT_WARNING_SETTINGS).sort()
    )
  })

  it('cover every field of each rule', () => {
    for (const spec of RULES) {
      const fields = Object.keys(DEFAULT_WARNING_SETTINGS[spec.rule])
        .filter((key) => key !== 'enabled')
        .sort()
      expect(spec.fields.map((field) => field.key).sort(), spec.rule).toEqual(fields)
    }
  })

  it('name a minimum only where the schema has a window', () => {
    for (const spec of RULES) {
      const keys = Object.keys(DEFAULT_WARNING_SETTINGS[spec.rule])
      expect(spec.minimum === undefined, spec.rule).toBe(!keys.includes('window'))
    }
  })
})

/** Returns the saved thresholds of a result, failing the test when it is an error. */
function settingsOf(result: ReturnType<typeof thresholdsOf>) {
  if (!result.ok) throw new Error(`thresholds rejected: ${result.message}`)
  return result.settings
}

describe('threshold drafts', () => {
  it('give the defaults back unchanged', () => {
    const result = thresholdsOf(
      draftOf(DEFAULT_WARNING_SETTINGS),
      DEFAULT_WARNING_SETTINGS
    )
    expect(result).toEqual({ ok: true, settings: DEFAULT_WARNING_SETTINGS })
  })

  it('show fractions without binary noise', () => {
    const settings = warningSettingsSchema.parse({ toolErrors: { rise: 0.07 } })
    const draft = draftOf(settings)
    expect(draft.toolErrors.values.rise).toBe('7')
    expect(settingsOf(thresholdsOf(draft, settings)).toolErrors.rise).toBe(0.07)
  })

  it('keep keys the screen does not edit', () => {
    const saved = warningSettingsSchema.parse({
      routineRuns: { note: 'from the operator' },
      later: { enabled: true }
    })
    const result = settingsOf(thresholdsOf(draftOf(saved), saved))
    expect(result.routineRuns).toMatchObject({ note: 'from the operator' })
    expect(result.later).toEqual({ enabled: true })
  })

  it('find no errors in the defaults', () => {
    expect(draftErrors(draftOf(DEFAULT_WARNING_SETTINGS))).toEqual({})
  })

  it('name each wrong field', () => {
    const draft = draftOf(DEFAULT_WARNING_SETTINGS)
    draft.routineRuns.values.ratio = '1'
    draft.providerVolume.values.minShare = '0'
    draft.providerShare.values.quietDayRatio = '-1'
    draft.toolErrors.values.minDays = '11'
    expect(draftErrors(draft)).toEqual({
      'routineRuns.ratio': 'Must be above 1.',
      'providerVolume.minShare': 'Must be above 0 and at most 100.',
      'providerShare.quietDayRatio': 'Must be 0 or more.',
      'toolErrors.minDays': 'Must not exceed the window (10).'
    })
  })
})

describe('fieldError', () => {
  const cases: Array<[Parameters<typeof fieldError>[0], string, string | null]> = [
    ['ratio', '1.01', null],
    ['ratio', '1', 'Must be above 1.'],
    ['count', '1', null],
    ['count', '0', 'Must be a whole number, 1 or more.'],
    ['count', '2.5', 'Must be a whole number, 1 or more.'],
    ['percent', '100', null],
    ['percent', '100.5', 'Must be above 0 and at most 100.'],
    ['factor', '0', null],
    ['factor', '', 'Enter a number.'],
    ['ratio', 'Infinity', 'Enter a number.'],
    ['count', ' 3 ', null]
  ]
  for (const [kind, text, expected] of cases) {
    it(`${kind} "${text}"`, () => {
      expect(fieldError(kind, text)).toBe(expected)
    })
  }
})

describe('fieldError on odd number forms', () => {
  it.each(['0x10', '1e3', 'Infinity', '3,5', ''])('rejects %j', (text) => {
    expect(fieldError('ratio', text)).toBe('Enter a number.')
  })

  it('accepts plain decimals with spaces around', () => {
    expect(fieldError('ratio', ' 4 ')).toBeNull()
    expect(fieldError('ratio', '3.5')).toBeNull()
  })
})
