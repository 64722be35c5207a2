import { processIo } from './usage/commands/io'
import { runCli } from './usage/commands/program'
import { currentEnvironment } from './usage/paths'

const code = await runCli(process.argv.slice(2), processIo(currentEnvironment()))
process.exitCode = code
