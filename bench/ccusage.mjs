// Installs the ccusage release the benchmark compares with, once, into a cache
// folder outside the repository.

import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * ccusage 20 ships a native binary per platform. 20.0.24 is pinned because its
 * linux-x64 binary package installs, while a bare `npm install ccusage` picked
 * a later release whose binary package was missing. Older JavaScript releases
 * are not what ccusage users run now, so the benchmark does not compare them.
 */
export const CCUSAGE_VERSION = '20.0.24'

export function ccusageFolder() {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(cache, 'lowkey-usage-bench', `ccusage-${CCUSAGE_VERSION}`)
}

/**
 * Returns `{ binary }`, the native ccusage executable, installing it first when
 * it is missing, or `{ error }` saying why it cannot be used.
 */
export function ensureCcusage(log) {
  const folder = ccusageFolder()
  const binary = join(
    folder,
    'node_modules',
    '@ccusage',
    `ccusage-${process.platform}-${process.arch}`,
    'bin',
    process.platform === 'win32' ? 'ccusage.exe' : 'ccusage'
  )
  if (!existsSync(binary)) {
    log(`installing ccusage ${CCUSAGE_VERSION} into ${folder}`)
    mkdirSync(folder, { recursive: true })
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const install = spawnSync(
      npm,
      [
        'install',
        '--prefix',
        folder,
        '--no-audit',
        '--no-fund',
        `ccusage@${CCUSAGE_VERSION}`
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
    )
    if (install.status !== 0) {
      // npm starts with the error code and what failed, then a stack and its log path.
      const reason = (install.stderr || install.error?.message || '')
        .trim()
        .split('\n')
        .slice(0, 3)
        .map((line) => line.replace(/^npm error /, ''))
        .join('; ')
      return { error: `npm install ccusage@${CCUSAGE_VERSION} failed: ${reason}` }
    }
    if (!existsSync(binary)) {
      return {
        error: `ccusage ${CCUSAGE_VERSION} has no native binary for ${process.platform}-${process.arch}`
      }
    }
  }

  // The package's files carry no execute bit; ccusage's own launcher sets it too.
  chmodSync(binary, 0o755)
  const check = spawnSync(binary, ['--version'], { encoding: 'utf8' })
  if (check.status !== 0 || !check.stdout.includes(CCUSAGE_VERSION)) {
    return {
      error: `${binary} --version failed: ${(check.stderr || check.error?.message || '').trim()}`
    }
  }
  return { binary }
}
