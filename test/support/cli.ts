import { join } from 'node:path'

import type { CommandIo } from '../../electron/usage/commands/io'
import { runCli } from '../../electron/usage/commands/program'
import { REPO } from './temp'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs the command line in-process with HOME, the data folder and the other
 * tools' folders all inside `sandbox`, so no test reads this machine's logs.
 */
export async function runLowkey(
  sandbox: string,
  argv: string[],
  live?: {
    stop: AbortSignal
    onStdout: (text: string) => void
    onStderr?: (text: string) => void
  }
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const home = join(sandbox, 'home')
  const io: CommandIo = {
    stdout: (text) => {
      stdout += text
      live?.onStdout(text)
    },
    stderr: (text) => {
      stderr += text
      live?.onStderr?.(text)
    },
    interactive: false,
    appDir: REPO,
    stop: live?.stop,
    environment: {
      home,
      platform: 'linux',
      env: {
        HOME: home,
        LOWKEY_USAGE_HOME: join(sandbox, 'data'),
        CLAUDE_CONFIG_DIR: join(sandbox, 'claude'),
        CODEX_HOME: join(sandbox, 'codex')
      }
    }
  }
  const code = await runCli(argv, io)
  return { code, stdout, stderr }
}
