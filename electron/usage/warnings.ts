import { DEFAULT_WARNING_SETTINGS, computeWarnings } from '../../shared/warnings'
import type { Warning, WarningSettings } from '../../shared/warnings'
import type { Settings } from './settings'
import type { RollupStore } from './store/rollup-store'

/** Returns the warning thresholds of the settings, or the defaults when they have none. */
export function warningSettingsOf(settings: Settings): WarningSettings {
  return settings.warnings ?? DEFAULT_WARNING_SETTINGS
}

/**
 * Reads the current rollup set of `store` and computes its warnings. Days are
 * in the time zone the set was built with.
 */
export async function readWarnings(
  store: RollupStore,
  thresholds: WarningSettings
): Promise<Warning[]> {
  const [routines, days, conversations] = await Promise.all([
    store.readRollup('routines'),
    store.readRollup('days'),
    store.readRollup('conversations')
  ])
  return computeWarnings({ routines, days, conversations }, thresholds)
}
