import { join } from 'node:path'

import { prepareDemoProject } from '../demo'
import { dataFolder } from '../paths'
import type { CommandIo } from './io'
import { reportCommand } from './report'

/** Runs `lowkey demo`: a report on a fresh copy of the example project. */
export async function demoCommand(io: CommandIo): Promise<number> {
  const project = await prepareDemoProject(
    join(io.appDir, 'examples'),
    dataFolder(io.environment)
  )
  io.stderr(`demo project copied to ${project}\n`)
  return reportCommand({ project, by: 'day' }, io)
}
