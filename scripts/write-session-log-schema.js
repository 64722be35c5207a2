#!/usr/bin/env node
// Writes docs/session-log.schema.json from the zod schemas the reader uses, so
// the published schema and the code cannot disagree. A test checks the file
// is current: rerun this script after changing electron/usage/sources/lowkey/events.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const temporary = mkdtempSync(join(tmpdir(), 'lowkey-schema-'))
try {
  const outfile = join(temporary, 'schema.mjs')
  await build({
    entryPoints: [join(root, 'electron', 'usage', 'sources', 'lowkey', 'json-schema.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning'
  })
  const { sessionLogJsonSchema } = await import(pathToFileURL(outfile).href)
  const target = join(root, 'docs', 'session-log.schema.json')
  writeFileSync(target, JSON.stringify(sessionLogJsonSchema(), null, 2) + '\n')
  console.log(`wrote ${target}`)
} finally {
  rmSync(temporary, { recursive: true, force: true })
}
