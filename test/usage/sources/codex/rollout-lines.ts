import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { LedgerRecord } from '../../../../shared/ledger'
import { Diagnostics } from '../../../../electron/usage/diagnostics'
import { codexAdapter } from '../../../../electron/usage/sources/codex'

/** Builds rollout lines in the 0.104 envelope, at whole seconds after 2026-01-05T10:00:00Z. */
export function at(second: number): string {
  return new Date(Date.UTC(2026, 0, 5, 10, 0, second)).toISOString()
}

type Line = Record<string, unknown>

export function envelope(second: number, type: string, payload: Line): Line {
  return { timestamp: at(second), type, payload }
}

export function event(second: number, payload: Line): Line {
  return envelope(second, 'event_msg', payload)
}

export function item(second: number, payload: Line): Line {
  return envelope(second, 'response_item', payload)
}

export function sessionMeta(second: number, fields: Line = {}): Line {
  return envelope(second, 'session_meta', {
    id: 'session-1',
    cli_version: '0.104.0',
    ...fields
  })
}

export function turnContext(second: number, model: string, turnId?: string): Line {
  return envelope(second, 'turn_context', {
    model,
    ...(turnId ? { turn_id: turnId } : {})
  })
}

export const taskStarted = (second: number, turnId: string) =>
  event(second, { type: 'task_started', turn_id: turnId })
export const taskComplete = (second: number, turnId: string) =>
  event(second, { type: 'task_complete', turn_id: turnId })
export const turnAborted = (second: number, turnId: string) =>
  event(second, { type: 'turn_aborted', turn_id: turnId, reason: 'interrupted' })
export const userMessage = (second: number, message = 'do it') =>
  event(second, { type: 'user_message', message, images: [] })
export const assistantMessage = (second: number) =>
  item(second, {
    type: 'message',
    role: 'assistant',
    content: [{ type: 'output_text', text: 'done' }]
  })

export interface Usage {
  input_tokens: number
  cached_input_tokens: number
  output_tokens: number
  reasoning_output_tokens: number
  total_tokens: number
  cache_write_input_tokens?: number
}

export function usage(
  input: number,
  cached: number,
  output: number,
  reasoning = 0
): Usage {
  return {
    input_tokens: input,
    cached_input_tokens: cached,
    output_tokens: output,
    reasoning_output_tokens: reasoning,
    total_tokens: input + output
  }
}

export function tokenCount(second: number, total: Usage, last: Usage): Line {
  return event(second, {
    type: 'token_count',
    info: {
      total_token_usage: total,
      last_token_usage: last,
      model_context_window: 258400
    },
    rate_limits: null
  })
}

export const functionCall = (second: number, callId: string, name = 'shell') =>
  item(second, { type: 'function_call', name, arguments: '{}', call_id: callId })
export const functionOutput = (second: number, callId: string, output: string) =>
  item(second, { type: 'function_call_output', call_id: callId, output })

/** Writes lines (objects or raw text) to a rollout file and reads it as one conversation. */
export async function readLines(
  lines: ReadonlyArray<Line | string>
): Promise<{ records: LedgerRecord[]; diagnostics: Diagnostics; path: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'lowkey-codex-'))
  try {
    const path = join(folder, 'rollout-2026-01-05T10-00-00-session-1.jsonl')
    const text = lines.map((line) =>
      typeof line === 'string' ? line : JSON.stringify(line)
    )
    writeFileSync(path, text.join('\n') + '\n')
    const diagnostics = new Diagnostics()
    const group = {
      conversation: 'session-1',
      files: [{ path, root: folder, name: 'rollout-2026-01-05T10-00-00-session-1.jsonl' }]
    }
    const { records } = await codexAdapter.readGroup(group, diagnostics)
    return { records, diagnostics, path }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
