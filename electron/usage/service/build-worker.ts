// Entry of the build worker thread: runs one build job and reports back.
import { parentPort, workerData } from 'node:worker_threads'

import { errorText } from '../errors'
import { runJob } from './build-runner'
import type { BuildJob, WorkerMessage } from './build-runner'

const port = parentPort
if (!port) throw new Error('build-worker must run in a worker thread')

const controller = new AbortController()
port.on('message', (message: unknown) => {
  if (message === 'cancel') controller.abort()
})

const post = (message: WorkerMessage): void => port.postMessage(message)

try {
  const outcome = await runJob(
    workerData as BuildJob,
    (progress) => post({ type: 'progress', progress }),
    controller.signal
  )
  post({ type: 'done', outcome })
} catch (error) {
  post({
    type: 'failed',
    message: errorText(error),
    cancelled: controller.signal.aborted
  })
} finally {
  port.close()
}
