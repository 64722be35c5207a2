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

const fingerprintSchema = z.object({
  path: z.string(),
  conversation: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  head: z.string(),
  tail: z.string(),
  endOffset: z.number(),
  lines: z.number(),
  badLines: z.number(),
  problems: z.array(problemSchema),
  // Format 1 kept the state itself here; such a set is rebuilt anyway.
  state: z.string().optional().catch(undefined)
})

export const manifestSchema = z.looseObject({
  formatVersion: z.number(),
  appVersion: z.string(),
  builtAt: z.string(),
  timeZone: z.string(),
  source: z.object({
    kind: z.enum(['lowkey', 'claude-code', 'codex']),
    roots: z.array(z.string())
  }),
  logs: z.array(fingerprintSchema),
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
