import { appendFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium, newContext, serveProjects } from '../support/browser'
import type { ServedProject } from '../support/browser'
import { parseCsv } from '../support/csv'
import { copyDemoBox, tempFolder } from '../support/temp'

// Every figure below is the demo project's, worked out by hand in
// test/usage/demo-box.test.ts from the tables of scripts/generate-demo-box.js.

let temp: ReturnType<typeof tempFolder>
let project: string
let served: ServedProject
let chromium: Awaited<ReturnType<typeof launchChromium>>
let page: Page

beforeAll(async () => {
  temp = tempFolder()
  project = copyDemoBox(temp.path)
  served = await serveProjects([project], join(temp.path, 'data'))
  chromium = await launchChromium()
  const context = await newContext(chromium.browser)
  page = await context.newPage()
  await page.goto(served.bridge.url)
}, 60_000)

afterAll(async () => {
  await chromium?.close()
  await served?.close()
  temp?.remove()
})

async function open(screen: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: screen })
    .click()
}

const text = (testId: string) => page.getByTestId(testId).innerText()

describe('the app through the HTTP bridge', () => {
  it('rebuilds the missing rollups from the Projects screen', async () => {
    await open('Projects')
    const card = page.locator('[data-testid^="project-"][data-testid$="-state"]').first()
    await expect.poll(() => card.innerText()).toMatch(/not built|missing/i)
    await page.getByRole('button', { name: 'Rebuild', exact: true }).click()
    await expect.poll(() => card.innerText(), { timeout: 20_000 }).toBe('up to date')
    await expect
      .poll(() => page.locator('main').innerText())
      .toContain('27 conversations, 45 turns, 1 bad line skipped')
  })

  it('shows the totals on the Overview', async () => {
    await open('Overview')
    await page
      .getByRole('group', { name: 'Date range' })
      .getByRole('button', { name: 'All' })
      .click()
    await expect.poll(() => text('total-turns')).toBe('45')
    expect(await text('total-input')).toBe('492,100')
    expect(await text('total-input-detail')).toBe('340,000 cached')
    expect(await text('total-output')).toBe('37,450')
    expect(await text('total-tool-calls')).toBe('112')
    expect(await text('total-errors')).toBe('5')
  })

  it('exports the Overview chart as PNG and its data as CSV', async () => {
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PNG' }).first().click()
    ])
    const image = readFileSync((await png.path()) ?? '')
    expect(image.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(image.length).toBeGreaterThan(5_000)

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).first().click()
    ])
    expect(csv.suggestedFilename()).toMatch(/\.csv$/)
    const [header, ...rows] = parseCsv(readFileSync((await csv.path()) ?? '', 'utf8'))
    const column = (name: string) => header?.indexOf(name) ?? -1
    const sums = new Map<string, { input: number; output: number }>()
    for (const row of rows) {
      const provider = row[column('provider')] ?? ''
      const sum = sums.get(provider) ?? { input: 0, output: 0 }
      sum.input += Number(row[column('inputTokens')])
      sum.output += Number(row[column('outputTokens')])
      sums.set(provider, sum)
    }
    expect(Object.fromEntries(sums)).toEqual({
      anthropic: { input: 325_600, output: 18_700 },
      local: { input: 49_500, output: 6_800 },
      openai: { input: 117_000, output: 11_950 }
    })
  })

  it('shows a card per provider', async () => {
    await open('Providers')
    await expect.poll(() => text('provider-anthropic-input')).toBe('325,600')
    expect(await text('provider-anthropic-cached')).toContain('255,000')
    expect(await text('provider-anthropic-output')).toBe('18,700')
    expect(await text('provider-anthropic-turns')).toBe('25')
    expect(await text('provider-anthropic-wall')).toBe('20m 35s')
    // (325,600 + 18,700) / 529,550 = 65.0%.
    expect(await text('provider-anthropic-share')).toMatch(/^65(\.0)?%$/)
    expect(await text('provider-openai-input')).toBe('117,000')
    expect(await text('provider-local-output')).toBe('6,800')
  })

  it('shows each routine with its recent average and a run with its work', async () => {
    await open('Automations')
    await expect.poll(() => text('routine-nightly-triage-average')).toContain('28,000')
    expect(await text('routine-morning-digest-average')).toContain('3,400')
    await page.getByRole('button', { name: 'nightly-triage', exact: true }).click()
    await page
      .getByTestId('runs-table')
      .getByRole('button', { name: 'nightly-triage-2026-11-30', exact: true })
      .click()
    await expect.poll(() => text('run-tokens')).toContain('83,800')
    expect(await text('run-agents')).toMatch(/coder[\s\S]*planner/)
  })

  it('shows every turn of a conversation with its compact label', async () => {
    await open('Conversations')
    await page.getByText('Refactor the auth middleware').first().click()
    await expect
      .poll(() => page.getByTestId('turn-label').allInnerTexts())
      .toEqual(['~25K in / 1.8K out', '~40K in / 2.8K out', '~34K in / 900 out'])
  })

  it('shows the agent and day rollups', async () => {
    await open('Agents and days')
    await page
      .getByRole('group', { name: 'Date range' })
      .getByRole('button', { name: 'All' })
      .click()
    // Planner: 226,600 in triage runs and 90,000 in c-refactor-auth.
    await expect.poll(() => text('agent-planner')).toContain('316,600')
    expect(await text('agent-researcher')).toContain('9,000')
    // 24 November: triage run 5, the digest and c-refactor-auth, 122,500 input.
    expect(await text('day-2026-11-24')).toContain('122,500')
  })

  it('shows the routine whose latest run jumped, and nothing else', async () => {
    await open('Warnings')
    await expect
      .poll(() =>
        page.locator('[data-testid^="warning-"][data-testid$="-message"]').count()
      )
      .toBe(1)
    const message = page
      .locator('[data-testid^="warning-"][data-testid$="-message"]')
      .first()
    // 83,800 tokens against a median of 21,750 over the 10 runs before it.
    expect(await message.innerText()).toContain('nightly-triage')
    expect(await message.innerText()).toContain('83,800')
    expect(await message.innerText()).toContain('21,750')
    await open('Automations')
    await expect
      .poll(() => page.getByTestId('routine-nightly-triage-warning').count())
      .toBe(1)
    expect(await page.getByTestId('routine-morning-digest-warning').count()).toBe(0)
  })

  it('estimates dollars for per-token providers only', async () => {
    await open('Providers')
    // Sonnet 4.5 and Haiku 4.5 at list prices: $0.551925 + $0.012.
    await expect.poll(() => text('provider-anthropic-estimate')).toContain('$0.56')
    expect(await page.getByTestId('provider-local-estimate').count()).toBe(0)
    expect(await text('provider-local-billing')).toMatch(/local/i)
    expect(await text('provider-openai-unpriced')).toContain('6 turns unpriced')
  })

  it('shows a turn appended to a log while the window is open', async () => {
    await open('Conversations')
    await page.getByText('Draft the release notes').first().click()
    await expect.poll(() => page.getByTestId('turn-label').count()).toBe(2)

    const record = {
      conversation: 'c-release-notes',
      turn: 3,
      agent: 'reviewer',
      provider: 'local',
      startedAt: '2026-12-01T12:00:00Z',
      finishedAt: '2026-12-01T12:00:30Z',
      inputTokens: 18_400,
      outputTokens: 2_100,
      tokens: 'full'
    }
    appendFileSync(
      join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl'),
      JSON.stringify({ v: 1, type: 'turn.ledger', at: record.finishedAt, record }) + '\n'
    )
    await expect
      .poll(() => page.getByTestId('turn-label').allInnerTexts(), { timeout: 20_000 })
      .toEqual(['~6K in / 900 out', '~7.5K in / 1.1K out', '~18K in / 2.1K out'])
  })
})
