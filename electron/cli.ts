import { processIo } from './usage/commands/io'
import { runCli } from './usage/commands/program'
import { currentEnvironment } from './usage/paths'

/**
 * Runs the command line and returns its exit code. Built to the CommonJS
 * bundle out/cli/cli.cjs, which out/cli/lowkey.mjs loads and calls with the
 * package root, the folder that contains `examples/` and `out/`.
 */
export function main(argv: readonly string[], appDir: string): Promise<number> {
  return runCli(argv, processIo(currentEnvironment(), appDir))
}
