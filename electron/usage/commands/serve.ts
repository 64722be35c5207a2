import { existsSync } from 'node:fs'
import { join } from 'node:path'

import { startBridge } from '../bridge/server'
import { UsageError } from '../errors'
import { dataFolder } from '../paths'
import { UsageService } from '../service'
import { inThreadRunner, workerRunner } from '../service/build-runner'
import { ArgumentError } from './arguments'
import { untilStopped } from './io'
import type { CommandIo } from './io'
import { parseWorkers } from './workers'

export interface ServeOptions {
  project?: string[]
  port?: string
}

/** Runs `lowkey usage serve` until interrupted; returns the exit code. */
export async function serveCommand(
  options: ServeOptions,
  io: CommandIo
): Promise<number> {
  const port = Number(options.port ?? '0')
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ArgumentError(
      `--port "${options.port}" is not a port number (0 to 65535; 0 picks a free one)`
    )
  }
  const rendererDir = join(io.appDir, 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new UsageError(
      `the app is not built (${rendererDir} is missing): run \`npm run build\``
    )
  }
  const worker = join(io.appDir, 'out', 'cli', 'build-worker.mjs')

  const service = await UsageService.open({
    dataDir: dataFolder(io.environment),
    environment: io.environment,
    examplesDir: join(io.appDir, 'examples'),
    runner: existsSync(worker) ? workerRunner(worker) : inThreadRunner,
    parseWorker: parseWorkers(io)?.path,
    projects: options.project,
    watch: true
  })
  const bridge = await startBridge({
    service,
    rendererDir,
    port,
    log: (line) => io.stderr(line + '\n')
  })
  io.stdout(bridge.url + '\n')
  io.stderr(
    'serving on 127.0.0.1 only; from another machine, tunnel it with ' +
      `ssh -L ${bridge.port}:127.0.0.1:${bridge.port} <this box>\npress Ctrl+C to stop\n`
  )

  await untilStopped(io)
  await service.close()
  await bridge.close()
  return 0
}
