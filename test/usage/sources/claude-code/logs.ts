import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

import type { LedgerRecord } from '../../../../shared/ledger'
import { Diagnostics } from '../../../../electron/usage/diagnostics'
import { claudeCodeAdapter } from '../../../../electron/usage/sources/claude-code/index'

/**
 * Builders of Claude Code log lines for focused tests. Each returns one line in
 * the shape Claude Code writes: compact JSON, `"type":"…"` without spaces.
 */

export const SESSION = '11111111-2222-3333-4444-555555555555'
const MODEL = 'claude-sonnet-4-20250514'

/** Returns `2026-01-01T10:00:<seconds>.000Z`. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1, 10, 0, seconds)).toISOString()
}

interface LineFields {
  uuid?: string
  parentUuid?: string | null
  isSidechain?: boolean
  isMeta?: boolean
  agentId?: string
  [field: string]: unknown
}

export function prompt(seconds: number, text: string, fields: LineFields = {}): string {
  return line('user', seconds, { message: { role: 'user', content: text }, ...fields })
}

export function userText(seconds: number, text: string, fields: LineFields = {}): string {
  const content = [{ type: 'text', text }]
  return line('user', seconds, { message: { role: 'user', content }, ...fields })
}

export interface Usage {
  input_tokens?: number | null
  cache_creation_input_tokens?: number | null
  cache_read_input_tokens?: number | null
  output_tokens?: number | null
  cache_creation?: {
    ephemeral_5m_input_tokens?: number | null
    ephemeral_1h_input_tokens?: number | null
  } | null
}

export interface Response {
  id?: string
  requestId?: string | null
  model?: string | null
  usage?: Usage | null
  /** Tool calls in the message: [id, name] or [id, name, input]. */
  tools?: [string, string, Record<string, unknown>?][]
  text?: string
}

export function assistant(
  seconds: number,
  response: Response,
  fields: LineFields = {}
): string {
  const content: unknown[] = []
  if (response.text !== undefined) content.push({ type: 'text', text: response.text })
  for (const [id, name, input] of response.tools ?? []) {
    content.push({ type: 'tool_use', id, name, input: input ?? {} })
  }
  const message: Record<string, unknown> = { type: 'message', role: 'assistant', content }
  if (response.id !== undefined) message.id = response.id
  if (response.model !== null) message.model = response.model ?? MODEL
  if (response.usage !== undefined) message.usage = response.usage
  const extra: Record<string, unknown> = {}
  if (response.requestId !== undefined) extra.requestId = response.requestId
  return line('assistant', seconds, { message, ...extra, ...fields })
}

export function toolResult(
  seconds: number,
  toolUseId: string,
  options: { isError?: boolean; toolUseResult?: unknown } & LineFields = {}
): string {
  const { isError, toolUseResult, ...fields } = options
  const block: Record<string, unknown> = {
    type: 'tool_result',
    tool_use_id: toolUseId,
    content: 'ok'
  }
  if (isError !== undefined) block.is_error = isError
  const extra = toolUseResult === undefined ? {} : { toolUseResult }
  return line('user', seconds, {
    message: { role: 'user', content: [block] },
    ...extra,
    ...fields
  })
}

export function system(
  seconds: number,
  subtype: string | null,
  fields: LineFields = {}
): string {
  return line('system', seconds, subtype === null ? fields : { subtype, ...fields })
}

/** Returns an agent_progress line that carries a copy of one subagent message. */
export function progressCopy(
  seconds: number,
  agentId: string,
  parentToolUseId: string,
  copy: { type: 'assistant' | 'user'; message: unknown; requestId?: string }
): string {
  const data = {
    type: 'agent_progress',
    agentId,
    message: { ...copy, timestamp: at(seconds), uuid: `copy-${seconds}` }
  }
  return line('progress', seconds, { data, parentToolUseID: parentToolUseId })
}

export function usage(
  input: number,
  cacheWrite: number,
  cacheRead: number,
  output: number
): Usage {
  return {
    input_tokens: input,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: output
  }
}

let counter = 0

function line(type: string, seconds: number, fields: Record<string, unknown>): string {
  counter += 1
  return JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    type,
    uuid: `uuid-${counter}`,
    timestamp: at(seconds),
    sessionId: SESSION,
    ...fields
  })
}

/** Writes `files` (path under the projects folder -> lines) and returns the folder. */
export function writeProjects(folder: string, files: Record<string, string[]>): string {
  const projects = join(folder, 'projects')
  for (const [path, lines] of Object.entries(files)) {
    const target = join(projects, path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, lines.map((text) => `${text}\n`).join(''))
  }
  return projects
}

/** Discovers and reads every session under `projects`. */
export async function readAll(
  projects: string
): Promise<{ records: LedgerRecord[]; diagnostics: Diagnostics }> {
  const diagnostics = new Diagnostics()
  const records: LedgerRecord[] = []
  for (const group of await claudeCodeAdapter.discover([projects], diagnostics)) {
    const result = await claudeCodeAdapter.readGroup(group, diagnostics)
    records.push(...result.records)
  }
  return { records, diagnostics }
}

/** Path of the one session log of the focused tests. */
export const SESSION_LOG = `-work/${SESSION}.jsonl`
