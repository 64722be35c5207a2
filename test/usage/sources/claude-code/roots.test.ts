import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { resolveClaudeRoots } from '../../../../electron/usage/sources/claude-code/index'
import { tempFolder } from '../../../support/temp'

describe('resolveClaudeRoots', () => {
  let home: string
  let remove: () => void

  beforeEach(() => {
    const folder = tempFolder('lowkey-claude-roots-')
    home = folder.path
    remove = folder.remove
  })
  afterEach(() => remove())

  const makeFolder = (...parts: string[]): string => {
    const path = join(home, ...parts)
    mkdirSync(path, { recursive: true })
    return path
  }

  it('searches both default config folders', () => {
    const claude = makeFolder('.claude', 'projects')

    const found = resolveClaudeRoots({ env: {}, home })

    expect(found.roots).toEqual([claude])
    expect(found.searched).toEqual([claude, join(home, '.config', 'claude', 'projects')])
  })

  it('returns both defaults when both exist', () => {
    const claude = makeFolder('.claude', 'projects')
    const config = makeFolder('.config', 'claude', 'projects')

    expect(resolveClaudeRoots({ env: {}, home }).roots).toEqual([claude, config])
  })

  it('lets CLAUDE_CONFIG_DIR replace the defaults', () => {
    makeFolder('.claude', 'projects')
    const first = makeFolder('one', 'projects')
    const second = makeFolder('two', 'projects')
    const env = {
      CLAUDE_CONFIG_DIR: ` ${join(home, 'one')} ,,${join(home, 'two')},${join(home, 'gone')}`
    }

    const found = resolveClaudeRoots({ env, home })

    expect(found.roots).toEqual([first, second])
    expect(found.searched).toEqual([first, second, join(home, 'gone', 'projects')])
  })

  it('falls back to defaults when CLAUDE_CONFIG_DIR is blank', () => {
    const claude = makeFolder('.claude', 'projects')

    expect(resolveClaudeRoots({ env: { CLAUDE_CONFIG_DIR: ' , ' }, home }).roots).toEqual(
      [claude]
    )
  })

  it('expands a leading tilde', () => {
    const config = makeFolder('custom', 'projects')

    const found = resolveClaudeRoots({ env: { CLAUDE_CONFIG_DIR: '~/custom' }, home })

    expect(found.roots).toEqual([config])
  })

  it('takes the projects folder of a --dir config folder', () => {
    makeFolder('.claude', 'projects')
    const projects = makeFolder('box', 'projects')

    const found = resolveClaudeRoots({ dir: join(home, 'box'), env: {}, home })

    expect(found.roots).toEqual([projects])
  })

  it('takes a --dir projects folder itself', () => {
    const projects = makeFolder('copy', 'projects')

    expect(resolveClaudeRoots({ dir: projects, env: {}, home }).roots).toEqual([projects])
  })

  it('takes a --dir folder without projects as one', () => {
    const folder = makeFolder('saved-logs')

    const found = resolveClaudeRoots({ dir: folder, env: {}, home })

    expect(found.roots).toEqual([folder])
    expect(found.searched).toEqual([join(folder, 'projects'), folder])
  })

  it('lists the folders searched for a missing --dir', () => {
    const missing = join(home, 'missing')

    const found = resolveClaudeRoots({ dir: missing, env: {}, home })

    expect(found.roots).toEqual([])
    expect(found.searched).toEqual([join(missing, 'projects'), missing])
  })

  it('prefers --dir over CLAUDE_CONFIG_DIR', () => {
    makeFolder('env', 'projects')
    const projects = makeFolder('box', 'projects')
    const env = { CLAUDE_CONFIG_DIR: join(home, 'env') }

    expect(resolveClaudeRoots({ dir: join(home, 'box'), env, home }).roots).toEqual([
      projects
    ])
  })
})
