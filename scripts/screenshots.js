#!/usr/bin/env node
// `npm run screenshots`: serves a fresh copy of the example project through the
// built command line's HTTP bridge, opens every screen in headless Chromium
// and writes a PNG of each to docs/screenshots/. Needs `npm run build` first
// and Chromium at /usr/bin/chromium (or LOWKEY_CHROMIUM).
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { chromium } from 'playwright-core'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const lowkey = join(root, 'bin', 'lowkey.js')
const out = join(root, 'docs', 'screenshots')
const temp = mkdtempSync(join(tmpdir(), 'lowkey-screenshots-'))
const env = {
  PATH: process.env.PATH,
  HOME: join(temp, 'home'),
  LOWKEY_USAGE_HOME: join(temp, 'data'),
  CLAUDE_CONFIG_DIR: join(temp, 'claude'),
  CODEX_HOME: join(temp, 'codex'),
  TZ: 'UTC'
}

/** Screens in sidebar order, with what to do on each before the picture. */
const SCREENS = [
  {
    name: 'overview',
    link: 'Overview',
    setup: (page) => page.getByRole('button', { name: 'All' }).click()
  },
  { name: 'warnings', link: 'Warnings' },
  { name: 'conversations', link: 'Conversations' },
  {
    name: 'conversation',
    link: 'Conversations',
    setup: (page) => page.getByText('Refactor the auth middleware').first().click()
  },
  { name: 'providers', link: 'Providers' },
  { name: 'automations', link: 'Automations' },
  { name: 'agents-and-days', link: 'Agents and days' },
  { name: 'projects', link: 'Projects' },
  { name: 'settings', link: 'Settings' }
]

const project = join(temp, 'demo-box')
cpSync(join(root, 'examples', 'demo-box'), project, {
  recursive: true,
  filter: (path) => !path.includes(join('.lowkey', 'usage'))
})
const built = spawnSync(
  process.execPath,
  [lowkey, 'usage', 'rebuild', '--project', project, '--tz', 'UTC'],
  {
    env,
    encoding: 'utf8'
  }
)
if (built.status !== 0) {
  console.error(built.stderr)
  process.exit(1)
}

const server = spawn(process.execPath, [lowkey, 'usage', 'serve', '--project', project], {
  env
})
let browser
try {
  const url = await new Promise((resolve, reject) => {
    let text = ''
    server.stdout.setEncoding('utf8')
    server.stdout.on('data', (chunk) => {
      text += chunk
      if (text.includes('\n')) resolve(text.trim())
    })
    server.on('exit', (code) =>
      reject(new Error(`lowkey usage serve exited with ${code}`))
    )
  })

  browser = await chromium.launch({
    executablePath: process.env.LOWKEY_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run'
    ]
  })
  mkdirSync(out, { recursive: true })
  for (const theme of ['light', 'dark']) {
    const context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'UTC',
      colorScheme: theme,
      viewport: { width: 1280, height: 820 }
    })
    const page = await context.newPage()
    await page.goto(url)
    for (const screen of SCREENS) {
      if (theme === 'dark' && screen.name !== 'overview') continue
      await page
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('button', { name: screen.link })
        .click()
      await screen.setup?.(page)
      await page.waitForLoadState('networkidle')
      await page.waitForTimeout(400)
      const file = join(
        out,
        theme === 'dark' ? `${screen.name}-dark.png` : `${screen.name}.png`
      )
      await page.screenshot({ path: file })
      console.log(`wrote ${file}`)
    }
    await context.close()
  }
} finally {
  await browser?.close()
  // The command writes its code cache into the data folder as it exits, so
  // the folder is removed only once it has.
  const exited = new Promise((resolve) => server.once('exit', resolve))
  server.kill('SIGTERM')
  if (server.exitCode === null && server.signalCode === null) await exited
  rmSync(temp, { recursive: true, force: true })
}
