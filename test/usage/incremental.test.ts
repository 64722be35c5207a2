import {
  appendFileSync,
  cpSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { rebuild } from '../../electron/usage/build'
import type { BuildOptions } from '../../electron/usage/build'
import { adapterFor } from '../../electron/usage/sources/registry'
import type { SourceKind } from '../../electron/usage/sources/types'
import { projectTarget, sourceTarget } from '../../electron/usage/targets'
import type { UsageTarget } from '../../electron/usage/targets'
import { REPO, copyDemoBox, hashTree, tempFolder } from '../support/temp'
import { setContents } from '../support/sets'

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder()
})
afterEach(() => temp.remove())

const options: BuildOptions = { timeZone: 'UTC', appVersion: 'test', resumeMinBytes: 0 }

/** Builds incrementally on top of the existing set, then fully into a fresh folder, and compares. */
async function expectIncrementalEqualsFull(
  target: UsageTarget,
  kind: SourceKind
): Promise<void> {
  const adapter = adapterFor(kind)
  // Each build removes the set before it, so read each one right away.
  const incremental = setContents((await rebuild(target, adapter, options)).setFolder)
  const full = setContents(
    (await rebuild(target, adapter, { ...options, full: true })).setFolder
  )
  expect(incremental).toEqual(full)
}

describe('incremental rebuild', () => {
  it('matches a full rebuild after appends, edits, deletions and new logs', async () => {
    const project = copyDemoBox(temp.path)
    const sessions = join(project, '.lowkey', 'sessions')
    const target = await projectTarget(project)
    await rebuild(target, adapterFor('lowkey'), options)

    const record = {
      conversation: 'c-release-notes',
      turn: 3,
      agent: 'reviewer',
      provider: 'local',
      startedAt: '2026-12-01T12:00:00Z',
      finishedAt: '2026-12-01T12:00:30Z',
      inputTokens: 1000,
      outputTokens: 100,
      tokens: 'full'
    }
    appendFileSync(
      join(sessions, 'c-release-notes.jsonl'),
      JSON.stringify({ v: 1, type: 'turn.ledger', at: record.finishedAt, record }) + '\n'
    )
    await expectIncrementalEqualsFull(target, 'lowkey')

    rmSync(join(sessions, 'digest-2026-11-21.jsonl'))
    writeFileSync(join(sessions, 'c-new.jsonl'), 'not json\n')
    appendFileSync(
      join(sessions, 'c-refactor-auth.jsonl'),
      '{"v":1,"type":"turn.ledger","at":'
    )
    await expectIncrementalEqualsFull(target, 'lowkey')

    // Same size, different bytes: a log replaced in place is read again.
    const path = join(sessions, 'digest-2026-11-22.jsonl')
    writeFileSync(path, readFileSync(path, 'utf8').replace('"input', '"INPUT'))
    await expectIncrementalEqualsFull(target, 'lowkey')
  })

  it.each(['claude-code', 'codex'] as const)(
    'matches a full rebuild of %s logs',
    async (kind) => {
      const root = join(temp.path, kind)
      cpSync(join(REPO, 'test', 'fixtures', kind), root, { recursive: true })
      const roots =
        kind === 'codex'
          ? [join(root, 'sessions'), join(root, 'archived_sessions')]
          : [join(root, 'projects')]
      const target = sourceTarget(kind, roots, join(temp.path, 'data'))
      await rebuild(target, adapterFor(kind), options)
      await expectIncrementalEqualsFull(target, kind)

      // Touch one log per source: append a copy of its last line.
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
          entry.isDirectory()
            ? walk(join(dir, entry.name))
            : entry.name.endsWith('.jsonl')
              ? [join(dir, entry.name)]
              : []
        )
      const [log] = walk(roots[0] ?? root).sort()
      if (!log) throw new Error('no fixture log')
      const lines = readFileSync(log, 'utf8').trimEnd().split('\n')
      appendFileSync(log, (lines.at(-1) ?? '') + '\n')
      await expectIncrementalEqualsFull(target, kind)
    }
  )

  it('rereads every log when the ledger was cut short', async () => {
    const project = copyDemoBox(temp.path)
    const target = await projectTarget(project)
    const first = await rebuild(target, adapterFor('lowkey'), options)
    const ledger = join(first.setFolder, 'ledger.jsonl')
    const lines = readFileSync(ledger, 'utf8').split('\n')
    writeFileSync(ledger, lines.slice(0, 10).join('\n') + '\n' + lines[10]?.slice(0, 30))
    appendFileSync(
      join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl'),
      '{"v":1,"type":"message","at":"2026-12-01T12:00:00Z"}\n'
    )
    await expectIncrementalEqualsFull(target, 'lowkey')
  })

  it('reads nothing when nothing changed', async () => {
    const project = copyDemoBox(temp.path)
    const target = await projectTarget(project)
    const first = hashTree(
      (await rebuild(target, adapterFor('lowkey'), options)).setFolder
    )
    const reads: string[] = []
    const adapter = adapterFor('lowkey')
    const spy = {
      ...adapter,
      readGroup: (
        group: Parameters<typeof adapter.readGroup>[0],
        diagnostics: Parameters<typeof adapter.readGroup>[1]
      ) => {
        reads.push(group.conversation)
        return adapter.readGroup(group, diagnostics)
      }
    }
    const second = await rebuild(target, spy, options)
    expect(reads).toEqual([])
    expect(second.diagnostics.badLines).toBe(1)
    expect(hashTree(second.setFolder)['ledger.jsonl']).toBe(first['ledger.jsonl'])
  })
})

describe('parallel parse', () => {
  it.each(['claude-code', 'codex'] as const)(
    'gives the same %s rollups as one thread',
    async (kind) => {
      const root = join(REPO, 'test', 'fixtures', kind)
      const roots =
        kind === 'codex'
          ? [join(root, 'sessions'), join(root, 'archived_sessions')]
          : [join(root, 'projects')]
      const single = sourceTarget(kind, roots, join(temp.path, 'one'))
      const parallel = sourceTarget(kind, roots, join(temp.path, 'two'))
      const worker = join(REPO, 'out', 'cli', 'parse-worker.mjs')
      const one = setContents(
        (await rebuild(single, adapterFor(kind), options)).setFolder
      )
      const two = setContents(
        (
          await rebuild(parallel, adapterFor(kind), {
            ...options,
            parseWorkers: { path: worker, threads: 2, minBytes: 0 }
          })
        ).setFolder
      )
      // The data folders differ, and the manifest names neither, so every file must match.
      expect(two).toEqual(one)
    }
  )
})

describe('reading only appended bytes', () => {
  function spyAdapter() {
    const adapter = adapterFor('lowkey')
    const calls: string[] = []
    const resumeGroup = adapter.resumeGroup?.bind(adapter)
    const spy: typeof adapter = {
      ...adapter,
      readGroup: (group, diagnostics) => {
        calls.push(`read ${group.conversation}`)
        return adapter.readGroup(group, diagnostics)
      },
      resumeGroup: (group, resume, diagnostics) => {
        const offset = [...resume.offsets.values()][0]?.endOffset
        calls.push(`resume ${group.conversation} at ${offset}`)
        if (!resumeGroup) throw new Error('the Lowkey adapter resumes')
        return resumeGroup(group, resume, diagnostics)
      }
    }
    return { spy, calls }
  }

  it('resumes an appended log where the last read ended', async () => {
    const project = copyDemoBox(temp.path)
    const log = join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl')
    const target = await projectTarget(project)
    await rebuild(target, adapterFor('lowkey'), options)

    const size = readFileSync(log).length
    const record = {
      conversation: 'c-release-notes',
      turn: 3,
      agent: 'reviewer',
      provider: 'local',
      startedAt: '2026-12-01T12:00:00Z',
      finishedAt: '2026-12-01T12:00:30Z',
      inputTokens: 1000,
      outputTokens: 100,
      tokens: 'full'
    }
    appendFileSync(
      log,
      JSON.stringify({ v: 1, type: 'turn.ledger', at: record.finishedAt, record }) + '\n'
    )
    const { spy, calls } = spyAdapter()
    const resumed = setContents((await rebuild(target, spy, options)).setFolder)
    expect(calls).toEqual([`resume c-release-notes at ${size}`])

    const full = setContents(
      (await rebuild(target, adapterFor('lowkey'), { ...options, full: true })).setFolder
    )
    expect(resumed).toEqual(full)
    expect(resumed['ledger.jsonl']).toContain('"conversation":"c-release-notes","turn":3')
  })

  it('keeps resume states beside the sets, only those the current set names', async () => {
    const project = copyDemoBox(temp.path)
    const log = join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl')
    const target = await projectTarget(project)
    const first = await rebuild(target, adapterFor('lowkey'), options)
    const folder = join(target.store.folder, 'states')
    const named = (manifest: typeof first.manifest): string[] =>
      manifest.logs
        .flatMap((entry) => (entry.state ? [entry.state + '.json'] : []))
        .sort()
    // One Lowkey log a conversation, each with a state of its own.
    expect(named(first.manifest)).toHaveLength(first.manifest.logs.length)
    expect(readdirSync(folder).sort()).toEqual([...new Set(named(first.manifest))])
    const manifestText = readFileSync(join(first.setFolder, 'manifest.json'), 'utf8')
    expect(manifestText).not.toMatch(/"state": \{/)

    appendFileSync(
      log,
      readFileSync(log, 'utf8')
        .split('\n')
        .find((line) => line.includes('turn.ledger')) + '\n'
    )
    // A state no set names any more, and one left by an interrupted write.
    writeFileSync(join(folder, '0123456789abcdef0123456789abcdef.json'), '{}')
    writeFileSync(join(folder, 'fedcba9876543210fedcba9876543210.json.1a2b.tmp'), '{')
    const second = await rebuild(target, adapterFor('lowkey'), options)
    expect(readdirSync(folder).sort()).toEqual([...new Set(named(second.manifest))])
  })

  it('keeps the title of a session opened before its first turn', async () => {
    const project = copyDemoBox(temp.path)
    const log = join(project, '.lowkey', 'sessions', 'c-fix-flaky-test.jsonl')
    const lines = readFileSync(log, 'utf8').split('\n')
    expect(lines[0]).toContain('"title":"Fix the flaky upload test"')
    writeFileSync(log, lines[0] + '\n')
    const target = await projectTarget(project)
    await rebuild(target, adapterFor('lowkey'), options)

    appendFileSync(log, lines.slice(1).join('\n'))
    const { spy, calls } = spyAdapter()
    const resumed = setContents((await rebuild(target, spy, options)).setFolder)
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatch(/^resume c-fix-flaky-test/)
    expect(resumed['conversations.json']).toContain(
      '"title": "Fix the flaky upload test"'
    )
    const full = setContents(
      (await rebuild(target, adapterFor('lowkey'), { ...options, full: true })).setFolder
    )
    expect(resumed).toEqual(full)
  })

  it('lists problems in the order of a whole read', async () => {
    const project = copyDemoBox(temp.path)
    const log = join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl')
    const target = await projectTarget(project)
    const lines = (
      summary: Awaited<ReturnType<typeof rebuild>>
    ): Array<number | undefined> =>
      summary.diagnostics.problems.filter((p) => p.file === log).map((p) => p.line)

    appendFileSync(log, 'not json one\n')
    await rebuild(target, adapterFor('lowkey'), options)
    appendFileSync(log, 'not json two\n')
    await rebuild(target, adapterFor('lowkey'), options)
    appendFileSync(log, 'not json three\n')
    const { spy, calls } = spyAdapter()
    const resumed = lines(await rebuild(target, spy, options))
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatch(/^resume c-release-notes/)

    const full = lines(
      await rebuild(target, adapterFor('lowkey'), { ...options, full: true })
    )
    expect(full).toHaveLength(3)
    expect(resumed).toEqual(full)
  })

  it('keeps states only for groups of 256 KiB or more by default', async () => {
    const project = copyDemoBox(temp.path)
    const log = join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl')
    // Message lines, which readers skip, make this one log large.
    const line = '{"v":1,"type":"message","at":"2026-12-01T12:00:00Z","text":"padding"}\n'
    appendFileSync(log, line.repeat(Math.ceil((256 * 1024) / line.length)))
    const target = await projectTarget(project)
    const { manifest } = await rebuild(target, adapterFor('lowkey'), {
      timeZone: 'UTC',
      appVersion: 'test'
    })
    const withState = manifest.logs.filter((entry) => entry.state !== undefined)
    expect(withState.map((entry) => entry.path)).toEqual(['c-release-notes.jsonl'])
    expect(readdirSync(join(target.store.folder, 'states'))).toHaveLength(1)
  })

  it('reads a small group whole, title and all, when it grows', async () => {
    const project = copyDemoBox(temp.path)
    const log = join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl')
    const target = await projectTarget(project)
    const defaults: BuildOptions = { timeZone: 'UTC', appVersion: 'test' }
    await rebuild(target, adapterFor('lowkey'), defaults)

    const turn = readFileSync(log, 'utf8')
      .split('\n')
      .find((line) => line.includes('turn.ledger'))
    appendFileSync(log, turn?.replace('"turn":1,', '"turn":7,') + '\n')
    const { spy, calls } = spyAdapter()
    const incremental = setContents((await rebuild(target, spy, defaults)).setFolder)
    expect(calls).toEqual(['read c-release-notes'])
    expect(incremental['conversations.json']).toContain(
      '"title": "Draft the release notes"'
    )
    const full = setContents(
      (await rebuild(target, adapterFor('lowkey'), { ...defaults, full: true })).setFolder
    )
    expect(incremental).toEqual(full)
  })

  it('reads a group whole when its resume state is gone', async () => {
    const project = copyDemoBox(temp.path)
    const log = join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl')
    const target = await projectTarget(project)
    await rebuild(target, adapterFor('lowkey'), options)
    rmSync(join(target.store.folder, 'states'), { recursive: true })

    appendFileSync(log, '{"v":1,"type":"message","at":"2026-12-01T12:00:00Z"}\n')
    const { spy, calls } = spyAdapter()
    const reread = setContents((await rebuild(target, spy, options)).setFolder)
    expect(calls).toEqual(['read c-release-notes'])
    const full = setContents(
      (await rebuild(target, adapterFor('lowkey'), { ...options, full: true })).setFolder
    )
    expect(reread).toEqual(full)
  })

  it('rereads a log changed in the middle without growing', async () => {
    const project = copyDemoBox(temp.path)
    const log = join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl')
    // A turn past the first 4 KiB and well before the end, between message lines.
    const filler = (count: number): string =>
      '{"v":1,"type":"message","at":"2026-12-01T12:00:00Z","text":"padding"}\n'.repeat(
        count
      )
    const turn = readFileSync(log, 'utf8')
      .split('\n')
      .find((line) => line.includes('turn.ledger'))
    expect(turn).toContain('"inputTokens":6000,')
    appendFileSync(
      log,
      filler(80) + turn?.replace('"turn":1,', '"turn":9,') + '\n' + filler(20)
    )
    const target = await projectTarget(project)
    await rebuild(target, adapterFor('lowkey'), options)

    // One digit of that turn: the same size, first bytes and last bytes.
    const text = readFileSync(log, 'utf8')
    const at = text.lastIndexOf('"inputTokens":6000,')
    writeFileSync(log, text.slice(0, at) + '"inputTokens":6900,' + text.slice(at + 19))
    utimesSync(log, new Date(), new Date(Date.now() + 5000))
    const { spy, calls } = spyAdapter()
    const reread = setContents((await rebuild(target, spy, options)).setFolder)
    expect(calls).toEqual(['read c-release-notes'])
    expect(reread['ledger.jsonl']).toContain('"inputTokens":6900,')
  })

  it('rereads a log rewritten below where the last read ended', async () => {
    const project = copyDemoBox(temp.path)
    const log = join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl')
    const target = await projectTarget(project)
    await rebuild(target, adapterFor('lowkey'), options)

    // Same head, a changed last line, and more bytes than before.
    const text = readFileSync(log, 'utf8')
    writeFileSync(
      log,
      text.replace(/"text":"\(answer\)"\}\n$/, '"text":"(a longer answer)"}\n')
    )
    const { spy, calls } = spyAdapter()
    const reread = setContents((await rebuild(target, spy, options)).setFolder)
    expect(calls).toEqual(['read c-release-notes'])
    const full = setContents(
      (await rebuild(target, adapterFor('lowkey'), { ...options, full: true })).setFolder
    )
    expect(reread).toEqual(full)
  })
})
