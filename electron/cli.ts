import { processIo } from './usage/commands/io'
import { runCli } from './usage/commands/program'
import { currentEnvironment } from './usage/paths'

/**
 * Runs the command line and returns its exit code. Built to the CommonJS
 * bundle out/cli/cli.cjs, which out/cli/lowkey.mjs loads and calls with the
 * package root, the folder that contains `examples/` and `out/`.
 */
export function main(argv: readonly string[], appDir: string): Promise<number> {
  process.stdout.on('error', stdoutFailed)
  return runCli(argv, processIo(currentEnvironment(), appDir))
}

/**
 * Ends the process when its output cannot be written: quietly when the
 * reader went away (`lowkey … | head`), with one line otherwise, such as on
 * a full disk.
 */
function stdoutFailed(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(0)
  process.stderr.write(`lowkey: cannot write the output (${error.message})\n`)
  process.exit(1)
}
