import { z } from 'zod'

import type { SourceKind } from '../sources/types'

/** Version of the rollup files' format; a set of another version is rebuilt. */
export const ROLLUP_FORMAT_VERSION = 2

/** Record of one log as a build read it, enough to tell it unchanged and to resume reading it. */
export interface LogFingerprint {
  path: string
  /** Conversation the log was read into. */
  conversation: string
  size: number
  mtimeMs: number
  /** Hash of the first bytes, which distinguishes a replaced or rotated log from an appended one. */
  head: string
  /** Hash of the bytes just before `endOffset`, which detects a log rewritten there. */
  tail: string
  /** Offset just past the last whole line read. */
  endOffset: number
  lines: number
  badLines: number
  /** The log's first problems, replayed when the log is reused unchanged. */
  problems: ManifestProblem[]
  /**
   * Name of the adapter's state for resuming the group where this build
   * ended (first log only), kept in the store's resume states.
   */
  state?: string
}

export interface ManifestProblem {
  file: string
  line?: number
  message: string
}

export interface Manifest {
  formatVersion: number
  appVersion: string
  builtAt: string
  timeZone: string
  source: { kind: SourceKind; roots: string[] }
  logs: LogFingerprint[]
  counts: {
    conversations: number
    turns: number
    records: number
    badLines: number
    unreadableFiles: number
    /** Conversations whose logs are gone, kept from the app's own ledger history. */
    keptConversations: number
  }
  /** The first problems found, for display; `counts` has the totals. */
  problems: ManifestProblem[]
}

const problemSchema = z.object({
  file: z.string(),
  line: z.number().optional(),
  message: z.string()
})

const STRING_FIELDS = ['path', 'conversation', 'head', 'tail'] as const
const NUMBER_FIELDS = ['size', 'mtimeMs', 'endOffset', 'lines', 'badLines'] as const

/**
 * Checks one log's fingerprint. Written by hand because a manifest lists
 * thousands of logs, and zod took 13 to 19 ms to check them in a fresh
 * process, which every report starts.
 */
function isFingerprint(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const log = value as Record<string, unknown>
  // Index loops: for…of makes an iterator object for each of thousands of logs.
  for (let index = 0; index < STRING_FIELDS.length; index += 1) {
    if (typeof log[STRING_FIELDS[index] as string] !== 'string') return false
  }
  for (let index = 0; index < NUMBER_FIELDS.length; index += 1) {
    if (typeof log[NUMBER_FIELDS[index] as string] !== 'number') return false
  }
  return Array.isArray(log.problems) && log.problems.every(isProblem)
}

function isProblem(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const problem = value as Record<string, unknown>
  return (
    typeof problem.file === 'string' &&
    typeof problem.message === 'string' &&
    (problem.line === undefined || typeof problem.line === 'number')
  )
}

/** Drops a state of another shape: format 1 kept the state itself, and such a set is rebuilt. */
function withStateName(log: LogFingerprint): LogFingerprint {
  if (log.state === undefined || typeof log.state === 'string') return log
  const { state: _unused, ...rest } = log
  return rest
}

const fingerprintsSchema = z
  .custom<LogFingerprint[]>(
    (value) => Array.isArray(value) && value.every(isFingerprint),
    'invalid log fingerprints'
  )
  .transform((logs) => logs.map(withStateName))

export const manifestSchema = z.looseObject({
  formatVersion: z.number(),
  appVersion: z.string(),
  builtAt: z.string(),
  timeZone: z.string(),
  source: z.object({
    kind: z.enum(['lowkey', 'claude-code', 'codex']),
    roots: z.array(z.string())
  }),
  logs: fingerprintsSchema,
  counts: z.object({
    conversations: z.number(),
    turns: z.number(),
    records: z.number(),
    badLines: z.number(),
    unreadableFiles: z.number(),
    keptConversations: z.number()
  }),
  problems: z.array(problemSchema)
})
