import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { Diagnostics } from '../../../../electron/usage/diagnostics'
import { codexAdapter, resolveCodexRoots } from '../../../../electron/usage/sources/codex'

const FIXTURES = join(import.meta.dirname, '../../../fixtures/codex')
const MULTITURN_NAME =
  'rollout-2026-02-23T12-40-23-019c8a4c-ed82-79a1-aa28-7738fc5ab61a.jsonl'
const MULTITURN = join(FIXTURES, 'sessions/2026/02/23', MULTITURN_NAME)

let folder: string
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'lowkey-codex-home-'))
})
afterEach(() => {
  rmSync(folder, { recursive: true, force: true })
})

function makeFolders(...paths: string[]): void {
  for (const path of paths) mkdirSync(join(folder, path), { recursive: true })
}

describe('resolveCodexRoots', () => {
  it('reads both folders of a home dir', () => {
    makeFolders('home/sessions', 'home/archived_sessions')
    const home = join(folder, 'home')
    expect(resolveCodexRoots({ dir: home, env: {}, home: folder })).toEqual({
      roots: [join(home, 'sessions'), join(home, 'archived_sessions')],
      searched: [join(home, 'sessions'), join(home, 'archived_sessions')]
    })
  })

  it('takes a sessions folder given as dir', () => {
    makeFolders('copy/sessions/2026')
    const sessions = join(folder, 'copy/sessions')
    expect(resolveCodexRoots({ dir: sessions, env: {}, home: folder })).toEqual({
      roots: [sessions],
      searched: [sessions]
    })
  })

  it('takes a plain dir as root', () => {
    makeFolders('rollouts/2026/02/23')
    const dir = join(folder, 'rollouts')
    const result = resolveCodexRoots({ dir, env: {}, home: folder })
    expect(result.roots).toEqual([dir])
    expect(result.searched).toEqual([
      join(dir, 'sessions'),
      join(dir, 'archived_sessions'),
      dir
    ])
  })

  it('prefers CODEX_HOME over ~/.codex', () => {
    makeFolders('custom/sessions', 'user/.codex/sessions')
    const custom = join(folder, 'custom')
    const result = resolveCodexRoots({
      env: { CODEX_HOME: custom },
      home: join(folder, 'user')
    })
    expect(result).toEqual({
      roots: [join(custom, 'sessions')],
      searched: [join(custom, 'sessions'), join(custom, 'archived_sessions')]
    })
  })

  it('falls back to ~/.codex', () => {
    makeFolders('user/.codex/archived_sessions')
    const codex = join(folder, 'user/.codex')
    const result = resolveCodexRoots({ env: {}, home: join(folder, 'user') })
    expect(result).toEqual({
      roots: [join(codex, 'archived_sessions')],
      searched: [join(codex, 'sessions'), join(codex, 'archived_sessions')]
    })
  })

  it('lists the folders searched when none exists', () => {
    const result = resolveCodexRoots({ env: {}, home: join(folder, 'nobody') })
    expect(result.roots).toEqual([])
    expect(result.searched).toHaveLength(2)
  })
})

describe('Codex discovery', () => {
  it('finds every fixture rollout by session id', async () => {
    const { roots } = resolveCodexRoots({ dir: FIXTURES, env: {}, home: folder })
    const diagnostics = new Diagnostics()
    const groups = await codexAdapter.discover(roots, diagnostics)
    expect(
      groups.map((group) => [group.conversation, group.files.map((f) => f.name)])
    ).toEqual([
      [
        '019a93b9-f380-7600-98ff-940e6b99603c',
        [
          '2025/11/17/rollout-2025-11-17T15-30-28-019a93b9-f380-7600-98ff-940e6b99603c.jsonl'
        ]
      ],
      [
        '019b64e5-57fa-7463-b644-fba7e456f905',
        ['rollout-2025-12-28T12-18-30-019b64e5-57fa-7463-b644-fba7e456f905.jsonl']
      ],
      ['019c8a4c-ed82-79a1-aa28-7738fc5ab61a', [`2026/02/23/${MULTITURN_NAME}`]],
      [
        '019c8a59-e9dd-71f0-9ae3-4079fe9726a9',
        [
          '2026/02/23/rollout-2026-02-23T12-54-34-019c8a59-e9dd-71f0-9ae3-4079fe9726a9.jsonl'
        ]
      ],
      [
        '019c8a70-dda7-7f33-98ea-f30553347322',
        [
          '2026/02/23/rollout-2026-02-23T13-19-38-019c8a70-dda7-7f33-98ea-f30553347322.jsonl'
        ]
      ],
      [
        '019fc8be-3658-7ca3-9e29-000000000000',
        [
          '2026/08/03/rollout-2026-08-03T10-48-56-019fc8be-3658-7ca3-9e29-000000000000.jsonl'
        ]
      ]
    ])
    expect(groups[1]?.files[0]?.root).toBe(join(FIXTURES, 'archived_sessions'))
    expect(diagnostics.problems).toEqual([])
  })

  it('takes id from file name', async () => {
    makeFolders('sessions/2026/01/05')
    const name =
      '2026/01/05/rollout-2026-01-05T10-00-00-0a1b2c3d-0000-7000-8000-00000000abcd.jsonl'
    writeFileSync(
      join(folder, 'sessions', name),
      '{"timestamp":"2026-01-05T10:00:00Z"}\n'
    )
    const groups = await codexAdapter.discover(
      [join(folder, 'sessions')],
      new Diagnostics()
    )
    expect(groups.map((group) => group.conversation)).toEqual([
      '0a1b2c3d-0000-7000-8000-00000000abcd'
    ])
  })

  it('counts a rollout kept twice once', async () => {
    makeFolders('sessions/2026/02/23', 'archived_sessions')
    copyFileSync(MULTITURN, join(folder, 'sessions/2026/02/23', MULTITURN_NAME))
    // An archived copy cut after turn 3 (line 520 contains its task_complete).
    const lines = readFileSync(MULTITURN, 'utf8').split('\n').slice(0, 520)
    writeFileSync(
      join(folder, 'archived_sessions', MULTITURN_NAME),
      lines.join('\n') + '\n'
    )

    const diagnostics = new Diagnostics()
    const roots = [join(folder, 'sessions'), join(folder, 'archived_sessions')]
    const groups = await codexAdapter.discover(roots, diagnostics)
    expect(groups).toHaveLength(1)
    expect(groups[0]?.files).toHaveLength(2)
    expect(diagnostics.problems).toHaveLength(1)

    const { records, scans } = await codexAdapter.readGroup(groups[0]!, diagnostics)
    expect(scans.size).toBe(2)
    expect(records.map((record) => record.turn)).toEqual([1, 2, 3, 4, 5])
    const input = records.reduce((sum, record) => sum + record.inputTokens, 0)
    expect(input).toBe(7_204_025)
  })
})
