import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { scanLines } from '../../../electron/usage/reader/lines'

let folder: string
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'lowkey-lines-'))
})
afterEach(() => {
  rmSync(folder, { recursive: true, force: true })
})

async function collect(path: string, options: Parameters<typeof scanLines>[2] = {}) {
  const lines: Array<[number, string]> = []
  const result = await scanLines(
    path,
    (bytes, start, end, lineNumber) =>
      lines.push([lineNumber, bytes.toString('utf8', start, end)]),
    options
  )
  return { lines, result }
}

describe('scanLines', () => {
  it('splits lines across chunk boundaries', async () => {
    const path = join(folder, 'a.jsonl')
    writeFileSync(path, 'alpha\nbeta\r\n\ngamma-long-line\n')
    const { lines, result } = await collect(path, { chunkSize: 4 })
    expect(lines).toEqual([
      [1, 'alpha'],
      [2, 'beta'],
      [4, 'gamma-long-line']
    ])
    expect(result.lines).toBe(4)
    expect(result.endOffset).toBe(29)
    expect(result.unfinishedBytes).toBe(0)
  })

  it('leaves an unfinished last line for later', async () => {
    const path = join(folder, 'b.jsonl')
    writeFileSync(path, 'one\ntwo\nthr')
    const first = await collect(path)
    expect(first.lines.map(([, text]) => text)).toEqual(['one', 'two'])
    expect(first.result.endOffset).toBe(8)
    expect(first.result.unfinishedBytes).toBe(3)

    appendFileSync(path, 'ee\nfour\n')
    const resumed = await collect(path, {
      startOffset: first.result.endOffset,
      startLine: first.result.lines
    })
    expect(resumed.lines).toEqual([
      [3, 'three'],
      [4, 'four']
    ])
  })

  it('passes only lines holding a needle', async () => {
    const path = join(folder, 'c.jsonl')
    const body = ['{"usage":1}', '{"x":"y"}', '{"type":"user"}', '{"z":"usage"}'].join(
      '\n'
    )
    writeFileSync(path, body + '\n')
    for (const chunkSize of [3, 7, 1 << 20]) {
      const { lines } = await collect(path, {
        chunkSize,
        needles: [Buffer.from('"usage"'), Buffer.from('"user"')]
      })
      expect(lines.map(([n]) => n)).toEqual([1, 3, 4])
    }
  })
})
