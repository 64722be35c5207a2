import { dataFolder } from '../paths'
import { OUTSIDE_SOURCE_KINDS, loadAdapter, resolveSourceRoots } from '../sources/catalog'
import type { OutsideSourceKind } from '../sources/catalog'
import type { SourceAdapter } from '../sources/types'
import { loadSettings, saveSettings } from '../settings'
import type { Settings } from '../settings'
import { projectTarget, sourceTarget } from '../targets'
import type { UsageTarget } from '../targets'
import { isValidTimeZone, parseDayKey } from '../../../shared/time'
import { ArgumentError } from './arguments'
import type { CommandIo } from './io'

/** Options every command shares to name what it reads. */
export interface TargetOptions {
  project?: string
  source?: string
  dir?: string
}

export interface CommandContext {
  target: UsageTarget
  adapter: SourceAdapter
  settings: Settings
  dataDir: string
}

export async function resolveContext(
  options: TargetOptions,
  io: CommandIo
): Promise<CommandContext> {
  if (options.project && options.source) {
    throw new ArgumentError('choose one of --project and --source, not both')
  }
  if (!options.project && !options.source) {
    throw new ArgumentError(
      'name what to read: --project PATH or --source claude-code|codex'
    )
  }
  if (options.project && options.dir) {
    throw new ArgumentError(
      '--dir goes with --source; a project is named by --project alone'
    )
  }

  const dataDir = dataFolder(io.environment)
  const settings = await loadSettings(dataDir)
  if (options.project) {
    return {
      target: await projectTarget(options.project),
      adapter: await loadAdapter('lowkey'),
      settings,
      dataDir
    }
  }

  const kind = options.source as OutsideSourceKind
  if (!OUTSIDE_SOURCE_KINDS.includes(kind)) {
    throw new ArgumentError(
      `unknown source "${options.source}": use one of ${OUTSIDE_SOURCE_KINDS.join(', ')}`
    )
  }
  const { roots, searched } = resolveSourceRoots(kind, options.dir, io.environment)
  return {
    target: sourceTarget(kind, roots, dataDir, searched),
    adapter: await loadAdapter(kind),
    settings,
    dataDir
  }
}

/** Checks a `--tz` value; returns the settings' zone when none was given. */
export function timeZoneOption(zone: string | undefined, settings: Settings): string {
  if (zone === undefined) return settings.timeZone
  if (!isValidTimeZone(zone)) {
    throw new ArgumentError(
      `unknown time zone "${zone}": use an IANA name such as Europe/Berlin`
    )
  }
  return zone
}

/** Makes `zone` the settings' time zone, which day rollups then follow. */
export async function saveTimeZone(
  context: CommandContext,
  zone: string
): Promise<boolean> {
  if (context.settings.timeZone === zone) return false
  context.settings = { ...context.settings, timeZone: zone }
  await saveSettings(context.dataDir, context.settings)
  return true
}

/** Checks `--since` and `--until` (days as YYYY-MM-DD, the first not after the second). */
export function dayRangeOption(options: { since?: string; until?: string }): {
  since: string | null
  until: string | null
} {
  const day = (flag: string, value: string | undefined): string | null => {
    if (value === undefined) return null
    const parsed = parseDayKey(value)
    if (!parsed)
      throw new ArgumentError(`${flag} "${value}" is not a date: use YYYY-MM-DD`)
    return parsed
  }
  const since = day('--since', options.since)
  const until = day('--until', options.until)
  if (since && until && since > until) {
    throw new ArgumentError(`--since ${since} is after --until ${until}`)
  }
  return { since, until }
}
