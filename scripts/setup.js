#!/usr/bin/env node
// Finishes a fresh install: makes sure Electron's binary is there (npm may have
// skipped its install script, awaiting approval), then builds the command line
// and the app. Run after `npm install`, as `npm run setup`.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: false })
  if (result.status !== 0) {
    console.error(
      `setup: \`${command} ${args.join(' ')}\` failed with exit code ${result.status}`
    )
    process.exit(result.status ?? 1)
  }
}

function electronBinaryPresent() {
  const packageDir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return false
  return existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim()))
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log(
    'setup: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary is not fetched'
  )
} else if (!electronBinaryPresent()) {
  console.log('setup: fetching the Electron binary (npm did not run its install script)')
  const packageDir = dirname(require.resolve('electron/package.json'))
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    stdio: 'inherit'
  })
  if (result.status !== 0 || !electronBinaryPresent()) {
    console.error(
      'setup: could not fetch the Electron binary; the `lowkey` command line works without it.\n' +
        '       For the desktop window, run `node node_modules/electron/install.js` when online.'
    )
  }
}

run(process.execPath, [join(root, 'scripts', 'build-cli.js')])
run(process.execPath, [
  join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
  'build'
])
console.log('setup: done. Try `npx lowkey usage report --help`, or `npm start`.')
