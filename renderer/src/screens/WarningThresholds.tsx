import { useEffect, useMemo, useState } from 'react'
import type { FormEvent } from 'react'
import { useStore } from 'zustand'

import { DEFAULT_WARNING_SETTINGS } from '../../../shared/warnings'
import type { WarningSettings } from '../../../shared/warnings'
import { RULES, draftErrors, draftOf, thresholdsOf } from '../lib/thresholds'
import type { RuleDraft, RuleSpec, ThresholdsDraft } from '../lib/thresholds'
import { SettingsFormEnd } from '../components/SettingsFormEnd'
import { useStores } from '../state/context'

/** Edits the thresholds of the early warnings, one collapsible section per rule. */
export function WarningThresholds() {
  const { settings } = useStores()
  const saved = useStore(settings, (state) => state.settings?.warnings ?? null)
  const saving = useStore(settings, (state) => state.saving)
  const [draft, setDraft] = useState<ThresholdsDraft | null>(saved && draftOf(saved))
  const [serverError, setServerError] = useState<string | null>(null)
  // Saving another setting returns new objects; only new thresholds replace the draft.
  const savedKey = JSON.stringify(saved)
  useEffect(() => {
    const thresholds = JSON.parse(savedKey) as WarningSettings | null
    if (thresholds) setDraft(draftOf(thresholds))
  }, [savedKey])

  const errors = useMemo(() => (draft ? draftErrors(draft) : {}), [draft])
  if (!saved || !draft) return null

  const savedDraft = draftOf(saved)
  const changed = JSON.stringify(draft) !== JSON.stringify(savedDraft)
  const valid = Object.keys(errors).length === 0
  const result = valid ? thresholdsOf(draft, saved) : null
  const schemaError = result && !result.ok ? result.message : null

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!result?.ok || !changed) return
    setServerError(null)
    const error = await settings
      .getState()
      .update({ warnings: result.settings }, { notifyFailure: false })
    setServerError(error)
  }
  const changeRule = (rule: RuleSpec['rule'], next: RuleDraft): void =>
    setDraft({ ...draft, [rule]: next })

  return (
    <section className="panel" aria-labelledby="thresholds-title">
      <header className="panel-header">
        <h3 id="thresholds-title">Early warnings</h3>
      </header>
      <form className="settings-form" onSubmit={(event) => void submit(event)}>
        <p className="muted">
          Each rule compares the latest run, day or conversation with a baseline of its
          own kind. The command line uses the same thresholds.
        </p>
        {RULES.map((spec) => (
          <RuleSection
            key={spec.rule}
            spec={spec}
            draft={draft[spec.rule]}
            errors={errors}
            changed={!sameRule(draft, savedDraft, spec)}
            onChange={(next) => changeRule(spec.rule, next)}
          />
        ))}
        <SettingsFormEnd
          subject="thresholds"
          valid={result?.ok === true}
          invalid={schemaError}
          serverError={serverError}
          errorTestId="thresholds-error"
          changed={changed}
          saving={saving}
          saveLabel="Save thresholds"
          undoLabel="Undo changes"
          onUndo={() => setDraft(savedDraft)}
        >
          <button
            type="button"
            className="quiet"
            onClick={() => setDraft(draftOf(defaultsOver(saved)))}
          >
            Use the defaults
          </button>
        </SettingsFormEnd>
      </form>
    </section>
  )
}

function sameRule(a: ThresholdsDraft, b: ThresholdsDraft, spec: RuleSpec): boolean {
  return JSON.stringify(a[spec.rule]) === JSON.stringify(b[spec.rule])
}

/** Returns the default thresholds, keeping keys of the saved settings that have no default. */
function defaultsOver(saved: WarningSettings): WarningSettings {
  return { ...saved, ...DEFAULT_WARNING_SETTINGS }
}

function RuleSection(props: {
  spec: RuleSpec
  draft: RuleDraft
  errors: Record<string, string>
  changed: boolean
  onChange(next: RuleDraft): void
}) {
  const { spec, draft, errors } = props
  const hasErrors = spec.fields.some((field) => errors[`${spec.rule}.${field.key}`])
  const id = (key: string): string => `threshold-${spec.rule}-${key}`
  return (
    <details className="rule-section" data-testid={`thresholds-${spec.rule}`}>
      <summary>
        <span className="rule-title">{spec.title}</span>
        <span className={draft.enabled ? 'badge state-fresh' : 'badge'}>
          {draft.enabled ? 'on' : 'off'}
        </span>
        {props.changed && <span className="badge">changed</span>}
        {hasErrors && <span className="badge state-error">invalid</span>}
      </summary>
      <fieldset className="rule-fields">
        <legend className="visually-hidden">{spec.title}</legend>
        <p className="muted">{spec.description}</p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(event) =>
              props.onChange({ ...draft, enabled: event.target.checked })
            }
          />
          Report this rule
        </label>
        <div className="rule-grid">
          {spec.fields.map((field) => {
            const error = errors[`${spec.rule}.${field.key}`]
            return (
              <div key={field.key} className="rule-field">
                <label htmlFor={id(field.key)}>{field.label}</label>
                <input
                  id={id(field.key)}
                  inputMode="decimal"
                  value={draft.values[field.key] ?? ''}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={`${id(field.key)}-help`}
                  onChange={(event) =>
                    props.onChange({
                      ...draft,
                      values: { ...draft.values, [field.key]: event.target.value }
                    })
                  }
                />
                <span
                  id={`${id(field.key)}-help`}
                  className={error ? 'field-help has-errors' : 'field-help muted'}
                >
                  {error ?? field.help}
                </span>
              </div>
            )
          })}
        </div>
      </fieldset>
    </details>
  )
}
