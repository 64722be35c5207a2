import { cp, rm } from 'node:fs/promises'
import { join } from 'node:path'

import { isDirectory } from './targets'

/**
 * Copies the demo project into the data folder, where its rollups can be
 * written (a packaged app's own files are read-only), and returns the copy.
 * The session logs are refreshed from `examplesDir` on every call.
 */
export async function prepareDemoProject(
  examplesDir: string,
  dataDir: string
): Promise<string> {
  const source = join(examplesDir, 'demo-box', '.lowkey', 'sessions')
  const copy = join(dataDir, 'demo-box')
  const sessions = join(copy, '.lowkey', 'sessions')
  if (!(await isDirectory(source))) {
    throw new Error(
      `the demo project is missing: ${source} not found; reinstall Lowkey Usage`
    )
  }
  await rm(sessions, { recursive: true, force: true })
  await cp(source, sessions, { recursive: true })
  return copy
}
