import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium, newContext, serveProjects } from '../support/browser'
import type { ServedProject } from '../support/browser'
import { copyDemoBox, tempFolder } from '../support/temp'

let temp: ReturnType<typeof tempFolder>
let served: ServedProject
let chromium: Awaited<ReturnType<typeof launchChromium>>

beforeAll(async () => {
  temp = tempFolder()
  served = await serveProjects([copyDemoBox(temp.path)], join(temp.path, 'data'))
  chromium = await launchChromium()
})

afterAll(async () => {
  await chromium?.close()
  await served?.close()
  temp?.remove()
})

describe('renderer through the HTTP bridge', () => {
  it('refuses a page opened without the token', async () => {
    const context = await newContext(chromium.browser)
    const page = await context.newPage()
    const response = await page.goto(`http://127.0.0.1:${served.bridge.port}/`)
    expect(response?.status()).toBe(401)
    expect(await page.textContent('body')).toContain('missing or invalid token')
    await context.close()
  })

  it('loads the app from the printed URL and drops the token from the address', async () => {
    const context = await newContext(chromium.browser)
    const page = await context.newPage()
    await page.goto(served.bridge.url)
    expect(page.url()).toBe(`http://127.0.0.1:${served.bridge.port}/`)
    await expect.poll(() => page.title()).toBe('Lowkey Usage')
    const cookies = await context.cookies()
    expect(cookies).toEqual([
      expect.objectContaining({
        name: `lowkey_session_${served.bridge.port}`,
        httpOnly: true,
        sameSite: 'Strict'
      })
    ])
    await context.close()
  })
})
