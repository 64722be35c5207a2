import { fileURLToPath } from 'node:url'

import { processIo } from './usage/commands/io'
import { runCli } from './usage/commands/program'
import { currentEnvironment } from './usage/paths'

// Built to out/cli/lowkey.mjs, two folders below the package root.
const appDir = fileURLToPath(new URL('../..', import.meta.url))

const code = await runCli(process.argv.slice(2), processIo(currentEnvironment(), appDir))
process.exitCode = code
