import type { Environment } from '../paths'

/** Where a command writes, so tests can capture it. */
export interface CommandIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Whether stderr is a terminal: progress is drawn only then. */
  interactive: boolean
  environment: Environment
  /** Folder holding the shipped example projects. */
  examplesDir: string
}

export function processIo(environment: Environment, examplesDir: string): CommandIo {
  return {
    examplesDir,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: Boolean(process.stderr.isTTY),
    environment
  }
}
