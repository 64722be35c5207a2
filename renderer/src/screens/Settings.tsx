import { useEffect, useMemo, useState } from 'react'
import type { FormEvent } from 'react'
import { useStore } from 'zustand'

import { isValidTimeZone, systemTimeZone } from '../../../shared/time'
import { ErrorNotice, ScreenHeader } from '../components/common'
import { useStores } from '../state/context'
import type { ThemeChoice } from '../state/preferences'
import { PricingSettings } from './PricingSettings'
import { WarningThresholds } from './WarningThresholds'

const THEMES: Array<{ value: ThemeChoice; label: string }> = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' }
]

export function Settings() {
  return (
    <div className="screen">
      <ScreenHeader title="Settings" />
      <TimeZoneSetting />
      <WarningThresholds />
      <PricingSettings />
      <ThemeSetting />
    </div>
  )
}

function TimeZoneSetting() {
  const { settings } = useStores()
  const saved = useStore(settings, (state) => state.settings)
  const error = useStore(settings, (state) => state.error)
  const saving = useStore(settings, (state) => state.saving)
  const [zone, setZone] = useState(saved?.timeZone ?? '')
  useEffect(() => {
    if (saved) setZone(saved.timeZone)
  }, [saved])
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), [])

  const trimmed = zone.trim()
  const valid = isValidTimeZone(trimmed)
  const changed = saved !== null && trimmed !== saved.timeZone

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (valid && changed) void settings.getState().update({ timeZone: trimmed })
  }

  return (
    <section className="panel">
      <header className="panel-header">
        <h3>Time zone for days</h3>
      </header>
      {error && (
        <ErrorNotice
          what="Loading the settings"
          message={error}
          onRetry={() => void settings.getState().load()}
        />
      )}
      <form onSubmit={submit} className="settings-form">
        <p className="muted">
          A turn counts on the calendar day it started in this zone. The command line uses
          the same setting. After a change, rebuild the projects so their days follow the
          new zone.
        </p>
        <label htmlFor="time-zone">IANA time zone</label>
        <div className="field-row">
          <input
            id="time-zone"
            list="time-zones"
            value={zone}
            spellCheck={false}
            aria-invalid={trimmed !== '' && !valid}
            aria-describedby="time-zone-help"
            onChange={(event) => setZone(event.target.value)}
          />
          <datalist id="time-zones">
            {zones.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <button
            type="submit"
            className="primary"
            disabled={!valid || !changed || saving}
          >
            Save
          </button>
          <button type="button" onClick={() => setZone(systemTimeZone())}>
            Use {systemTimeZone()}, this device's zone
          </button>
        </div>
        <p
          id="time-zone-help"
          className={trimmed !== '' && !valid ? 'has-errors' : 'muted'}
        >
          {trimmed !== '' && !valid
            ? `“${trimmed}” is not a time zone name this system knows, such as Europe/Berlin.`
            : 'A name such as Europe/Berlin, America/New_York or UTC.'}
        </p>
      </form>
    </section>
  )
}

function ThemeSetting() {
  const { preferences } = useStores()
  const theme = useStore(preferences, (state) => state.theme)
  return (
    <section className="panel">
      <header className="panel-header">
        <h3>Theme</h3>
      </header>
      <fieldset className="radio-group">
        <legend className="visually-hidden">Theme</legend>
        {THEMES.map((option) => (
          <label key={option.value}>
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={theme === option.value}
              onChange={() => preferences.getState().setTheme(option.value)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
    </section>
  )
}
