import type { Environment } from '../paths'

/** Where a command writes, so tests can capture it. */
export interface CommandIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Whether stderr is a terminal: progress is drawn only then. */
  interactive: boolean
  environment: Environment
  /** Root of the installed package: `examples/` and the built `out/` are in it. */
  appDir: string
  /** Stops long-running commands (serve, watch); Ctrl+C and SIGTERM when absent. */
  stop?: AbortSignal
}

/** Resolves when a long-running command should stop. */
export function untilStopped(io: CommandIo): Promise<void> {
  return new Promise<void>((resolve) => {
    if (io.stop) {
      if (io.stop.aborted) resolve()
      else io.stop.addEventListener('abort', () => resolve(), { once: true })
      return
    }
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}

export function processIo(environment: Environment, appDir: string): CommandIo {
  return {
    appDir,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // A getter: Node.js sets up process.stderr on first use, about 2 ms,
    // which a command that writes nothing there need not pay.
    get interactive() {
      return Boolean(process.stderr.isTTY)
    },
    environment
  }
}
