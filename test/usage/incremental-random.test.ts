import {
  appendFileSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { rebuild } from '../../electron/usage/build'
import { adapterFor } from '../../electron/usage/sources/registry'
import { projectTarget } from '../../electron/usage/targets'
import { copyDemoBox, tempFolder } from '../support/temp'
import { seededRandom, setContents } from '../support/sets'

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder()
})
afterEach(() => temp.remove())

function turnLine(conversation: string, turn: number, tokens: number): string {
  const record = {
    conversation,
    turn,
    agent: 'planner',
    provider: 'anthropic',
    startedAt: '2026-12-02T10:00:00Z',
    finishedAt: '2026-12-02T10:01:00Z',
    inputTokens: tokens,
    outputTokens: Math.floor(tokens / 10),
    tokens: 'full'
  }
  return (
    JSON.stringify({ v: 1, type: 'turn.ledger', at: record.finishedAt, record }) + '\n'
  )
}

describe('incremental rebuild under random changes', () => {
  it.each([1, 2, 3])(
    'matches a full rebuild after every step (seed %i)',
    async (seed) => {
      const next = seededRandom(seed)
      const project = copyDemoBox(temp.path)
      const sessions = join(project, '.lowkey', 'sessions')
      const target = await projectTarget(project)
      const adapter = adapterFor('lowkey')
      // Seed 3 keeps states only for large groups, as by default: none here.
      const options = {
        timeZone: 'UTC',
        appVersion: 'test',
        resumeMinBytes: seed === 3 ? undefined : 0
      }
      await rebuild(target, adapter, options)

      const operations: string[] = []
      for (let step = 0; step < 12; step += 1) {
        const logs = readdirSync(sessions).sort()
        const name = logs[Math.floor(next() * logs.length)] ?? 'c-new.jsonl'
        const path = join(sessions, name)
        const conversation = name.replace(/\.jsonl$/, '')
        const choice = Math.floor(next() * 6)
        if (choice === 0) {
          appendFileSync(path, turnLine(conversation, 100 + step, 1000 + step))
          operations.push(`append ${name}`)
        } else if (choice === 1) {
          const size = readFileSync(path).length
          truncateSync(path, Math.floor(size * next()))
          operations.push(`truncate ${name}`)
        } else if (choice === 2) {
          // Rotation: the log is replaced by a new file with other content.
          renameSync(path, `${path}.old`)
          writeFileSync(path, turnLine(conversation, 1, 777))
          rmSync(`${path}.old`)
          operations.push(`rotate ${name}`)
        } else if (choice === 3) {
          rmSync(path)
          operations.push(`delete ${name}`)
        } else if (choice === 4) {
          const added = `c-added-${seed}-${step}`
          writeFileSync(join(sessions, `${added}.jsonl`), turnLine(added, 1, 500 + step))
          operations.push(`add ${added}`)
        } else {
          appendFileSync(path, '{"v":1,"type":"turn.ledger","at":')
          operations.push(`half line ${name}`)
        }

        const incremental = setContents(
          (await rebuild(target, adapter, options)).setFolder
        )
        const full = setContents(
          (await rebuild(target, adapter, { ...options, full: true })).setFolder
        )
        expect(incremental, operations.join(', ')).toEqual(full)
      }
    }
  )
})
