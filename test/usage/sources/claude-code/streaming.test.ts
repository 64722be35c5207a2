import { closeSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { Diagnostics } from '../../../../electron/usage/diagnostics'
import { claudeCodeAdapter } from '../../../../electron/usage/sources/claude-code/index'
import { tempFolder } from '../../../support/temp'
import { writeProjects } from './logs'

const TARGET_BYTES = 50 * 1024 * 1024

/** Lines of the kinds that make up most of a long session log, none carrying usage. */
function bulkLines(index: number): string {
  // Escaped quotes inside strings must not match the `"type":"user"` needle.
  const fileText = `const message = {\\"type\\":\\"user\\",\\"usage\\":{}}\\n`.repeat(8)
  const snapshot = JSON.stringify({
    type: 'file-history-snapshot',
    messageId: `m-${index}`,
    snapshot: {
      trackedFileBackups: { 'src/app.ts': { backupFileName: `b-${index}`, version: 1 } }
    },
    isSnapshotUpdate: false
  })
  const progress = JSON.stringify({
    type: 'progress',
    data: { type: 'bash_progress', output: fileText, elapsedTimeSeconds: index },
    toolUseID: `bash-${index}`,
    timestamp: '2026-01-01T10:00:00.000Z'
  })
  return `${snapshot}\n${progress}\n`
}

describe('Claude Code large logs', () => {
  let folder: string
  let remove: () => void

  beforeEach(() => {
    const temp = tempFolder('lowkey-claude-large-')
    folder = temp.path
    remove = temp.remove
  })
  afterEach(() => remove())

  it('streams 50 MB of lines without usage', async () => {
    const projects = writeProjects(folder, { '-p/big-session.jsonl': [] })
    const path = join(projects, '-p/big-session.jsonl')
    const handle = openSync(path, 'a')
    let written = 0
    let lines = 0
    try {
      for (let index = 0; written < TARGET_BYTES; index += 1) {
        written += writeSync(handle, bulkLines(index))
        lines += 2
      }
    } finally {
      closeSync(handle)
    }

    const diagnostics = new Diagnostics()
    const [group] = await claudeCodeAdapter.discover([projects], diagnostics)
    expect(group).toBeDefined()
    const result = await claudeCodeAdapter.readGroup(group!, diagnostics)

    expect(result.records).toEqual([])
    expect(result.scans.get(path)?.lines).toBe(lines)
    expect(result.scans.get(path)?.size).toBe(written)
    expect(diagnostics.problems).toEqual([])
    expect(diagnostics.unknownRecords).toBe(0)
  })
})
