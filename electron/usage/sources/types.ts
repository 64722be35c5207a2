import type { LedgerRecord } from '../../../shared/ledger'
import type { Diagnostics } from '../diagnostics'
import type { ScanResult } from '../reader/lines'

export type SourceKind = 'lowkey' | 'claude-code' | 'codex'

export const SOURCE_KINDS: readonly SourceKind[] = ['lowkey', 'claude-code', 'codex']

/** One log file found under a source root. */
export interface LogFile {
  /** Absolute path. */
  path: string
  /** Root folder the file was found under. */
  root: string
  /** Path relative to `root`, with `/` separators: the file's name in manifests. */
  name: string
}

/** Log files read together because they make up one conversation. */
export interface LogGroup {
  /** Conversation id the group yields. */
  conversation: string
  /** The conversation's own log first, then files that belong to it (subagents). */
  files: LogFile[]
}

/** Result of reading one group. */
export interface GroupResult {
  records: LedgerRecord[]
  /** Scan result of every file of the group that could be read, by absolute path. */
  scans: Map<string, ScanResult>
  /** Conversation title, where the source records one. */
  title?: string
  /**
   * What the adapter needs to go on reading where this read ended (JSON data).
   * It must not depend on whether the read was resumed.
   */
  state?: unknown
}

/** End point of an earlier read of a group, for reading only what was appended since. */
export interface GroupResume {
  /** Records the earlier read produced. */
  records: LedgerRecord[]
  title?: string
  state: unknown
  /** Offset and line count each of the group's logs was read up to, by absolute path. */
  offsets: Map<string, { endOffset: number; lines: number }>
}

/** Reads one source's logs into ledger records. */
export interface SourceAdapter {
  readonly kind: SourceKind
  /** Lists the conversations under the roots, in a stable order. */
  discover(roots: readonly string[], diagnostics: Diagnostics): Promise<LogGroup[]>
  /**
   * Reads the files of one group. Bad lines and unreadable files are reported
   * to `diagnostics` and never stop the read.
   */
  readGroup(group: LogGroup, diagnostics: Diagnostics): Promise<GroupResult>
  /**
   * Reads only what was appended to a group's logs since `resume`, and returns
   * the group's complete result as `readGroup` would. Adapters without it
   * reread changed groups whole.
   */
  resumeGroup?(
    group: LogGroup,
    resume: GroupResume,
    diagnostics: Diagnostics
  ): Promise<GroupResult>
}
