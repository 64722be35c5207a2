import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { Diagnostics } from '../../../../electron/usage/diagnostics'
import { codexAdapter } from '../../../../electron/usage/sources/codex'
import type {
  GroupResult,
  GroupResume,
  LogGroup
} from '../../../../electron/usage/sources/types'
import { tempFolder } from '../../../support/temp'
import { SAMPLE_NAMES, lineEnds, sampleBytes } from './fixture-samples'

// Every check here compares a resumed read with a whole read of the same
// bytes, so the expected values come from `readGroup`, not from `resumeGroup`.

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder('lowkey-codex-resume-')
})
afterEach(() => temp.remove())

/** Makes a group of rollout files under the temp folder, named as discovery names them. */
function groupOf(...names: string[]): LogGroup {
  const files = names.map((name) => {
    const path = join(temp.path, name)
    mkdirSync(dirname(path), { recursive: true })
    return { path, root: temp.path, name }
  })
  return { conversation: 'session', files }
}

interface Read {
  result: GroupResult
  diagnostics: Diagnostics
}

async function readWhole(group: LogGroup): Promise<Read> {
  const diagnostics = new Diagnostics()
  return { result: await codexAdapter.readGroup(group, diagnostics), diagnostics }
}

/** Builds the resume point that a build hands over, with the state passed through JSON as a build stores it. */
function resumeOf(earlier: GroupResult): GroupResume {
  const offsets = new Map<string, { endOffset: number; lines: number }>()
  for (const [path, scan] of earlier.scans)
    offsets.set(path, { endOffset: scan.endOffset, lines: scan.lines })
  return {
    records: earlier.records,
    title: earlier.title,
    state: JSON.parse(JSON.stringify(earlier.state)) as unknown,
    offsets
  }
}

async function resumeRead(group: LogGroup, resume: GroupResume): Promise<Read> {
  const resumeGroup = codexAdapter.resumeGroup
  if (!resumeGroup) throw new Error('the Codex adapter has no resumeGroup')
  const diagnostics = new Diagnostics()
  return { result: await resumeGroup(group, resume, diagnostics), diagnostics }
}

/** Adds up the diagnostics of consecutive reads of the same logs, as a build keeps them. */
function combined(...parts: Diagnostics[]) {
  return {
    problems: parts.flatMap((part) => part.problems),
    badLines: parts.reduce((sum, part) => sum + part.badLines, 0),
    unreadableFiles: parts.reduce((sum, part) => sum + part.unreadableFiles, 0),
    unknownRecords: parts.reduce((sum, part) => sum + part.unknownRecords, 0)
  }
}

/** Checks that a resumed read gives what a whole read gives, state text included. */
function expectSameResult(resumed: GroupResult, whole: GroupResult, context: string) {
  expect(resumed.records, context).toEqual(whole.records)
  expect(resumed.title, context).toBe(whole.title)
  expect(JSON.stringify(resumed.state), context).toBe(JSON.stringify(whole.state))
  expect([...resumed.scans.keys()], context).toEqual([...whole.scans.keys()])
  for (const [path, scan] of whole.scans) {
    const { startOffset: _start, ...rest } = scan
    expect(resumed.scans.get(path), context).toMatchObject(rest)
  }
}

/**
 * Writes the first `cut` bytes of a sample, reads them, appends the rest,
 * resumes, and compares with a whole read of the sample.
 */
async function checkCut(
  group: LogGroup,
  bytes: Buffer,
  cut: number,
  whole: Read
): Promise<void> {
  const path = group.files[0]?.path ?? ''
  writeFileSync(path, bytes.subarray(0, cut))
  const first = await readWhole(group)
  appendFileSync(path, bytes.subarray(cut))
  const resumed = await resumeRead(group, resumeOf(first.result))

  const context = `cut at byte ${cut}`
  const firstEnd = first.result.scans.get(path)?.endOffset
  expect(resumed.result.scans.get(path)?.startOffset, context).toBe(firstEnd)
  expectSameResult(resumed.result, whole.result, context)
  expect(combined(first.diagnostics, resumed.diagnostics), context).toEqual(
    combined(whole.diagnostics)
  )
}

async function wholeReadOf(group: LogGroup, bytes: Buffer): Promise<Read> {
  writeFileSync(group.files[0]?.path ?? '', bytes)
  return readWhole(group)
}

describe('Codex resumeGroup', () => {
  it.each(SAMPLE_NAMES)('resumes %s at every line end', async (sample) => {
    const bytes = sampleBytes(sample)
    const group = groupOf('rollout-session.jsonl')
    const whole = await wholeReadOf(group, bytes)
    expect(whole.result.records.length).toBeGreaterThan(0)

    for (const cut of [0, ...lineEnds(bytes)]) await checkCut(group, bytes, cut, whole)
  })

  it.each(SAMPLE_NAMES)('resumes %s after a cut inside a line', async (sample) => {
    const bytes = sampleBytes(sample)
    const group = groupOf('rollout-session.jsonl')
    const whole = await wholeReadOf(group, bytes)
    const ends = lineEnds(bytes)

    // One byte into a line, its middle, and just before its newline.
    const cuts = ends.flatMap((end, index) => {
      const start = ends[index - 1] ?? 0
      return index % 5 === 0 ? [start + 1, Math.floor((start + end) / 2), end - 1] : []
    })
    expect(cuts.length).toBeGreaterThan(2)
    for (const cut of cuts) await checkCut(group, bytes, cut, whole)
  })

  it.each(SAMPLE_NAMES)('resumes %s again after each append', async (sample) => {
    const bytes = sampleBytes(sample)
    const group = groupOf('rollout-session.jsonl')
    const path = group.files[0]?.path ?? ''
    const ends = lineEnds(bytes)
    // About 25 steps, each ending inside a line, so every read leaves a partial line.
    const stride = Math.max(1, Math.floor(ends.length / 25))
    const cuts = ends
      .filter((_end, index) => index % stride === stride - 1)
      .map((end) => end - 3)
      .concat(bytes.length)

    writeFileSync(path, '')
    let previous = await readWhole(group)
    const found: Diagnostics[] = [previous.diagnostics]
    let written = 0
    for (const cut of cuts) {
      appendFileSync(path, bytes.subarray(written, cut))
      written = cut
      const resumed = await resumeRead(group, resumeOf(previous.result))
      found.push(resumed.diagnostics)

      const whole = await readWhole(group)
      const context = `grown to byte ${cut}`
      expectSameResult(resumed.result, whole.result, context)
      expect(combined(...found), context).toEqual(combined(whole.diagnostics))
      previous = resumed
    }
  })

  it('resumes a rollout kept twice, both growing', async () => {
    const bytes = sampleBytes('localpush-0.104-multiturn')
    const ends = lineEnds(bytes)
    const group = groupOf(
      'sessions/2026/02/23/rollout-multiturn.jsonl',
      'archived_sessions/rollout-multiturn.jsonl'
    )
    const [live, archived] = group.files.map((file) => file.path)
    if (!live || !archived) throw new Error('the group has two files')

    // The archived copy stays behind the live file, as a copy cut short does.
    const steps: Array<[number, number]> = [
      [100, 40],
      [250, 40],
      [400, 300],
      [ends.length - 1, 300],
      [ends.length, ends.length]
    ]
    writeFileSync(live, '')
    writeFileSync(archived, '')
    let previous = await readWhole(group)
    const found: Diagnostics[] = [previous.diagnostics]
    for (const [liveLines, archivedLines] of steps) {
      writeFileSync(live, bytes.subarray(0, ends[liveLines - 1]))
      writeFileSync(archived, bytes.subarray(0, ends[archivedLines - 1]))
      const resumed = await resumeRead(group, resumeOf(previous.result))
      found.push(resumed.diagnostics)

      const whole = await readWhole(group)
      const context = `live ${liveLines} lines, archived ${archivedLines}`
      expectSameResult(resumed.result, whole.result, context)
      expect(combined(...found), context).toEqual(combined(whole.diagnostics))
      previous = resumed
    }
    expect(new Set(previous.result.records.map((record) => record.turn)).size).toBe(5)
  })

  it('keeps the mid-2025 note in line order', async () => {
    const lines = [
      { id: 'old-session', timestamp: '2025-06-01T09:00:00.000Z', instructions: null },
      { type: 'function_call', name: 'shell', arguments: '{}', call_id: 'call-1' },
      { timestamp: 'not a time', type: 'turn_context', payload: { model: 'gpt-5' } },
      { type: 'message', role: 'assistant', content: [] },
      { timestamp: 'later', type: 'event_msg', payload: { type: 'token_count' } }
    ]
    const bytes = Buffer.from(lines.map((line) => JSON.stringify(line) + '\n').join(''))
    const group = groupOf('rollout-old.jsonl')
    const whole = await wholeReadOf(group, bytes)
    expect(whole.diagnostics.problems.map((problem) => problem.line)).toEqual([
      undefined,
      3,
      5
    ])

    for (const cut of lineEnds(bytes)) await checkCut(group, bytes, cut, whole)
  })
})

describe('Codex resumeGroup falling back to a whole read', () => {
  const sample = 'localpush-0.104-compaction-daychange-window'

  async function cutAndGrow(group: LogGroup): Promise<{ first: Read; whole: Read }> {
    const bytes = sampleBytes(sample)
    const cut = lineEnds(bytes)[300] ?? 0
    for (const file of group.files) writeFileSync(file.path, bytes.subarray(0, cut))
    const first = await readWhole(group)
    for (const file of group.files) appendFileSync(file.path, bytes.subarray(cut))
    return { first, whole: await readWhole(group) }
  }

  it.each([
    ['no state', undefined],
    ['a state of another version', { version: 0, rollouts: [] }],
    ['a state that is not an object', 'state'],
    ['a state with a damaged turn', { version: 1, rollouts: [{ name: 'x', turns: 3 }] }]
  ])('rereads the group given %s', async (_case, state) => {
    const group = groupOf('rollout-session.jsonl')
    const { first, whole } = await cutAndGrow(group)
    const resumed = await resumeRead(group, { ...resumeOf(first.result), state })

    for (const scan of resumed.result.scans.values()) expect(scan.startOffset).toBe(0)
    expectSameResult(resumed.result, whole.result, 'reread')
    expect(combined(resumed.diagnostics)).toEqual(combined(whole.diagnostics))
  })

  it('rereads a log whose state ended at another offset', async () => {
    const group = groupOf('rollout-session.jsonl')
    const { first, whole } = await cutAndGrow(group)
    const resume = resumeOf(first.result)
    const path = group.files[0]?.path ?? ''
    const offset = resume.offsets.get(path)
    if (!offset) throw new Error('the first read has no offset')
    resume.offsets.set(path, { endOffset: offset.endOffset + 1, lines: offset.lines })

    const resumed = await resumeRead(group, resume)
    expect(resumed.result.scans.get(path)?.startOffset).toBe(0)
    expectSameResult(resumed.result, whole.result, 'reread')
  })

  it('rereads only the log whose state names another file', async () => {
    const group = groupOf('sessions/rollout-a.jsonl', 'archived_sessions/rollout-b.jsonl')
    const { first, whole } = await cutAndGrow(group)
    const resume = resumeOf(first.result)
    const state = resume.state as { rollouts: Array<{ name: string }> }
    const second = state.rollouts[1]
    if (!second) throw new Error('the state has no second rollout')
    second.name = 'archived_sessions/rollout-c.jsonl'

    const resumed = await resumeRead(group, resume)
    const [a, b] = group.files.map((file) => resumed.result.scans.get(file.path))
    expect(a?.startOffset).toBeGreaterThan(0)
    expect(b?.startOffset).toBe(0)
    expectSameResult(resumed.result, whole.result, 'second log reread')
  })
})
