// Runs a Node.js script in this process and, when the process exits, writes
// its maximum resident set size in KiB to $LOWKEY_BENCH_RSS_FILE. The
// benchmark uses it where GNU time is missing.
//
//   LOWKEY_BENCH_RSS_FILE=peak node bench/max-rss.mjs SCRIPT [ARGS...]

import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const [script, ...args] = process.argv.slice(2)
const output = process.env.LOWKEY_BENCH_RSS_FILE
if (!script || !output) {
  process.stderr.write('usage: LOWKEY_BENCH_RSS_FILE=FILE max-rss.mjs SCRIPT [ARGS...]\n')
  process.exit(2)
}

process.on('exit', () => {
  // maxRSS is in KiB, the unit GNU time's %M reports.
  writeFileSync(output, `${process.resourceUsage().maxRSS}\n`)
})
// The script reads its arguments as if it had been started directly.
process.argv = [process.argv[0], resolve(script), ...args]
await import(pathToFileURL(resolve(script)).href)
