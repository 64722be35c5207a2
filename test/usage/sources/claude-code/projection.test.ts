import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import type { LedgerRecord } from '../../../../shared/ledger'
import type { Projection } from '../../../../electron/usage/reader/projection'
import {
  LINE_FIELDS,
  agentProgressSchema,
  assistantLineSchema,
  assistantMessageSchema,
  subagentCallSchema,
  subagentResultSchema,
  systemLineSchema,
  userLineSchema,
  userMessageSchema
} from '../../../../electron/usage/sources/claude-code/schema'
import { tempFolder } from '../../../support/temp'
import {
  SESSION,
  SESSION_LOG,
  assistant,
  at,
  prompt,
  readAll,
  toolResult,
  usage,
  userText,
  writeProjects
} from './logs'

/** Text full of what a byte scanner can trip over: quotes, backslashes, braces. */
const TRICKY = 'say "hi" \\ C:\\dir\\ {"type":"user"} ] , : \\" \u00e9 \u{1f600} '.repeat(
  300
)

/** Turn, agent, tool calls, tool errors and output of each record. */
function summary(records: LedgerRecord[]): [number, string, number, number, number][] {
  return records.map((record) => [
    record.turn,
    record.agent,
    record.toolCalls,
    record.toolErrors,
    record.outputTokens
  ])
}

describe('Claude Code lines read through the projection', () => {
  let folder: string
  let remove: () => void

  beforeEach(() => {
    const temp = tempFolder('lowkey-claude-projection-')
    folder = temp.path
    remove = temp.remove
  })
  afterEach(() => remove())

  const read = (files: Record<string, string[]>) => readAll(writeProjects(folder, files))

  it('reads tool results with long tricky output and nested results', async () => {
    const nested = {
      stdout: TRICKY,
      // Look-alikes of the fields the reader uses, one level too deep.
      file: {
        agentId: 'not-a-subagent',
        content: [{ type: 'tool_result', is_error: true }]
      },
      usage: { input_tokens: 1000, output_tokens: 1000 },
      structuredPatch: [{ lines: ['-"a"', '+\\b'] }]
    }
    const { records, diagnostics } = await read({
      [SESSION_LOG]: [
        prompt(0, 'go'),
        assistant(1, {
          id: 'm1',
          usage: usage(5, 0, 0, 7),
          text: TRICKY,
          tools: [
            ['call1', 'Bash', { command: TRICKY }],
            ['call2', 'Read', { file_path: '/x' }]
          ]
        }),
        toolResult(2, 'call1', { toolUseResult: nested }),
        toolResult(3, 'call2', { isError: true, toolUseResult: `Error: ${TRICKY}` })
      ]
    })

    expect(diagnostics.badLines).toBe(0)
    expect(summary(records)).toEqual([[1, 'claude-code', 2, 1, 7]])
    expect(records[0]?.finishedAt).toBe(at(3))
  })

  it('matches ids written with unicode escapes', async () => {
    const call = assistant(1, {
      id: 'm1',
      usage: usage(1, 0, 0, 1),
      tools: [['toolu_é', 'Bash']]
    })
    const result = toolResult(2, 'toolu_é', { isError: true }).replace(
      'toolu_é',
      'toolu_\\u00e9'
    )
    const { records } = await read({ [SESSION_LOG]: [prompt(0, 'go'), call, result] })

    expect(summary(records)).toEqual([[1, 'claude-code', 1, 1, 1]])
  })

  it('links a subagent through a long prompt with escapes', async () => {
    const launch = { subagent_type: 'Explore', prompt: TRICKY }
    const { records } = await read({
      [SESSION_LOG]: [
        prompt(0, TRICKY),
        assistant(1, {
          id: 'm1',
          usage: usage(1, 0, 0, 1),
          tools: [['c1', 'Task', launch]]
        }),
        toolResult(5, 'c1'),
        prompt(10, 'next'),
        assistant(11, { id: 'm2', usage: usage(1, 0, 0, 2) })
      ],
      [`-work/${SESSION}/subagents/agent-abc.jsonl`]: [
        // Starts after the next prompt, so only the prompt text links it to turn 1.
        userText(12, TRICKY, { isSidechain: true }),
        assistant(13, { id: 's1', usage: usage(1, 0, 0, 30) }, { isSidechain: true })
      ]
    })

    expect(summary(records)).toEqual([
      [1, 'claude-code', 1, 0, 1],
      [1, 'claude-code:Explore', 0, 0, 30],
      [2, 'claude-code', 0, 0, 2]
    ])
  })

  it('reads the record type at the end of a line', async () => {
    const last = (line: string): string => {
      const value = JSON.parse(line) as Record<string, unknown>
      const { type, ...rest } = value
      return JSON.stringify({ ...rest, type })
    }
    const { records } = await read({
      [SESSION_LOG]: [
        last(prompt(0, 'go')),
        last(
          assistant(1, { id: 'm1', usage: usage(3, 0, 0, 4), tools: [['c1', 'Bash']] })
        ),
        last(toolResult(2, 'c1', { isError: true })),
        last(userText(3, '[Request interrupted by user]'))
      ]
    })

    expect(summary(records)).toEqual([[1, 'claude-code', 1, 1, 4]])
    expect(records[0]?.tokens).toBe('partial')
  })

  it('keeps every field the schemas read', () => {
    // `text` is read only from user lines without tool results, which the
    // reader parses whole.
    const parsedWhole = new Set([
      'message.content.text',
      'data.message.message.content.text'
    ])
    const missing = fieldsOf(lineSchemas(), '').filter(
      (path) => !parsedWhole.has(path) && !isKept(LINE_FIELDS, path.split('.'))
    )
    expect(missing).toEqual([])
  })
})

/** Lists every line schema, with the schemas that read its `unknown` fields put in place. */
function lineSchemas(): z.ZodType[] {
  const call = { input: subagentCallSchema }
  const message = z.union([
    assistantMessageSchema,
    userMessageSchema,
    z.object({ content: z.array(z.object(call)) })
  ])
  return [
    assistantLineSchema,
    userLineSchema.extend({ toolUseResult: subagentResultSchema }),
    systemLineSchema,
    agentProgressSchema,
    z.object({ data: z.object({ message: z.object({ message }) }) }),
    z.object({ message: z.object({ content: z.array(z.object(call)) }) }),
    z.object({ type: z.string(), data: z.object({ type: z.string() }) })
  ]
}

/** Lists the dotted paths of the object fields that schemas declare, arrays looked through. */
function fieldsOf(schemas: z.ZodType[], prefix: string): string[] {
  const paths: string[] = []
  for (const schema of schemas) {
    const inner = unwrap(schema)
    if (inner instanceof z.ZodObject) {
      for (const [key, field] of Object.entries(
        inner.shape as Record<string, z.ZodType>
      )) {
        const path = `${prefix}${key}`
        paths.push(path, ...fieldsOf([field], `${path}.`))
      }
    } else if (inner instanceof z.ZodUnion) {
      paths.push(...fieldsOf([...inner.options] as z.ZodType[], prefix))
    } else if (inner instanceof z.ZodArray) {
      paths.push(...fieldsOf([inner.element as z.ZodType], prefix))
    }
  }
  return [...new Set(paths)]
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.ZodType
  }
  return current
}

function isKept(projection: Projection, path: string[]): boolean {
  const [key, ...rest] = path
  const rule = key === undefined ? undefined : projection[key]
  if (rule === undefined) return false
  return rule === true || rest.length === 0 || isKept(rule, rest)
}
