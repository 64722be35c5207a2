import { existsSync } from 'node:fs'
import { join } from 'node:path'

import { chromium } from 'playwright-core'
import type { Browser, BrowserContext } from 'playwright-core'

import { startBridge } from '../../electron/usage/bridge/server'
import type { Bridge } from '../../electron/usage/bridge/server'
import { UsageService } from '../../electron/usage/service'
import { inThreadRunner, workerRunner } from '../../electron/usage/service/build-runner'
import { REPO } from './temp'

export const CHROMIUM = process.env.LOWKEY_CHROMIUM ?? '/usr/bin/chromium'
export const RENDERER_DIR = join(REPO, 'out', 'renderer')

/** Starts Debian's Chromium headless, with a fresh profile and no background traffic. */
export async function launchChromium(): Promise<{
  browser: Browser
  close: () => Promise<void>
}> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (Debian: apt-get install chromium) ` +
        'or set LOWKEY_CHROMIUM to its path'
    )
  }
  // Playwright gives every launch a fresh temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
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
  return {
    browser,
    close: async () => {
      await browser.close()
    }
  }
}

/** A page context pinned to en-US and UTC, downloads allowed. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'en-US',
    timezoneId: 'UTC',
    acceptDownloads: true,
    viewport: { width: 1280, height: 820 }
  })
}

export interface ServedProject {
  bridge: Bridge
  service: UsageService
  close: () => Promise<void>
}

/** Serves projects through the HTTP bridge, as `lowkey usage serve --project` does. */
export async function serveProjects(
  projects: string[],
  dataDir: string
): Promise<ServedProject> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(
      `the renderer is not built (${RENDERER_DIR}): run \`npm run build\` first`
    )
  }
  const worker = join(REPO, 'out', 'cli', 'build-worker.mjs')
  const home = join(dataDir, 'home')
  const service = await UsageService.open({
    dataDir,
    environment: { home, platform: 'linux', env: { HOME: home } },
    examplesDir: join(REPO, 'examples'),
    runner: existsSync(worker) ? workerRunner(worker) : inThreadRunner,
    projects,
    watch: true
  })
  const bridge = await startBridge({ service, rendererDir: RENDERER_DIR })
  return {
    bridge,
    service,
    close: async () => {
      await service.close()
      await bridge.close()
    }
  }
}
