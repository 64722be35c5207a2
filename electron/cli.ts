import { fileURLToPath } from 'node:url'

import { processIo } from './usage/commands/io'
import { runCli } from './usage/commands/program'
import { currentEnvironment } from './usage/paths'

// Built to out/cli/lowkey.mjs, two folders below the package root.
const examplesDir = fileURLToPath(new URL('../../examples', import.meta.url))

const code = await runCli(
  process.argv.slice(2),
  processIo(currentEnvironment(), examplesDir)
)
process.exitCode = code
