import { SingleBar } from 'cli-progress'

import { formatBytes } from '../../../shared/format'
import type { BuildProgress } from '../build'
import type { CommandIo } from './io'

/**
 * Draws a progress bar on stderr while logs are read, only when stderr is a
 * terminal; returns the callback for the build and a function that clears it.
 */
export function progressBar(io: CommandIo): {
  onProgress?: (progress: BuildProgress) => void
  stop: () => void
} {
  if (!io.interactive) return { stop: () => undefined }
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'reading logs [{bar}] {percentage}% | {files} files | {done} of {size}',
    hideCursor: true,
    clearOnComplete: true
  })
  let started = false
  return {
    onProgress(progress) {
      const payload = {
        files: `${progress.filesDone}/${progress.filesTotal}`,
        done: formatBytes(progress.bytesDone),
        size: formatBytes(progress.bytesTotal)
      }
      if (!started) {
        bar.start(Math.max(progress.bytesTotal, 1), progress.bytesDone, payload)
        started = true
      } else {
        bar.update(progress.bytesDone, payload)
      }
    },
    stop: () => {
      if (started) bar.stop()
    }
  }
}
