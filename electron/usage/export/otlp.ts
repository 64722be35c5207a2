// Sends ledger records to an OpenTelemetry collector over OTLP/HTTP (JSON),
// one span per record, resuming from a checkpoint after a failed run.

import { hostname } from 'node:os'

import { ExportResultCode } from '@opentelemetry/core'
import type { ExportResult } from '@opentelemetry/core'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base'
import {
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION
} from '@opentelemetry/semantic-conventions'
import { ATTR_HOST_NAME } from '@opentelemetry/semantic-conventions/incubating'

import { compareRecords } from '../../../shared/ledger'
import type { LedgerRecord } from '../../../shared/ledger'
import { UsageError, errorText } from '../errors'
import { APP_VERSION } from '../version'
import { loadCheckpoint, saveCheckpoint } from './checkpoint'
import { contentHashOf, spanIdOf, spanOf } from './spans'

export interface OtlpSendOptions {
  /** Full URL of the collector's traces endpoint. */
  endpoint: string
  headers: Record<string, string>
  batchSize: number
  /** Ignore the checkpoint and send every record again. */
  resend: boolean
  /** How the target is named in the checkpoint and the resource. */
  target: string
  checkpointPath: string
  timeoutMs?: number
}

export interface OtlpSendResult {
  /** Records the collector acknowledged in this run. */
  sent: number
  /** Records it had acknowledged before, unchanged since. */
  alreadySent: number
  batches: number
}

/**
 * Sends in ledger order, one batch at a time, and writes the checkpoint after
 * each batch the collector acknowledges. A record already acknowledged is sent
 * again only when its content changed, with the same ids as before.
 */
export async function sendLedger(
  records: readonly LedgerRecord[],
  options: OtlpSendOptions
): Promise<OtlpSendResult> {
  const checkpoint = options.resend
    ? {
        version: 1 as const,
        endpoint: options.endpoint,
        target: options.target,
        sent: {}
      }
    : await loadCheckpoint(options.checkpointPath, options.endpoint, options.target)

  const pending = [...records]
    .sort(compareRecords)
    .filter((record) => checkpoint.sent[spanIdOf(record)] !== contentHashOf(record))
  const result: OtlpSendResult = {
    sent: 0,
    alreadySent: records.length - pending.length,
    batches: 0
  }
  if (pending.length === 0) return result

  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: 'lowkey-usage',
    [ATTR_SERVICE_VERSION]: APP_VERSION,
    [ATTR_HOST_NAME]: hostname(),
    'lowkey.target': options.target
  })
  const exporter = new OTLPTraceExporter({
    url: options.endpoint,
    headers: options.headers,
    timeoutMillis: options.timeoutMs ?? 30_000
  })

  try {
    for (let start = 0; start < pending.length; start += options.batchSize) {
      const batch = pending.slice(start, start + options.batchSize)
      const outcome = await exportSpans(
        exporter,
        batch.map((record) => spanOf(record, resource))
      )
      if (outcome.code !== ExportResultCode.SUCCESS) {
        const reason = outcome.error ? errorText(outcome.error) : 'no reason given'
        throw new UsageError(
          `sending ${batch.length} spans to ${options.endpoint} failed (${reason}); ` +
            `${result.sent} records were sent before: run the same command again ` +
            'to resume',
          { cause: outcome.error }
        )
      }

      for (const record of batch)
        checkpoint.sent[spanIdOf(record)] = contentHashOf(record)
      await saveCheckpoint(options.checkpointPath, checkpoint)
      result.sent += batch.length
      result.batches += 1
    }
  } finally {
    await exporter.shutdown()
  }
  return result
}

function exportSpans(
  exporter: OTLPTraceExporter,
  spans: ReadableSpan[]
): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(spans, resolve))
}
