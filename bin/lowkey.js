#!/usr/bin/env node
// Runs the built command line; `npm run setup` (or `npm run build:cli`) builds it.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const built = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'out',
  'cli',
  'lowkey.mjs'
)
if (!existsSync(built)) {
  process.stderr.write(
    `lowkey: the command line is not built yet (${built} is missing); ` +
      'run `npm run build:cli` in the lowkey-usage folder\n'
  )
  process.exit(1)
}
await import(pathToFileURL(built).href)
