import { describe, expect, it } from 'vitest'

import {
  event,
  functionCall,
  functionOutput,
  item,
  readLines,
  taskComplete,
  taskStarted,
  tokenCount,
  turnContext,
  usage,
  userMessage
} from './rollout-lines'

const opening = [
  taskStarted(1, 'turn-a'),
  userMessage(1),
  turnContext(1, 'gpt-5.3-codex'),
  tokenCount(2, usage(100, 0, 10), usage(100, 0, 10))
]

async function toolFigures(lines: Array<Record<string, unknown>>) {
  const { records } = await readLines([...opening, ...lines, taskComplete(30, 'turn-a')])
  return { calls: records[0]?.toolCalls, errors: records[0]?.toolErrors }
}

/** Output of the CLI 0.58 shell tool: a JSON string with the exit code in metadata. */
const shellOutput = (exitCode: number) =>
  JSON.stringify({
    output: 'text',
    metadata: { exit_code: exitCode, duration_seconds: 0.1 }
  })

describe('Codex tool calls', () => {
  it('counts each call id once', async () => {
    const figures = await toolFigures([
      functionCall(3, 'call-1'),
      functionCall(4, 'call-1'),
      item(5, {
        type: 'custom_tool_call',
        call_id: 'call-2',
        name: 'apply_patch',
        input: ''
      }),
      item(6, { type: 'local_shell_call', call_id: 'call-3', status: 'completed' }),
      // 0.104 writes web searches with neither call_id nor id: each line is a call.
      item(7, { type: 'web_search_call', status: 'completed' }),
      item(8, { type: 'web_search_call', status: 'completed' })
    ])
    expect(figures).toEqual({ calls: 5, errors: 0 })
  })

  it('reads 0.58 exit codes from JSON output', async () => {
    const figures = await toolFigures([
      functionCall(3, 'call-1'),
      functionOutput(4, 'call-1', shellOutput(0)),
      functionCall(5, 'call-2'),
      functionOutput(6, 'call-2', shellOutput(1)),
      functionCall(7, 'call-3'),
      functionOutput(8, 'call-3', shellOutput(2)),
      functionCall(9, 'call-4', 'update_plan'),
      functionOutput(10, 'call-4', 'Plan updated')
    ])
    expect(figures).toEqual({ calls: 4, errors: 2 })
  })

  it('reads exit codes from text headers', async () => {
    const figures = await toolFigures([
      functionCall(3, 'call-1'),
      functionOutput(
        4,
        'call-1',
        'Exit code: 1\nWall time: 0.2 seconds\nOutput:\nno such file'
      ),
      functionCall(5, 'call-2', 'exec_command'),
      functionOutput(
        6,
        'call-2',
        'Chunk ID: 1\nWall time: 0.1000 seconds\nProcess exited with code 127\nOutput:\n'
      ),
      functionCall(7, 'call-3'),
      functionOutput(
        8,
        'call-3',
        'Exit code: 0\nWall time: 0.1 seconds\nOutput:\nExit code: 1'
      ),
      item(9, {
        type: 'custom_tool_call',
        call_id: 'call-4',
        name: 'apply_patch',
        input: ''
      }),
      item(10, {
        type: 'custom_tool_call_output',
        call_id: 'call-4',
        output: 'Exit code: 1\nWall time: 0 seconds\nOutput:\npatch failed'
      })
    ])
    expect(figures).toEqual({ calls: 4, errors: 3 })
  })

  it('counts failures from end events once', async () => {
    const figures = await toolFigures([
      functionCall(3, 'call-1', 'exec_command'),
      event(4, {
        type: 'exec_command_end',
        call_id: 'call-1',
        exit_code: 2,
        status: 'failed'
      }),
      functionOutput(5, 'call-1', 'Process exited with code 2\nOutput:\n'),
      event(6, {
        type: 'mcp_tool_call_end',
        call_id: 'call-2',
        result: { Err: 'server not running' }
      }),
      event(7, {
        type: 'mcp_tool_call_end',
        call_id: 'call-3',
        result: { Ok: { content: [], isError: true } }
      }),
      event(8, {
        type: 'mcp_tool_call_end',
        call_id: 'call-4',
        result: { Ok: { content: [], isError: false } }
      }),
      event(9, { type: 'patch_apply_end', call_id: 'call-5', success: false }),
      event(10, {
        type: 'exec_command_end',
        call_id: 'call-6',
        exit_code: 0,
        status: 'completed'
      })
    ])
    expect(figures).toEqual({ calls: 6, errors: 4 })
  })

  it('puts failure on calling model', async () => {
    const { records } = await readLines([
      ...opening,
      functionCall(3, 'call-1'),
      turnContext(4, 'gpt-5.1-codex', 'turn-a'),
      tokenCount(5, usage(300, 0, 30), usage(200, 0, 20)),
      functionOutput(6, 'call-1', shellOutput(1)),
      taskComplete(7, 'turn-a')
    ])
    expect(records.map((r) => [r.model, r.toolCalls, r.toolErrors])).toEqual([
      ['gpt-5.3-codex', 1, 1],
      ['gpt-5.1-codex', 0, 0]
    ])
  })
})
