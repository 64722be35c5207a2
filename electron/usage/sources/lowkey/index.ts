import { readdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'

import { asConversationId } from '../../../../shared/ledger'
import type { LedgerRecord } from '../../../../shared/ledger'
import { describeIssues } from '../../../../shared/validation'
import type { Diagnostics } from '../../diagnostics'
import { errorText } from '../../errors'
import {
  describeJsonError,
  parseJsonLine,
  reportCutLines,
  scanLines
} from '../../reader/lines'
import type { GroupResult, GroupResume, LogGroup, SourceAdapter } from '../types'
import {
  SESSION_LOG_VERSION,
  conversationOpenedSchema,
  envelopeSchema,
  turnLedgerSchema
} from './events'
import type { ConversationOpened, LoggedRecord } from './events'

/** Lines that can carry neither event the ledger needs are never parsed. */
const NEEDLES = [Buffer.from('turn.ledger'), Buffer.from('conversation.opened')]

/** Returns the sessions folder of a Lowkey project. */
export function sessionsFolder(project: string): string {
  return join(project, '.lowkey', 'sessions')
}

export const lowkeyAdapter: SourceAdapter = {
  kind: 'lowkey',

  async discover(roots, diagnostics) {
    const groups: LogGroup[] = []
    for (const root of roots) {
      let names: string[]
      try {
        names = await readdir(root)
      } catch (error) {
        diagnostics.unreadable(
          root,
          `cannot list the sessions folder (${errorText(error)})`
        )
        continue
      }
      for (const name of names.sort()) {
        if (!name.endsWith('.jsonl')) continue
        const path = join(root, name)
        if (!(await isFile(path))) continue
        groups.push({
          conversation: basename(name, '.jsonl'),
          files: [{ path, root, name }]
        })
      }
    }
    return groups
  },

  readGroup(group, diagnostics) {
    return readSessionLogs(group, diagnostics, null)
  },

  resumeGroup(group, resume, diagnostics) {
    return readSessionLogs(group, diagnostics, resume)
  }
}

/** State kept between reads of a session log: its opening event and title. */
interface SessionState {
  opened: ConversationOpened | null
  title?: string | null
}

async function readSessionLogs(
  group: LogGroup,
  diagnostics: Diagnostics,
  resume: GroupResume | null
): Promise<GroupResult> {
  const result: GroupResult = { records: [], scans: new Map() }
  for (const file of group.files) {
    try {
      const reader = new SessionLogReader(group.conversation, file.path, diagnostics)
      const offset = resume?.offsets.get(file.path)
      if (resume && offset) reader.restore(resume)
      const scan = await scanLines(file.path, reader.onLine, {
        needles: NEEDLES,
        onFiltered: reportCutLines(diagnostics, file.path),
        startOffset: offset?.endOffset,
        startLine: offset?.lines
      })
      result.scans.set(file.path, scan)
      result.records.push(...reader.records())
      if (reader.title !== null) result.title = reader.title
      result.state = reader.state()
    } catch (error) {
      diagnostics.unreadable(
        file.path,
        `cannot read the session log (${errorText(error)})`
      )
    }
  }
  return result
}

/** Turns the lines of one session log into ledger records. */
class SessionLogReader {
  title: string | null = null
  private opened: ConversationOpened | null = null
  /** Later records of the same turn, agent and model replace earlier ones. */
  private readonly byIdentity = new Map<string, LoggedRecord>()

  constructor(
    private readonly conversation: string,
    private readonly file: string,
    private readonly diagnostics: Diagnostics
  ) {}

  /** Picks up where an earlier read ended: its records, title and opening event. */
  restore(resume: GroupResume): void {
    const state = resume.state as SessionState | undefined
    this.opened = state?.opened ?? null
    // The state's title: a session with no turn yet has no rollup row to keep one.
    this.title = state?.title ?? null
    for (const record of resume.records) this.byIdentity.set(identity(record), record)
  }

  state(): SessionState {
    return { opened: this.opened, title: this.title }
  }

  readonly onLine = (bytes: Buffer, start: number, end: number, line: number): void => {
    let value: unknown
    try {
      value = parseJsonLine(bytes, start, end)
    } catch (error) {
      this.diagnostics.badLine(this.file, line, describeJsonError(error))
      return
    }

    const envelope = envelopeSchema.safeParse(value)
    if (!envelope.success) {
      this.diagnostics.badLine(
        this.file,
        line,
        `not a session event: ${describeIssues(envelope.error)}`
      )
      return
    }
    if (envelope.data.v > SESSION_LOG_VERSION) {
      this.diagnostics.badLine(
        this.file,
        line,
        `written in format version ${envelope.data.v}, newer than ${SESSION_LOG_VERSION}: ` +
          'update Lowkey Usage to read it'
      )
      return
    }

    if (envelope.data.type === 'conversation.opened') this.readOpened(value, line)
    else if (envelope.data.type === 'turn.ledger') this.readLedger(value, line)
  }

  private readOpened(value: unknown, line: number): void {
    const parsed = conversationOpenedSchema.safeParse(value)
    if (!parsed.success) {
      this.diagnostics.badLine(
        this.file,
        line,
        `invalid conversation.opened: ${describeIssues(parsed.error)}`
      )
      return
    }
    this.opened = parsed.data
    this.title = parsed.data.title ?? null
  }

  private readLedger(value: unknown, line: number): void {
    const parsed = turnLedgerSchema.safeParse(value)
    if (!parsed.success) {
      this.diagnostics.badLine(
        this.file,
        line,
        `invalid turn.ledger: ${describeIssues(parsed.error)}`
      )
      return
    }
    const record = parsed.data.record
    if (record.conversation !== this.conversation) {
      this.diagnostics.badLine(
        this.file,
        line,
        `record of conversation "${record.conversation}" in the log of "${this.conversation}"`
      )
      return
    }
    this.byIdentity.set(identity(record), record)
  }

  records(): LedgerRecord[] {
    return [...this.byIdentity.values()].map((record) => this.complete(record))
  }

  private complete(record: LoggedRecord): LedgerRecord {
    const startedAt = new Date(record.startedAt).toISOString()
    const finishedAt = new Date(record.finishedAt).toISOString()
    return {
      conversation: asConversationId(record.conversation),
      turn: record.turn,
      agent: record.agent,
      provider: record.provider,
      model: record.model ?? null,
      startedAt,
      finishedAt,
      inputTokens: record.inputTokens,
      cacheReadTokens: record.cacheReadTokens,
      cacheWriteTokens: record.cacheWriteTokens,
      cacheWrite5mTokens: record.cacheWrite5mTokens,
      cacheWrite1hTokens: record.cacheWrite1hTokens,
      outputTokens: record.outputTokens,
      contextTokens: record.contextTokens,
      wallMs: record.wallMs ?? Date.parse(finishedAt) - Date.parse(startedAt),
      toolCalls: record.toolCalls,
      toolErrors: record.toolErrors,
      tokens: record.tokens,
      routine: record.routine ?? this.opened?.routine ?? null,
      run: record.run ?? this.opened?.run ?? null
    }
  }
}

/** Identity of a record in its conversation: a later record with the same one replaces it. */
function identity(record: {
  turn: number
  agent: string
  model?: string | null
}): string {
  return `${record.turn}\u0000${record.agent}\u0000${record.model ?? ''}`
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}
