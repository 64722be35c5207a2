import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Returns a small seeded generator (mulberry32), so that a failing sequence can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Files of a rollup set, with the manifest's build time taken out: the one part allowed to differ. */
export function setContents(folder: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const name of readdirSync(folder)) {
    let text = readFileSync(join(folder, name), 'utf8')
    if (name === 'manifest.json') {
      text = text.replace(/"builtAt": "[^"]+"/, '"builtAt": ""')
    }
    files[name] = text
  }
  return files
}
