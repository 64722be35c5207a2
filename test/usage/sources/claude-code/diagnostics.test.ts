import { appendFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { tempFolder } from '../../../support/temp'
import {
  SESSION,
  SESSION_LOG,
  assistant,
  prompt,
  readAll,
  system,
  usage,
  writeProjects
} from './logs'

describe('Claude Code unknown and bad lines', () => {
  let folder: string
  let remove: () => void

  beforeEach(() => {
    const temp = tempFolder('lowkey-claude-diagnostics-')
    folder = temp.path
    remove = temp.remove
  })
  afterEach(() => remove())

  it('counts unknown record types and system subtypes', async () => {
    const projects = writeProjects(folder, {
      [SESSION_LOG]: [
        prompt(0, 'go'),
        // Unknown, but carries usage: the usage needle lets it be seen and counted.
        JSON.stringify({ type: 'billing-event', usage: { input_tokens: 5 } }),
        system(1, 'brand_new_subtype'),
        system(2, 'turn_duration', { durationMs: 3000 }),
        system(3, null, { content: 'hook output', level: 'info' }),
        // Known bookkeeping with usage inside: neither unknown nor spend.
        JSON.stringify({ type: 'result', usage: { input_tokens: 999 } }),
        JSON.stringify({ type: 'file-history-snapshot', snapshot: {} }),
        assistant(4, { id: 'm1', usage: usage(1, 0, 0, 1) })
      ]
    })

    const { records, diagnostics } = await readAll(projects)

    expect(diagnostics.unknownRecords).toBe(2)
    expect(diagnostics.badLines).toBe(0)
    expect(records.map((record) => record.inputTokens)).toEqual([1])
  })

  it('reports bad lines and keeps the lines around them', async () => {
    const projects = writeProjects(folder, {
      [SESSION_LOG]: [
        prompt(0, 'go'),
        '{"type":"assistant","message":',
        JSON.stringify({ type: 'assistant', timestamp: 'yesterday', message: {} }),
        assistant(1, { id: 'm1', usage: { input_tokens: -3, output_tokens: 1 } }),
        '[{"type":"user"}]',
        assistant(2, { id: 'm2', usage: usage(10, 0, 0, 1) })
      ]
    })

    const { records, diagnostics } = await readAll(projects)

    const file = join(projects, SESSION_LOG)
    expect(diagnostics.problems.map((problem) => [problem.file, problem.line])).toEqual([
      [file, 2],
      [file, 3],
      [file, 4],
      [file, 5]
    ])
    expect(diagnostics.problems[0]?.message).toMatch(/^not valid JSON/)
    expect(diagnostics.problems[1]?.message).toMatch(/^invalid assistant line: timestamp/)
    expect(diagnostics.problems[2]?.message).toMatch(/message\.usage\.input_tokens/)
    expect(diagnostics.problems[3]?.message).toBe('not a JSON object')
    expect(records.map((record) => record.inputTokens)).toEqual([10])
  })

  it('never parses lines without a needle', async () => {
    const projects = writeProjects(folder, {
      [SESSION_LOG]: [
        prompt(0, 'go'),
        '{"type":"file-history-snapshot", not JSON inside }',
        '{"type":"progress","data":{"type":"hook_progress"} and more }',
        assistant(1, { id: 'm1', usage: usage(10, 0, 0, 1) })
      ]
    })

    const { records, diagnostics } = await readAll(projects)

    expect(diagnostics.badLines).toBe(0)
    expect(records.map((record) => record.inputTokens)).toEqual([10])
  })

  it('reports a line cut before any needle without parsing it', async () => {
    const whole = assistant(1, { id: 'm1', usage: usage(10, 0, 0, 1) })
    const projects = writeProjects(folder, {
      [SESSION_LOG]: [
        prompt(0, 'go'),
        whole.slice(0, whole.indexOf('"type"')),
        '{"type":"file-history-snapshot", this line is cut',
        whole
      ]
    })

    const { records, diagnostics } = await readAll(projects)

    expect(
      diagnostics.problems.map((problem) => [problem.line, problem.message])
    ).toEqual([
      [2, 'not a JSON object (a cut-off or stray line)'],
      [3, 'not a JSON object (a cut-off or stray line)']
    ])
    expect(records.map((record) => record.inputTokens)).toEqual([10])
  })

  it('leaves a last line still being written for later', async () => {
    const projects = writeProjects(folder, {
      [SESSION_LOG]: [
        prompt(0, 'go'),
        assistant(1, { id: 'm1', usage: usage(10, 0, 0, 1) })
      ]
    })
    const file = join(projects, SESSION_LOG)
    appendFileSync(file, assistant(2, { id: 'm2', usage: usage(50, 0, 0, 1) }))

    const { records, diagnostics } = await readAll(projects)

    expect(diagnostics.partialTails).toEqual([file])
    expect(records[0]?.inputTokens).toBe(10)
    expect(records[0]?.conversation).toBe(SESSION)
  })
})
