import { createHash } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

import { z } from 'zod'

import { describeIssues } from '../../../shared/validation'
import { UsageError, errorText } from '../errors'
import { writeFileAtomic } from '../files'

const checkpointSchema = z.object({
  version: z.literal(1),
  endpoint: z.string(),
  target: z.string(),
  /** Content hash of every record acknowledged by the collector, by span id. */
  sent: z.record(z.string(), z.string())
})

/** Which records one collector has acknowledged for one ledger. */
export type OtlpCheckpoint = z.infer<typeof checkpointSchema>

/**
 * Returns the checkpoint file for sending `target`'s ledger to `endpoint`,
 * in the data folder, so each pair resumes on its own.
 */
export function checkpointPath(
  dataDir: string,
  endpoint: string,
  target: string
): string {
  const key = createHash('sha256')
    .update(`${endpoint}\u0000${target}`)
    .digest('hex')
    .slice(0, 16)
  return join(dataDir, 'exports', `otlp-${key}.json`)
}

/** Reads a checkpoint; a missing file means nothing was sent yet. */
export async function loadCheckpoint(
  path: string,
  endpoint: string,
  target: string
): Promise<OtlpCheckpoint> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { version: 1, endpoint, target, sent: {} }
    }
    throw new UsageError(
      `failed to read the export checkpoint ${path}: ${errorText(error)}`,
      {
        cause: error
      }
    )
  }

  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new UsageError(
      `export checkpoint ${path} is not valid JSON (${errorText(error)}): ` +
        'delete it or run with --resend to send every record again',
      { cause: error }
    )
  }
  const parsed = checkpointSchema.safeParse(value)
  if (!parsed.success) {
    throw new UsageError(
      `export checkpoint ${path} is invalid: ${describeIssues(parsed.error)}; ` +
        'delete it or run with --resend to send every record again'
    )
  }
  return parsed.data
}

export async function saveCheckpoint(
  path: string,
  checkpoint: OtlpCheckpoint
): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFileAtomic(path, JSON.stringify(checkpoint) + '\n')
}
