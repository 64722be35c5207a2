import { once } from 'node:events'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'

import { describe, expect, it } from 'vitest'

import { Diagnostics } from '../../../../electron/usage/diagnostics'
import { readRollout } from '../../../../electron/usage/sources/codex/rollout'
import {
  envelope,
  event,
  functionCall,
  readLines,
  sessionMeta,
  taskComplete,
  taskStarted,
  tokenCount,
  turnContext,
  usage,
  userMessage
} from './rollout-lines'

describe('Codex log variants', () => {
  it('skips the mid-2025 format with a note', async () => {
    const { records, diagnostics } = await readLines([
      { id: 'old-session', timestamp: '2025-06-01T09:00:00.000Z', instructions: null },
      { record_type: 'state' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
      { type: 'function_call', name: 'shell', arguments: '{}', call_id: 'call-1' },
      {
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'ok' }]
      },
      { record_type: 'state' }
    ])
    expect(records).toEqual([])
    expect(diagnostics.badLines).toBe(0)
    expect(diagnostics.problems.map((problem) => problem.message)).toEqual([
      'skipped lines in the mid-2025 rollout format, which has no timestamps or token counts'
    ])
  })

  it('reads a file with several session_meta lines', async () => {
    const { records, diagnostics } = await readLines([
      sessionMeta(0, { id: 'session-1', model_provider: 'openai' }),
      sessionMeta(0, {
        id: 'parent-session',
        forked_from_id: 'x',
        model_provider: 'openai'
      }),
      taskStarted(1, 'turn-a'),
      userMessage(1),
      tokenCount(2, usage(100, 0, 10), usage(100, 0, 10)),
      taskComplete(3, 'turn-a'),
      sessionMeta(10, { id: 'session-1', model_provider: 'oss' }),
      taskStarted(11, 'turn-b'),
      userMessage(11),
      tokenCount(12, usage(300, 0, 30), usage(200, 0, 20)),
      taskComplete(13, 'turn-b')
    ])
    expect(records.map((r) => [r.turn, r.provider, r.inputTokens])).toEqual([
      [1, 'openai', 100],
      [2, 'oss', 200]
    ])
    expect(diagnostics.problems).toEqual([])
  })

  it('counts unknown record types', async () => {
    const { records, diagnostics } = await readLines([
      taskStarted(1, 'turn-a'),
      envelope(2, 'world_state', {
        full: true,
        state: { collaboration_mode: { model: 'x' } }
      }),
      event(3, { type: 'collab_agent_spawn_end', call_id: 'c', model: 'gpt-5.5' }),
      envelope(4, 'inter_agent_communication_metadata', { trigger_turn: false }),
      // Written with an invalid timestamp, an unknown type still counts as unknown.
      { timestamp: 'not a time', type: 'event_msg', payload: { type: 'x', model: 'y' } },
      tokenCount(5, usage(100, 0, 10), usage(100, 0, 10)),
      taskComplete(6, 'turn-a')
    ])
    // inter_agent_communication_metadata names no model and carries no tokens,
    // so no needle lets it through to be counted.
    expect(diagnostics.unknownRecords).toBe(3)
    expect(diagnostics.badLines).toBe(0)
    expect(records[0]?.inputTokens).toBe(100)
  })

  it('reports bad lines and reads on', async () => {
    const { records, diagnostics, path } = await readLines([
      taskStarted(1, 'turn-a'),
      '{"type":"token_count", truncated',
      event(2, {
        type: 'token_count',
        info: { total_token_usage: { input_tokens: 'many' } }
      }),
      { timestamp: 'yesterday', type: 'turn_context', payload: { model: 'gpt-5' } },
      tokenCount(3, usage(100, 0, 10), usage(100, 0, 10)),
      taskComplete(4, 'turn-a')
    ])
    expect(records[0]?.inputTokens).toBe(100)
    expect(diagnostics.badLines).toBe(3)
    expect(diagnostics.problems.map((problem) => [problem.file, problem.line])).toEqual([
      [path, 2],
      [path, 3],
      [path, 4]
    ])
    expect(diagnostics.problems[0]?.message).toMatch(/^not valid JSON/)
    expect(diagnostics.problems[1]?.message).toMatch(
      /^invalid token_count payload: info\./
    )
    expect(diagnostics.problems[2]?.message).toMatch(
      /^invalid turn_context record: timestamp/
    )
  })

  it('streams a 50 MB file without usage', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lowkey-codex-large-'))
    try {
      const path = join(folder, 'rollout-large.jsonl')
      const out = createWriteStream(path)
      const reasoning = JSON.stringify({
        timestamp: '2026-01-05T10:00:00.000Z',
        type: 'event_msg',
        payload: { type: 'agent_reasoning', text: 'thinking '.repeat(100) }
      })
      const block = `${reasoning}\n`.repeat(1_000)
      while (out.bytesWritten + out.writableLength < 50 * 1024 * 1024) {
        if (!out.write(block)) await once(out, 'drain')
      }
      out.end()
      await finished(out)

      const diagnostics = new Diagnostics()
      const { turns, scan } = await readRollout(path, diagnostics)
      expect(turns).toEqual([])
      expect(diagnostics.problems).toEqual([])
      expect(scan.endOffset).toBe(statSync(path).size)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('reads turn_context before any prompt', async () => {
    const { records } = await readLines([
      turnContext(0, 'gpt-5.1-codex'),
      userMessage(1),
      functionCall(2, 'call-1')
    ])
    expect(records.map((r) => [r.turn, r.model, r.toolCalls])).toEqual([
      [1, 'gpt-5.1-codex', 1]
    ])
  })
})
