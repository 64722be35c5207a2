// Option values the command line accepts, and the error for those it rejects.
// They are kept apart from the commands, so defining the options loads none.
import { UsageError } from '../errors'

/** Error in the command line itself: exit code 2. */
export class ArgumentError extends UsageError {
  constructor(message: string) {
    super(message)
    this.name = 'ArgumentError'
  }
}

export const REPORT_GROUPINGS = [
  'day',
  'agent',
  'provider',
  'conversation',
  'routine'
] as const
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number]

export const EXPORT_FORMATS = ['csv', 'json', 'otlp'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/**
 * Values `usage export --what` accepts: the `EXPORT_CONTENTS` of
 * export/tables.ts, which a test keeps equal. That module imports the ledger
 * schema, and with it zod, which `lowkey --version` need not load.
 */
export const EXPORT_CONTENT_CHOICES = [
  'ledger',
  'conversations',
  'days',
  'agents',
  'providers',
  'routines'
] as const
