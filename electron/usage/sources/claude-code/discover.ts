import { readdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'

import { z } from 'zod'

import { compareText } from '../../../../shared/ledger'
import type { Diagnostics } from '../../diagnostics'
import { errorText } from '../../errors'
import { parseJsonLine, scanLines } from '../../reader/lines'
import type { LogFile, LogGroup } from '../types'
import { isSubagentLog } from './links'

/** Copies of one log found under different roots or project folders. */
type Copies = [LogFile, ...LogFile[]]

/** Logs found for one session id, before copies in other roots are set aside. */
interface SessionLogs {
  own: LogFile[]
  /** Subagent logs by their place inside the session, so copies share a key. */
  subagents: Map<string, Copies>
}

interface FolderEntry {
  name: string
  path: string
  isFile: boolean
  isDirectory: boolean
}

/**
 * Lists the sessions under Claude Code `projects/` folders. A session is
 * `<project>/<sessionId>.jsonl`. Its subagent logs are `<project>/agent-*.jsonl`
 * naming it in their `sessionId` (2.0) and `<project>/<sessionId>/subagents/*.jsonl`
 * (2.1). A subagent log whose session log is missing still makes a conversation.
 *
 * Session ids are random UUIDs, so one id under two roots (or two project
 * folders) means two copies of one append-only log. They make one conversation,
 * and only the largest copy of each file is read, since it contains the others.
 */
export async function discoverSessions(
  roots: readonly string[],
  diagnostics: Diagnostics
): Promise<LogGroup[]> {
  const index = new SessionIndex(diagnostics)
  for (const root of roots) {
    for (const project of await listFolder(root, diagnostics)) {
      if (project.isDirectory) await index.addProject(root, project)
    }
  }
  return index.groups()
}

/** Logs found so far, by session id. */
class SessionIndex {
  private readonly sessions = new Map<string, SessionLogs>()

  constructor(private readonly diagnostics: Diagnostics) {}

  async addProject(root: string, project: FolderEntry): Promise<void> {
    for (const entry of await listFolder(project.path, this.diagnostics)) {
      const name = `${project.name}/${entry.name}`
      if (entry.isDirectory) {
        await this.addSubagentFolder(root, name, entry)
      } else if (entry.isFile && entry.name.endsWith('.jsonl')) {
        const file = { path: entry.path, root, name }
        const stem = basename(entry.name, '.jsonl')
        if (isSubagentLog(entry.path)) {
          const sessionId = (await peekSessionId(entry.path)) ?? stem
          addCopy(this.logsOf(sessionId).subagents, entry.name, file)
        } else {
          this.logsOf(stem).own.push(file)
        }
      }
    }
  }

  /** Adds the logs under `<sessionId>/subagents/`, when the folder has one. */
  private async addSubagentFolder(
    root: string,
    name: string,
    session: FolderEntry
  ): Promise<void> {
    const folder = join(session.path, 'subagents')
    const options = { missingIsEmpty: true }
    for (const log of await listFolder(folder, this.diagnostics, options)) {
      if (!log.isFile || !log.name.endsWith('.jsonl')) continue
      const file = { path: log.path, root, name: `${name}/subagents/${log.name}` }
      addCopy(this.logsOf(session.name).subagents, `subagents/${log.name}`, file)
    }
  }

  async groups(): Promise<LogGroup[]> {
    const groups: LogGroup[] = []
    for (const [conversation, logs] of this.sessions) {
      groups.push({ conversation, files: await chooseFiles(logs, this.diagnostics) })
    }
    return groups.sort((a, b) => compareText(a.conversation, b.conversation))
  }

  private logsOf(sessionId: string): SessionLogs {
    let logs = this.sessions.get(sessionId)
    if (logs === undefined) {
      logs = { own: [], subagents: new Map() }
      this.sessions.set(sessionId, logs)
    }
    return logs
  }
}

function addCopy(copies: Map<string, Copies>, key: string, file: LogFile): void {
  const known = copies.get(key)
  if (known === undefined) {
    copies.set(key, [file])
  } else {
    known.push(file)
  }
}

/** Picks the session's own log, then its subagent logs sorted by name. */
async function chooseFiles(
  logs: SessionLogs,
  diagnostics: Diagnostics
): Promise<LogFile[]> {
  const [firstOwn, ...otherOwn] = logs.own
  const own = firstOwn ? [await largest([firstOwn, ...otherOwn], diagnostics)] : []
  const subagents: LogFile[] = []
  for (const copies of logs.subagents.values()) {
    subagents.push(await largest(copies, diagnostics))
  }
  subagents.sort((a, b) => compareText(a.name, b.name) || compareText(a.root, b.root))
  return [...own, ...subagents]
}

async function largest(copies: Copies, diagnostics: Diagnostics): Promise<LogFile> {
  if (copies.length === 1) return copies[0]

  let chosen = copies[0]
  let chosenSize = -1
  for (const copy of copies) {
    const size = await stat(copy.path).then(
      (info) => info.size,
      () => -1
    )
    if (size > chosenSize) {
      chosen = copy
      chosenSize = size
    }
  }
  for (const copy of copies) {
    if (copy === chosen) continue
    diagnostics.note(
      copy.path,
      `skipped: a copy of ${chosen.path}, which is larger and read instead`
    )
  }
  return chosen
}

async function listFolder(
  folder: string,
  diagnostics: Diagnostics,
  options: { missingIsEmpty?: boolean } = {}
): Promise<FolderEntry[]> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    if (!(missing && options.missingIsEmpty)) {
      diagnostics.unreadable(folder, `cannot list the folder (${errorText(error)})`)
    }
    return []
  }

  const entries: FolderEntry[] = []
  for (const name of names.sort(compareText)) {
    const path = join(folder, name)
    // stat follows symbolic links, so a linked project folder is read like any other.
    const info = await stat(path).catch(() => null)
    if (info === null) continue
    entries.push({ name, path, isFile: info.isFile(), isDirectory: info.isDirectory() })
  }
  return entries
}

const sessionIdSchema = z.object({ sessionId: z.string().min(1) })

/** Thrown by the line handler to stop the peek at the first line with a session id. */
class PeekDone extends Error {}

/**
 * Reads the session id from a 2.0 subagent log. Every line carries it, so only
 * the first line that names it is parsed, and the read stops there. Returns null
 * when the log names none or cannot be read (reading the group reports that).
 */
async function peekSessionId(path: string): Promise<string | null> {
  let sessionId: string | null = null
  const onLine = (bytes: Buffer, start: number, end: number): void => {
    let value: unknown
    try {
      value = parseJsonLine(bytes, start, end)
    } catch {
      return
    }
    const parsed = sessionIdSchema.safeParse(value)
    if (!parsed.success) return
    sessionId = parsed.data.sessionId
    throw new PeekDone()
  }

  try {
    await scanLines(path, onLine, {
      needles: [Buffer.from('"sessionId":"')],
      chunkSize: 64 * 1024
    })
  } catch (error) {
    if (!(error instanceof PeekDone)) return null
  }
  return sessionId
}
