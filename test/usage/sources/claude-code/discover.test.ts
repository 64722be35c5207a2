import { symlinkSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { Diagnostics } from '../../../../electron/usage/diagnostics'
import { claudeCodeAdapter } from '../../../../electron/usage/sources/claude-code/index'
import type { LogGroup } from '../../../../electron/usage/sources/types'
import { REPO, tempFolder } from '../../../support/temp'
import { assistant, prompt, usage, writeProjects } from './logs'

const FIXTURES = join(REPO, 'test', 'fixtures', 'claude-code', 'projects')

function names(groups: LogGroup[]): [string, string[]][] {
  return groups.map((group) => [group.conversation, group.files.map((file) => file.name)])
}

describe('Claude Code discovery', () => {
  let folder: string
  let remove: () => void

  beforeEach(() => {
    const temp = tempFolder('lowkey-claude-discover-')
    folder = temp.path
    remove = temp.remove
  })
  afterEach(() => remove())

  it('groups the fixture logs by session', async () => {
    const diagnostics = new Diagnostics()

    const groups = await claudeCodeAdapter.discover([FIXTURES], diagnostics)

    const gqc = '-home-user-projects-spotter-worktrees-spotter-gqc'
    const fourTe = '-home-user-projects-spotter-worktrees-spotter-4te'
    expect(names(groups)).toEqual([
      [
        '258c7280-ae70-4798-800f-63464d01a85d',
        [
          `${gqc}/258c7280-ae70-4798-800f-63464d01a85d.jsonl`,
          `${gqc}/258c7280-ae70-4798-800f-63464d01a85d/subagents/agent-acompact-fffbd0.jsonl`
        ]
      ],
      [
        '55604662-cf2a-4331-851a-ec234028f8ca',
        ['-home-user-projects-spotter/55604662-cf2a-4331-851a-ec234028f8ca.jsonl']
      ],
      // The 2.0 warmup log names a session that is not in the fixtures.
      [
        '58edcfae-5291-436c-91e4-54fbb188a0ca',
        ['-home-user-workspace-claude-code-log/agent-3be551df.jsonl']
      ],
      [
        '5c0375b4-57a5-4f26-b12d-d022ee4e51b7',
        ['-path-to-Demo/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl']
      ],
      [
        '937c6e6b-27e7-4edd-86f1-ad28f9731841',
        [
          '-home-user-workspace-claude-code-log/937c6e6b-27e7-4edd-86f1-ad28f9731841.jsonl'
        ]
      ],
      [
        'ae4a77f8-aedd-4bc1-888f-c94edc91af04',
        [
          `${fourTe}/ae4a77f8-aedd-4bc1-888f-c94edc91af04.jsonl`,
          `${fourTe}/ae4a77f8-aedd-4bc1-888f-c94edc91af04/subagents/agent-aac57f5.jsonl`
        ]
      ],
      [
        'b25638d7-b104-4f06-a797-70ac33d069ed',
        [
          '-home-user-workspace-example-site-me-next/b25638d7-b104-4f06-a797-70ac33d069ed.jsonl'
        ]
      ],
      [
        'ef958aa1-0e93-49f0-bb71-150f63befcd1',
        [
          '-experiments-worktrees/ef958aa1-0e93-49f0-bb71-150f63befcd1.jsonl',
          '-experiments-worktrees/ef958aa1-0e93-49f0-bb71-150f63befcd1/subagents/agent-ab1e6e141221a29ab.jsonl'
        ]
      ],
      [
        'fe869ecb-c176-478f-9734-7e4b8ef12cff',
        [
          '-home-user-workspace-claude-code-log/fe869ecb-c176-478f-9734-7e4b8ef12cff.jsonl'
        ]
      ],
      ['ses_stage0_small', ['-tmp/ses_stage0_small.jsonl']]
    ])
    expect(groups[0]?.files[1]?.path).toBe(
      resolve(
        FIXTURES,
        gqc,
        '258c7280-ae70-4798-800f-63464d01a85d/subagents/agent-acompact-fffbd0.jsonl'
      )
    )
    expect(groups[0]?.files[1]?.root).toBe(FIXTURES)
    expect(diagnostics.problems).toEqual([])
  })

  it('puts the session log first, then subagents by name', async () => {
    const projects = writeProjects(folder, {
      '-p/s1/subagents/agent-b.jsonl': [prompt(0, 'b', { isSidechain: true })],
      '-p/s1/subagents/agent-a.jsonl': [prompt(0, 'a', { isSidechain: true })],
      '-p/agent-0c.jsonl': [prompt(0, 'c', { isSidechain: true, sessionId: 's1' })],
      '-p/s1.jsonl': [prompt(0, 'main')],
      '-p/notes.txt': ['not a log'],
      '-p/s1/tool-results/big.jsonl': ['{}']
    })

    const groups = await claudeCodeAdapter.discover([projects], new Diagnostics())

    expect(names(groups)).toEqual([
      [
        's1',
        [
          '-p/s1.jsonl',
          '-p/agent-0c.jsonl',
          '-p/s1/subagents/agent-a.jsonl',
          '-p/s1/subagents/agent-b.jsonl'
        ]
      ]
    ])
  })

  it('reads a 2.0 subagent session id past lines without one', async () => {
    const projects = writeProjects(folder, {
      '-p/agent-1.jsonl': [
        JSON.stringify({ type: 'summary', summary: 'old work', leafUuid: 'x' }),
        prompt(0, 'Warmup', { isSidechain: true, sessionId: 'parent-session' })
      ],
      '-p/agent-2.jsonl': [JSON.stringify({ type: 'summary', summary: 'nothing else' })]
    })

    const groups = await claudeCodeAdapter.discover([projects], new Diagnostics())

    expect(names(groups)).toEqual([
      ['agent-2', ['-p/agent-2.jsonl']],
      ['parent-session', ['-p/agent-1.jsonl']]
    ])
  })

  it('reads one copy of a session found twice', async () => {
    const lines = [prompt(0, 'go'), assistant(1, { id: 'm1', usage: usage(10, 0, 0, 1) })]
    const first = writeProjects(join(folder, 'a'), { '-p/s1.jsonl': lines.slice(0, 1) })
    const second = writeProjects(join(folder, 'b'), {
      '-p/s1.jsonl': lines,
      '-p/s1/subagents/agent-x.jsonl': [prompt(0, 'x', { isSidechain: true })]
    })
    const diagnostics = new Diagnostics()

    const groups = await claudeCodeAdapter.discover([first, second], diagnostics)

    expect(groups).toHaveLength(1)
    expect(groups[0]?.files.map((file) => file.path)).toEqual([
      join(second, '-p/s1.jsonl'),
      join(second, '-p/s1/subagents/agent-x.jsonl')
    ])
    expect(diagnostics.problems.map((problem) => problem.file)).toEqual([
      join(first, '-p/s1.jsonl')
    ])
  })

  it('reports a missing root and goes on', async () => {
    const projects = writeProjects(folder, { '-p/s1.jsonl': [prompt(0, 'go')] })
    const missing = join(folder, 'missing')
    const diagnostics = new Diagnostics()

    const groups = await claudeCodeAdapter.discover([missing, projects], diagnostics)

    expect(names(groups)).toEqual([['s1', ['-p/s1.jsonl']]])
    expect(diagnostics.unreadableFiles).toBe(1)
    expect(diagnostics.problems[0]?.file).toBe(missing)
  })

  it('follows linked project folders and logs', async () => {
    const elsewhere = writeProjects(join(folder, 'elsewhere'), {
      '-real/s1.jsonl': [prompt(0, 'go')],
      '-real/s2.jsonl': [prompt(0, 'go')]
    })
    const projects = writeProjects(folder, { '-p/s3.jsonl': [prompt(0, 'go')] })
    symlinkSync(join(elsewhere, '-real'), join(projects, '-linked'))
    symlinkSync(join(elsewhere, '-real', 's2.jsonl'), join(projects, '-p', 's4.jsonl'))
    symlinkSync(join(folder, 'nowhere.jsonl'), join(projects, '-p', 's5.jsonl'))

    const groups = await claudeCodeAdapter.discover([projects], new Diagnostics())

    expect(names(groups)).toEqual([
      ['s1', ['-linked/s1.jsonl']],
      ['s2', ['-linked/s2.jsonl']],
      ['s3', ['-p/s3.jsonl']],
      ['s4', ['-p/s4.jsonl']]
    ])
  })

  it('reports unreadable folders in listing order', async () => {
    // A file where the subagents folder belongs cannot be listed, even by root.
    const projects = writeProjects(folder, {
      '-a/s1.jsonl': [prompt(0, 'go')],
      '-a/s1/subagents': [],
      '-b/s2.jsonl': [prompt(0, 'go')],
      '-b/s2/subagents': [],
      '-c/s3/subagents': []
    })
    const diagnostics = new Diagnostics()

    await claudeCodeAdapter.discover([projects], diagnostics)

    expect(diagnostics.problems.map((problem) => problem.file)).toEqual(
      ['-a/s1/subagents', '-b/s2/subagents', '-c/s3/subagents'].map((path) =>
        join(projects, path)
      )
    )
  })
})
