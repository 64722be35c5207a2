import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

import { plural } from '../../../shared/format'
import { errorText, UsageError } from '../errors'
import { checkpointPath } from '../export/checkpoint'
import { tracesUrl } from '../export/endpoint'
import { EXPORT_CONTENTS, exportTable } from '../export/tables'
import type { ExportContent } from '../export/tables'
import { ArgumentError, EXPORT_FORMATS } from './arguments'
import type { ExportFormat } from './arguments'
import { resolveContext } from './context'
import type { CommandContext, TargetOptions } from './context'
import type { CommandIo } from './io'
import { ensureFresh } from './report'

/** Spans per OTLP request when `--batch-size` is not given. */
export const DEFAULT_BATCH_SIZE = 512

export interface ExportOptions extends TargetOptions {
  format?: string
  what?: string
  out?: string
  endpoint?: string
  header?: string[]
  batchSize?: string
  resend?: boolean
  strict?: boolean
}

interface ExportRequest {
  format: ExportFormat
  content: ExportContent
}

/** Runs `lowkey usage export`; returns the exit code. */
export async function exportCommand(
  options: ExportOptions,
  io: CommandIo
): Promise<number> {
  const request = parseRequest(options)
  const context = await resolveContext(options, io)
  if ((await ensureFresh(context, io, options.strict ?? false)) === null) return 1

  if (request.format === 'otlp') return sendOtlp(options, context, io)

  const { text, rows } = await exportTable(
    context.target.store,
    request.content,
    request.format
  )
  if (options.out === undefined) {
    io.stdout(text)
    return 0
  }
  const path = resolve(options.out)
  try {
    await mkdir(dirname(path), { recursive: true })
    // Written in place, as a shell redirection writes: a path the operator
    // names may be a link, a pipe or a device, which a rename would replace.
    await writeFile(path, text)
  } catch (error) {
    throw new UsageError(`failed to write ${path}: ${errorText(error)}`, { cause: error })
  }
  io.stderr(`wrote ${plural(rows, 'row')} of ${request.content} to ${path}\n`)
  return 0
}

function parseRequest(options: ExportOptions): ExportRequest {
  const format = (options.format ?? 'csv') as ExportFormat
  if (!EXPORT_FORMATS.includes(format)) {
    throw new ArgumentError(
      `unknown format "${options.format}": use --format ${EXPORT_FORMATS.join('|')}`
    )
  }
  const content = (options.what ?? 'ledger') as ExportContent
  if (!EXPORT_CONTENTS.includes(content)) {
    throw new ArgumentError(
      `unknown export "${options.what}": use --what ${EXPORT_CONTENTS.join('|')}`
    )
  }

  if (format === 'otlp') {
    if (content !== 'ledger') {
      throw new ArgumentError('--format otlp sends the ledger only: drop --what')
    }
    if (!options.endpoint) {
      throw new ArgumentError(
        "--format otlp needs --endpoint URL, the collector's OTLP/HTTP address"
      )
    }
    if (options.out !== undefined) {
      throw new ArgumentError('--out writes a file; --format otlp sends to --endpoint')
    }
  } else {
    const otlpOnly = [
      ['--endpoint', options.endpoint],
      ['--header', options.header],
      ['--batch-size', options.batchSize],
      ['--resend', options.resend]
    ] as const
    for (const [flag, value] of otlpOnly) {
      if (value !== undefined) throw new ArgumentError(`${flag} goes with --format otlp`)
    }
  }
  return { format, content }
}

async function sendOtlp(
  options: ExportOptions,
  context: CommandContext,
  io: CommandIo
): Promise<number> {
  const endpoint = tracesUrl(options.endpoint ?? '')
  const records = await context.target.store.readLedger()
  // Imported here, because loading the OpenTelemetry packages takes longer
  // than most other commands need to run.
  const { sendLedger } = await import('../export/otlp')
  const result = await sendLedger(records, {
    endpoint,
    headers: parseHeaders(options.header ?? []),
    batchSize: parseBatchSize(options.batchSize),
    resend: options.resend ?? false,
    target: context.target.label,
    checkpointPath: checkpointPath(context.dataDir, endpoint, context.target.label)
  })
  io.stdout(
    `sent ${plural(result.sent, 'ledger record')} as spans to ${endpoint} ` +
      `in ${plural(result.batches, 'batch', 'batches')}; ` +
      `${plural(result.alreadySent, 'record')} had been sent before\n`
  )
  return 0
}

function parseHeaders(values: string[]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const value of values) {
    const separator = value.indexOf('=')
    if (separator <= 0) {
      throw new ArgumentError(`--header "${value}" is not NAME=VALUE`)
    }
    headers[value.slice(0, separator).trim()] = value.slice(separator + 1)
  }
  return headers
}

function parseBatchSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_BATCH_SIZE
  const size = Number(value)
  if (!Number.isInteger(size) || size < 1) {
    throw new ArgumentError(`--batch-size "${value}" is not a whole number above 0`)
  }
  return size
}
