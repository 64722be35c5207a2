import { open, readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'

import { compareText } from '../../../../shared/ledger'
import type { Diagnostics } from '../../diagnostics'
import { errorText } from '../../errors'
import type { LogFile, LogGroup } from '../types'
import { rolloutHeaderSchema } from './schema'

/** Maximum size of a first line read for its id. A longer one falls back to the file name's id. */
const HEADER_LIMIT = 1 << 20
const HEADER_CHUNK = 64 * 1024

const UUID_IN_NAME =
  /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i

/**
 * Lists every `*.jsonl` file below the roots (`YYYY/MM/DD/rollout-*.jsonl` in
 * `sessions/`, flat in `archived_sessions/`) and groups the files by
 * conversation id. Files that share an id (an archived copy beside the live
 * file) form one group, whose turns are merged on reading. Groups are sorted by
 * conversation id; files by root, then name.
 */
export async function discoverRollouts(
  roots: readonly string[],
  diagnostics: Diagnostics
): Promise<LogGroup[]> {
  const byConversation = new Map<string, LogFile[]>()
  for (const root of roots) {
    const files: LogFile[] = []
    await collectRollouts(root, root, files, diagnostics)
    for (const file of files) {
      const conversation = await conversationIdOf(file)
      const group = byConversation.get(conversation)
      if (group) {
        diagnostics.note(
          file.path,
          `same conversation id ${conversation} as ${group[0]?.path}: ` +
            'turns found in both files are counted once'
        )
        group.push(file)
      } else {
        byConversation.set(conversation, [file])
      }
    }
  }

  return [...byConversation.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([conversation, files]) => ({ conversation, files }))
}

async function collectRollouts(
  root: string,
  folder: string,
  files: LogFile[],
  diagnostics: Diagnostics
): Promise<void> {
  let entries
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch (error) {
    diagnostics.unreadable(folder, `cannot list the folder (${errorText(error)})`)
    return
  }

  entries.sort((a, b) => compareText(a.name, b.name))
  for (const entry of entries) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) {
      await collectRollouts(root, path, files, diagnostics)
    } else if (entry.isFile() && entry.name.endsWith('.jsonl')) {
      const name = path
        .slice(root.length + 1)
        .split(/[\\/]/)
        .join('/')
      files.push({ path, root, name })
    }
  }
}

/**
 * Returns the session id of a rollout: `session_meta.payload.id` on the first
 * line (or `id` of the mid-2025 header), else the uuid at the end of the file
 * name, else the file name itself.
 */
export async function conversationIdOf(file: LogFile): Promise<string> {
  const header = await readFirstLine(file.path)
  if (header !== null) {
    let value: unknown = null
    try {
      value = JSON.parse(header)
    } catch {
      // A bad first line is reported when the file is read, and the name still gives an id.
    }
    const parsed = rolloutHeaderSchema.safeParse(value)
    if (parsed.success)
      return 'payload' in parsed.data ? parsed.data.payload.id : parsed.data.id
  }
  return UUID_IN_NAME.exec(file.name)?.[1] ?? basename(file.name, '.jsonl')
}

/** Reads the first line of a file, or returns null when it is longer than the limit or unreadable. */
async function readFirstLine(path: string): Promise<string | null> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch {
    return null
  }
  try {
    const chunks: Buffer[] = []
    let length = 0
    while (length < HEADER_LIMIT) {
      const chunk = Buffer.alloc(HEADER_CHUNK)
      const { bytesRead } = await handle.read(chunk, 0, HEADER_CHUNK, length)
      if (bytesRead === 0) break
      const newline = chunk.subarray(0, bytesRead).indexOf(0x0a)
      if (newline !== -1) {
        chunks.push(chunk.subarray(0, newline))
        return Buffer.concat(chunks).toString('utf8')
      }
      chunks.push(chunk.subarray(0, bytesRead))
      length += bytesRead
    }
    return null
  } catch {
    return null
  } finally {
    await handle.close()
  }
}
