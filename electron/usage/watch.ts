import { watch } from 'chokidar'

export interface LogWatcher {
  /** Resolves once the folders are scanned and changes are being reported. */
  ready: Promise<void>
  close: () => Promise<void>
}

/**
 * Calls `run` after changes, coalescing bursts: a change starts a short timer,
 * later changes restart it, and a change during a run schedules one more run
 * after it, never two at once.
 */
export function coalesce(
  run: () => Promise<void>,
  delayMs: number
): { poke: () => void; idle: () => Promise<void> } {
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null
  let again = false

  const start = (): void => {
    timer = null
    if (running) {
      again = true
      return
    }
    running = run().finally(() => {
      running = null
      if (again) {
        again = false
        start()
      }
    })
  }

  return {
    poke: () => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(start, delayMs)
    },
    idle: async () => {
      while (running || timer) {
        if (running) await running
        else await new Promise((resolve) => setTimeout(resolve, delayMs))
      }
    }
  }
}

/**
 * Watches log folders for added, changed and removed `.jsonl` files. It uses
 * the system's file events (inotify, FSEvents, ReadDirectoryChangesW), so an
 * idle watch of thousands of logs costs no polling.
 */
export function watchLogs(
  roots: readonly string[],
  onChange: (path: string) => void
): LogWatcher {
  const watcher = watch([...roots], {
    ignoreInitial: true,
    // Rollups are written inside a Lowkey project's .lowkey folder, beside the sessions.
    ignored: (path, stats) => Boolean(stats?.isFile()) && !path.endsWith('.jsonl')
  })
  const changed = (path: string): void => onChange(path)
  watcher.on('add', changed).on('change', changed).on('unlink', changed)
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  return { ready, close: () => watcher.close() }
}
