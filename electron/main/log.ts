type Level = 'debug' | 'info' | 'warn' | 'error'

const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 }
const threshold: Level = (process.env.LOWKEY_LOG_LEVEL as Level | undefined) ?? 'info'

function write(level: Level, subsystem: string, message: string, detail?: unknown): void {
  if (ORDER[level] < (ORDER[threshold] ?? 1)) return
  const line = `${new Date().toISOString()} ${level.toUpperCase()} [${subsystem}] ${message}`
  const sink = level === 'error' || level === 'warn' ? console.error : console.log
  if (detail === undefined) sink(line)
  else sink(line, detail)
}

/** The main process's one logger: levels and a subsystem prefix on every line. */
export const log = {
  debug: (subsystem: string, message: string, detail?: unknown) =>
    write('debug', subsystem, message, detail),
  info: (subsystem: string, message: string, detail?: unknown) =>
    write('info', subsystem, message, detail),
  warn: (subsystem: string, message: string, detail?: unknown) =>
    write('warn', subsystem, message, detail),
  error: (subsystem: string, message: string, detail?: unknown) =>
    write('error', subsystem, message, detail)
}
