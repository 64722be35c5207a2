import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'

export const REPO = resolve(import.meta.dirname, '..', '..')
export const DEMO_BOX = join(REPO, 'examples', 'demo-box')

/** Makes a temporary folder and returns it with its remover. */
export function tempFolder(prefix = 'lowkey-test-'): {
  path: string
  remove: () => void
} {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** Copies the demo project (without any rollups) into `folder`, returning the copy's path. */
export function copyDemoBox(folder: string): string {
  const target = join(folder, 'demo-box')
  cpSync(DEMO_BOX, target, {
    recursive: true,
    filter: (source) => !source.includes(join('.lowkey', 'usage'))
  })
  return target
}

/** Hashes every file below `folder`, keyed by relative path. */
export function hashTree(folder: string): Record<string, string> {
  const hashes: Record<string, string> = {}
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else
        hashes[relative(folder, path)] = createHash('sha256')
          .update(readFileSync(path))
          .digest('hex')
    }
  }
  walk(folder)
  return hashes
}
