/** Error the operator can act on: its message names what was checked and the fix. */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'UsageError'
  }
}

/** Describes a caught error in one line, with its system error code when there is one. */
export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code
    return code && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message
  }
  return String(error)
}
