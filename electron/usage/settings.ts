import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { z } from 'zod'

import type { PricingSettings } from '../../shared/pricing'
import { isValidTimeZone, systemTimeZone } from '../../shared/time'
import { describeIssues } from '../../shared/validation'
import type { WarningSettings } from '../../shared/warnings'
import { UsageError, errorText } from './errors'
import { writeFileAtomic } from './files'

const baseSettingsSchema = z.looseObject({
  version: z.literal(1),
  timeZone: z.string().refine(isValidTimeZone, 'not a time zone this system knows'),
  projects: z.array(z.string()).default([])
})

/** Settings shared by the command line and the app. Unknown keys are kept. */
export type Settings = z.infer<typeof baseSettingsSchema> & {
  /** Billing kinds and price overrides; absent means the shipped defaults. */
  pricing?: PricingSettings
  /** Thresholds of the early warnings; absent rules and fields take the defaults. */
  warnings?: WarningSettings
}

/** Sections whose schemas are loaded only when a settings file has them. */
const OPTIONAL_SECTIONS = ['pricing', 'warnings'] as const

/**
 * Returns the schema for a settings value. The price and warning schemas
 * took about 10 ms to build and first run in a fresh process, so they are
 * imported only when the file has one of their sections, which settings
 * written at first run do not.
 */
async function settingsSchemaFor(value: unknown): Promise<z.ZodType<Settings>> {
  const sections = typeof value === 'object' && value !== null ? value : {}
  if (!OPTIONAL_SECTIONS.some((name) => name in sections)) return baseSettingsSchema
  const [{ pricingSettingsSchema }, { warningSettingsSchema }] = await Promise.all([
    import('../../shared/pricing'),
    import('../../shared/warnings')
  ])
  return baseSettingsSchema.extend({
    pricing: pricingSettingsSchema.optional(),
    warnings: warningSettingsSchema.optional()
  })
}

export function settingsPath(dataDir: string): string {
  return join(dataDir, 'settings.json')
}

/**
 * Loads the settings file, creating it at first run with the system's time
 * zone so later runs agree on what a day is even if the system zone changes.
 */
export async function loadSettings(dataDir: string): Promise<Settings> {
  const path = settingsPath(dataDir)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UsageError(`cannot read settings ${path}: ${errorText(error)}`, {
        cause: error
      })
    }
    const settings: Settings = { version: 1, timeZone: systemTimeZone(), projects: [] }
    await saveSettings(dataDir, settings)
    return settings
  }

  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new UsageError(
      `settings ${path} is not valid JSON (${errorText(error)}): fix or delete the file`,
      { cause: error }
    )
  }
  const parsed = (await settingsSchemaFor(value)).safeParse(value)
  if (!parsed.success) {
    throw new UsageError(
      `settings ${path} are invalid: ${describeIssues(parsed.error)}; fix or delete the file`
    )
  }
  return parsed.data
}

export async function saveSettings(dataDir: string, settings: Settings): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  await writeFileAtomic(settingsPath(dataDir), JSON.stringify(settings, null, 2) + '\n')
}
