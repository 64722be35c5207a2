import { statSync } from 'node:fs'
import { basename, normalize } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'

import { z } from 'zod'

import { compareText } from '../../../../shared/ledger'
import type { Diagnostics } from '../../diagnostics'
import { parseJsonLine, scanLines } from '../../reader/lines'
import type { LogFile, LogGroup } from '../types'
import { childPath, listFolder } from './folders'
import type { FolderEntry } from './folders'
import { isSubagentLog } from './links'

/** Copies of one log found under different roots or project folders. */
type Copies = [LogFile, ...LogFile[]]

/** Logs found for one session id, before copies in other roots are set aside. */
interface SessionLogs {
  own: LogFile[]
  /** Subagent logs by their place inside the session, so copies share a key. */
  subagents: Map<string, Copies>
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
  const index = new SessionIndex()
  for (const root of roots) {
    const projects = listFolder(normalize(root), diagnostics).filter(
      (entry) => entry.isDirectory
    )
    for (const project of projects) {
      index.add(await listProject(root, project, diagnostics))
      // Folders are listed synchronously, so the event loop gets a turn after
      // each project: the app's main process stays responsive meanwhile.
      await nextTurn()
    }
  }
  return index.groups(diagnostics)
}

/** A log found in a project folder, with the session it belongs to. */
interface FoundLog {
  file: LogFile
  sessionId: string
  /** Place of a subagent log inside its session, shared by its copies. Null for a session log. */
  subagentKey: string | null
}

/**
 * Lists the session and subagent logs of one project folder. Problems are
 * reported in listing order; only the session ids of 2.0 subagent logs are
 * read, side by side.
 */
async function listProject(
  root: string,
  project: FolderEntry,
  diagnostics: Diagnostics
): Promise<FoundLog[]> {
  const found: Array<FoundLog | Promise<FoundLog>> = []
  for (const entry of listFolder(project.path, diagnostics)) {
    const name = `${project.name}/${entry.name}`
    if (entry.isDirectory) {
      found.push(...listSubagentFolder(root, name, entry, diagnostics))
    } else if (entry.isFile && entry.name.endsWith('.jsonl')) {
      found.push(logEntry(root, name, entry))
    }
  }
  return Promise.all(found)
}

function logEntry(
  root: string,
  name: string,
  entry: FolderEntry
): FoundLog | Promise<FoundLog> {
  const file = { path: entry.path, root, name }
  const stem = basename(entry.name, '.jsonl')
  if (!isSubagentLog(entry.path)) return { file, sessionId: stem, subagentKey: null }
  return peekSessionId(entry.path).then((sessionId) => ({
    file,
    sessionId: sessionId ?? stem,
    subagentKey: entry.name
  }))
}

/** Lists the logs under `<sessionId>/subagents/`, when the folder has one. */
function listSubagentFolder(
  root: string,
  name: string,
  session: FolderEntry,
  diagnostics: Diagnostics
): FoundLog[] {
  const folder = childPath(session.path, 'subagents')
  const logs = listFolder(folder, diagnostics, { missingIsEmpty: true })
  return logs
    .filter((log) => log.isFile && log.name.endsWith('.jsonl'))
    .map((log) => ({
      file: { path: log.path, root, name: `${name}/subagents/${log.name}` },
      sessionId: session.name,
      subagentKey: `subagents/${log.name}`
    }))
}

/** Logs found so far, by session id. */
class SessionIndex {
  private readonly sessions = new Map<string, SessionLogs>()

  add(logs: FoundLog[]): void {
    for (const { file, sessionId, subagentKey } of logs) {
      const session = this.logsOf(sessionId)
      if (subagentKey === null) {
        session.own.push(file)
      } else {
        addCopy(session.subagents, subagentKey, file)
      }
    }
  }

  groups(diagnostics: Diagnostics): LogGroup[] {
    const groups: LogGroup[] = []
    for (const [conversation, logs] of this.sessions) {
      groups.push({ conversation, files: chooseFiles(logs, diagnostics) })
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
function chooseFiles(logs: SessionLogs, diagnostics: Diagnostics): LogFile[] {
  const [firstOwn, ...otherOwn] = logs.own
  const own = firstOwn ? [largest([firstOwn, ...otherOwn], diagnostics)] : []
  const subagents: LogFile[] = []
  for (const copies of logs.subagents.values()) {
    subagents.push(largest(copies, diagnostics))
  }
  subagents.sort((a, b) => compareText(a.name, b.name) || compareText(a.root, b.root))
  return [...own, ...subagents]
}

function largest(copies: Copies, diagnostics: Diagnostics): LogFile {
  if (copies.length === 1) return copies[0]

  let chosen = copies[0]
  let chosenSize = -1
  for (const copy of copies) {
    const size = sizeOrMinusOne(copy.path)
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

function sizeOrMinusOne(path: string): number {
  try {
    return statSync(path, { throwIfNoEntry: false })?.size ?? -1
  } catch {
    return -1
  }
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
