#!/usr/bin/env node
// `npm start`: builds when needed, then opens the desktop window. Where no
// window can open (no Electron binary, or no display on Linux), it shows the
// same figures on the command line instead: Claude Code or Codex CLI logs when
// there are any, else a copy of the example project.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const lowkey = join(root, 'bin', 'lowkey.js')

const built = [
  'out/cli/lowkey.mjs',
  'out/main/index.js',
  'out/renderer/index.html'
].every((path) => existsSync(join(root, path)))
if (!built) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'setup.js')], {
    stdio: 'inherit'
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

function electronBinary() {
  try {
    const packageDir = dirname(require.resolve('electron/package.json'))
    const binary = join(
      packageDir,
      'dist',
      readFileSync(join(packageDir, 'path.txt'), 'utf8').trim()
    )
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

const binary = electronBinary()
const hasDisplay =
  process.platform !== 'linux' ||
  Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)

if (binary && hasDisplay) {
  const result = spawnSync(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(result.status ?? 0)
}

console.error(
  binary
    ? 'start: no display here, so the figures follow on the command line'
    : 'start: the Electron binary is missing (run `npm run setup` when online), ' +
        'so the figures follow on the command line'
)
for (const source of ['claude-code', 'codex']) {
  const result = spawnSync(
    process.execPath,
    [lowkey, 'usage', 'report', '--source', source],
    {
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8'
    }
  )
  if (result.status === 0) {
    process.stderr.write(result.stderr)
    process.exit(0)
  }
}
const demo = spawnSync(process.execPath, [lowkey, 'demo'], { stdio: 'inherit' })
process.exit(demo.status ?? 1)
