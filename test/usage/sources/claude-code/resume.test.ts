import {
  appendFileSync,
  cpSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { join, relative } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { rebuild } from '../../../../electron/usage/build'
import { Diagnostics } from '../../../../electron/usage/diagnostics'
import { claudeCodeAdapter } from '../../../../electron/usage/sources/claude-code/index'
import type {
  GroupResult,
  LogGroup,
  SourceAdapter
} from '../../../../electron/usage/sources/types'
import { sourceTarget } from '../../../../electron/usage/targets'
import { REPO, tempFolder } from '../../../support/temp'
import { SESSION, SESSION_LOG, assistant, prompt, usage, writeProjects } from './logs'
import { seededRandom, setContents } from '../../../support/sets'

const FIXTURES = join(REPO, 'test', 'fixtures', 'claude-code', 'projects')

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder()
})
afterEach(() => temp.remove())

/** Copies the fixture sessions (the samples in Claude Code's own layout) into a temporary folder. */
function copyLogs(): string {
  const projects = join(temp.path, 'projects')
  cpSync(FIXTURES, projects, { recursive: true })
  return projects
}

/** Offsets just past each line end of a log. */
function lineEnds(bytes: Buffer): number[] {
  const ends: number[] = []
  for (
    let index = bytes.indexOf(10);
    index !== -1;
    index = bytes.indexOf(10, index + 1)
  ) {
    ends.push(index + 1)
  }
  return ends
}

function problemsAfter(diagnostics: Diagnostics, file: string, line: number): string[] {
  return diagnostics.problems
    .filter((problem) => problem.file !== file || (problem.line ?? 0) > line)
    .map((problem) => `${problem.file}:${problem.line ?? ''} ${problem.message}`)
}

/** Reads a group with its own log cut at `cut` bytes, then resumes it on the whole log. */
async function resumeAt(
  group: LogGroup,
  whole: Buffer,
  cut: number
): Promise<{
  resumed: GroupResult
  resumedDiagnostics: Diagnostics
  line: number
  from: number
}> {
  const own = group.files[0]?.path ?? ''
  writeFileSync(own, whole.subarray(0, cut))
  const first = await claudeCodeAdapter.readGroup(group, new Diagnostics())
  const scan = first.scans.get(own)
  writeFileSync(own, whole)
  if (!scan) throw new Error(`no scan of ${own}`)

  const resumedDiagnostics = new Diagnostics()
  const resumeGroup = claudeCodeAdapter.resumeGroup
  if (!resumeGroup) throw new Error('the Claude Code adapter resumes')
  const resumed = await resumeGroup(
    group,
    {
      records: first.records,
      // The state goes through a file between builds.
      state: JSON.parse(JSON.stringify(first.state)) as unknown,
      offsets: new Map([[own, { endOffset: scan.endOffset, lines: scan.lines }]])
    },
    resumedDiagnostics
  )
  return { resumed, resumedDiagnostics, line: scan.lines, from: scan.endOffset }
}

describe('resumed Claude Code reads', () => {
  it('equal a whole read wherever the own log was cut', async () => {
    const projects = copyLogs()
    const groups = await claudeCodeAdapter.discover([projects], new Diagnostics())
    expect(groups.length).toBeGreaterThanOrEqual(9)

    let resumes = 0
    for (const group of groups) {
      const own = group.files[0]
      if (!own || own.path.includes('/agent-')) continue
      const whole = readFileSync(own.path)
      const wholeDiagnostics = new Diagnostics()
      const expected = await claudeCodeAdapter.readGroup(group, wholeDiagnostics)

      // Every line end of short logs, about 25 of long ones, and the middle of a line.
      const ends = lineEnds(whole)
      const step = Math.max(1, Math.floor(ends.length / 25))
      const cuts = ends.filter((_, index) => index % step === 0)
      if (ends.length > 1) cuts.push(Math.floor(((ends[0] ?? 0) + (ends[1] ?? 0)) / 2))

      for (const cut of [0, ...cuts]) {
        const { resumed, resumedDiagnostics, line, from } = await resumeAt(
          group,
          whole,
          cut
        )
        const where = `${relative(projects, own.path)} cut at ${cut}`
        expect(resumed.records, where).toEqual(expected.records)
        expect(resumed.state, where).toEqual(expected.state)
        expect(resumed.scans.get(own.path)?.startOffset, where).toBe(from)
        expect(problemsAfter(resumedDiagnostics, own.path, line), where).toEqual(
          problemsAfter(wholeDiagnostics, own.path, line)
        )
        resumes += 1
      }
    }
    expect(resumes).toBeGreaterThan(100)
  })

  it('reread subagent logs whole', async () => {
    const projects = copyLogs()
    const groups = await claudeCodeAdapter.discover([projects], new Diagnostics())
    const group = groups.find((candidate) => candidate.files.length > 1)
    if (!group) throw new Error('no session with a subagent log among the fixtures')
    const whole = readFileSync(group.files[0]?.path ?? '')
    const { resumed } = await resumeAt(group, whole, lineEnds(whole)[2] ?? 0)
    for (const file of group.files.slice(1)) {
      expect(resumed.scans.get(file.path)?.startOffset).toBe(0)
      expect(resumed.scans.get(file.path)?.endOffset).toBeGreaterThan(0)
    }
  })
})

describe('resumed Claude Code rebuilds', () => {
  /** Builds the fixtures, appends a response to every session log, and returns the target. */
  async function grownFixtures(): Promise<{
    target: ReturnType<typeof sourceTarget>
    stateFiles: string[]
  }> {
    const projects = copyLogs()
    const target = sourceTarget('claude-code', [projects], join(temp.path, 'data'))
    await rebuild(target, claudeCodeAdapter, {
      timeZone: 'UTC',
      appVersion: 'test',
      resumeMinBytes: 0
    })
    for (const path of walk(projects)) {
      if (path.includes('/agent-')) continue
      appendFileSync(path, assistant(50, { id: 'late', usage: usage(7, 0, 0, 3) }) + '\n')
    }
    const folder = join(target.store.folder, 'states')
    return { target, stateFiles: readdirSync(folder).map((name) => join(folder, name)) }
  }

  async function expectEqualsFull(
    target: ReturnType<typeof sourceTarget>
  ): Promise<void> {
    const options = { timeZone: 'UTC', appVersion: 'test', resumeMinBytes: 0 }
    const incremental = setContents(
      (await rebuild(target, claudeCodeAdapter, options)).setFolder
    )
    const full = setContents(
      (await rebuild(target, claudeCodeAdapter, { ...options, full: true })).setFolder
    )
    expect(incremental).toEqual(full)
  }

  it.each(['{}', '[]', '"x"', '0', '{"version":1}'])(
    'read a session whole when its state is %s',
    async (text) => {
      const { target, stateFiles } = await grownFixtures()
      for (const path of stateFiles) writeFileSync(path, text)
      await expectEqualsFull(target)
    }
  )

  it('read a session whole when its state was swapped or edited', async () => {
    const { target, stateFiles } = await grownFixtures()
    const texts = stateFiles.map((path) => readFileSync(path, 'utf8'))
    // Each session gets the next one's state, and the first a raised figure.
    stateFiles.forEach((path, index) => {
      writeFileSync(path, texts[(index + 1) % texts.length] ?? '')
    })
    const first = stateFiles[0] ?? ''
    writeFileSync(first, readFileSync(first, 'utf8').replace(/\[(\d+),/, '[9$1,'))
    await expectEqualsFull(target)
  })

  it('keep the type of a subagent linked by its prompt', async () => {
    // No agent id names the subagent: its first line repeats the Task prompt.
    const launch = { subagent_type: 'Plan', prompt: 'Make a plan' }
    const sidechain = { isSidechain: true }
    const subagentLog = `-work/${SESSION}/subagents/agent-abc.jsonl`
    const projects = writeProjects(temp.path, {
      [SESSION_LOG]: [
        prompt(0, 'start'),
        assistant(1, {
          id: 'm1',
          usage: usage(1, 0, 0, 1),
          tools: [['call1', 'Task', launch]]
        })
      ],
      [subagentLog]: [
        prompt(2, 'Make a plan', sidechain),
        assistant(3, { id: 's1', usage: usage(100, 0, 0, 10) }, sidechain)
      ]
    })
    const target = sourceTarget('claude-code', [projects], join(temp.path, 'data'))
    const options = { timeZone: 'UTC', appVersion: 'test', resumeMinBytes: 0 }
    await rebuild(target, claudeCodeAdapter, options)

    appendFileSync(
      join(projects, subagentLog),
      assistant(4, { id: 's2', usage: usage(10, 0, 0, 1) }, sidechain) + '\n'
    )
    const incremental = await rebuild(target, claudeCodeAdapter, options)
    const records = await incremental.readRecords()
    const subagent = records.filter((record) => record.agent !== 'claude-code')
    expect(subagent.map((record) => record.agent)).toEqual(['claude-code:Plan'])
    expect(subagent[0]?.inputTokens).toBe(110)
    expect(subagent[0]?.outputTokens).toBe(11)
  })
})

function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return walk(path)
    return entry.name.endsWith('.jsonl') ? [path] : []
  })
}

describe('incremental Claude Code rebuilds under random growth', () => {
  it.each([1, 2, 3])(
    'match a full rebuild after every step (seed %i)',
    async (seed) => {
      const next = seededRandom(seed)
      const projects = copyLogs()
      const originals = new Map(walk(projects).map((path) => [path, readFileSync(path)]))
      const paths = [...originals.keys()].sort()
      // Every log starts with about a third of its lines, then grows.
      const written = new Map<string, number>()
      for (const [path, bytes] of originals) {
        const ends = lineEnds(bytes)
        const size = ends[Math.floor(ends.length / 3)] ?? 0
        writeFileSync(path, bytes.subarray(0, size))
        written.set(path, size)
      }

      let resumes = 0
      const adapter: SourceAdapter = {
        ...claudeCodeAdapter,
        resumeGroup: (group, resume, diagnostics) => {
          resumes += 1
          return claudeCodeAdapter.resumeGroup?.(
            group,
            resume,
            diagnostics
          ) as Promise<GroupResult>
        }
      }
      const target = sourceTarget('claude-code', [projects], join(temp.path, 'data'))
      const options = { timeZone: 'UTC', appVersion: 'test', resumeMinBytes: 0 }
      await rebuild(target, adapter, options)

      const operations: string[] = []
      for (let step = 0; step < 30; step += 1) {
        const path = paths[Math.floor(next() * paths.length)] ?? ''
        const original = originals.get(path) ?? Buffer.alloc(0)
        const size = written.get(path) ?? 0
        const ends = lineEnds(original).filter((end) => end > size)
        const name = relative(projects, path)
        const choice = next()
        let grown = size
        if (choice < 0.55) {
          grown = ends[Math.floor(next() * Math.min(ends.length, 6))] ?? original.length
          operations.push(`grow ${name}`)
        } else if (choice < 0.7) {
          grown = Math.floor((size + (ends[0] ?? original.length)) / 2)
          operations.push(`half line ${name}`)
        } else if (choice < 0.8) {
          grown = Math.floor(size * next())
          operations.push(`truncate ${name}`)
        } else if (choice < 0.87) {
          // Rotation: another log's first lines under this name.
          const other = originals.get(
            paths[(paths.indexOf(path) + 1) % paths.length] ?? ''
          )
          const replacement =
            other?.subarray(0, lineEnds(other)[1] ?? 0) ?? Buffer.alloc(0)
          writeFileSync(path, replacement)
          written.set(path, -1)
          operations.push(`rotate ${name}`)
        } else if (choice < 0.94) {
          rmSync(path, { force: true })
          written.set(path, -1)
          operations.push(`delete ${name}`)
        } else {
          grown = lineEnds(original)[0] ?? 0
          operations.push(`start over ${name}`)
        }
        if (choice < 0.8 || choice >= 0.94) {
          // The same bytes up to the old size read as an append.
          writeFileSync(path, original.subarray(0, Math.max(grown, 0)))
          written.set(path, grown)
        }

        const incremental = setContents(
          (await rebuild(target, adapter, options)).setFolder
        )
        const full = setContents(
          (await rebuild(target, claudeCodeAdapter, { ...options, full: true })).setFolder
        )
        expect(incremental, operations.join(', ')).toEqual(full)
      }
      expect(resumes).toBeGreaterThan(3)
    },
    60_000
  )
})
