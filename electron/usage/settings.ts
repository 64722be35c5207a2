import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { z } from 'zod'

import { pricingSettingsSchema } from '../../shared/pricing'
import { isValidTimeZone, systemTimeZone } from '../../shared/time'
import { describeIssues } from '../../shared/validation'
import { warningSettingsSchema } from '../../shared/warnings'
import { UsageError, errorText } from './errors'
import { writeFileAtomic } from './files'

const settingsSchema = z.looseObject({
  version: z.literal(1),
  timeZone: z.string().refine(isValidTimeZone, 'not a time zone this system knows'),
  projects: z.array(z.string()).default([]),
  /** Billing kinds and price overrides; absent means the shipped defaults. */
  pricing: pricingSettingsSchema.optional(),
  /** Thresholds of the early warnings; absent rules and fields take the defaults. */
  warnings: warningSettingsSchema.optional()
})

/** Settings shared by the command line and the app. Unknown keys are kept. */
export type Settings = z.infer<typeof settingsSchema>

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
  const parsed = settingsSchema.safeParse(value)
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
