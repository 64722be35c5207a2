// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type {
  ConversationQuery,
  ConversationRow,
  Page,
  TurnQuery,
  TurnRow
} from '../../../shared/api'
import { totals } from '../support/fixtures'
import { measureTurnList } from '../support/layout'
import { renderApp, settle } from '../support/render'

let restoreLayout: () => void
beforeEach(() => {
  restoreLayout = measureTurnList()
})
afterEach(() => {
  cleanup()
  restoreLayout()
})

function conversation(
  id: string,
  values: Partial<ConversationRow> = {}
): ConversationRow {
  return {
    ...totals({
      turns: 2,
      inputTokens: 40_000,
      cacheReadTokens: 30_000,
      outputTokens: 2_000
    }),
    conversation: id,
    title: null,
    agents: ['planner'],
    providers: ['anthropic'],
    models: ['claude-sonnet-4-5'],
    routine: null,
    run: null,
    projectId: 'p1',
    ...values
  }
}

/** 120 conversations, so the list has three pages of 50. */
function conversationPages(request: ConversationQuery): Page<ConversationRow> {
  const rows = Array.from(
    { length: Math.min(request.limit, 120 - request.offset) },
    (_, i) => conversation(`c-${request.offset + i + 1}`)
  )
  return { rows, offset: request.offset, total: 120 }
}

function turn(number: number, values: Partial<TurnRow> = {}): TurnRow {
  return {
    turn: number,
    startedAt: '2026-11-24T14:00:00.000Z',
    finishedAt: '2026-11-24T14:01:35.000Z',
    label: '',
    partial: false,
    inputTokens: 18_000,
    cacheReadTokens: 12_000,
    outputTokens: 2_100,
    wallMs: 95_000,
    toolCalls: 5,
    toolErrors: 0,
    models: ['claude-sonnet-4-5'],
    agents: ['planner'],
    records: [],
    ...values
  }
}

/** Serves a conversation of 10,000 turns a page at a time. */
function longTurns(request: TurnQuery): Page<TurnRow> {
  const count = Math.max(0, Math.min(request.limit, 10_000 - request.offset))
  const rows = Array.from({ length: count }, (_, i) => turn(request.offset + i + 1))
  return { rows, offset: request.offset, total: 10_000 }
}

describe('Conversations screen', () => {
  it('fetches one page, sorted by the last turn, newest first', async () => {
    const { api } = await renderApp({
      screen: 'conversations',
      handlers: { 'usage:conversations': conversationPages }
    })
    expect(api.requests('usage:conversations')[0]).toEqual({
      projectId: 'all',
      sort: 'lastFinishedAt',
      descending: true,
      offset: 0,
      limit: 50
    })
    expect(screen.getByTestId('conversation-range').textContent).toBe('1–50 of 120')
    expect(
      within(screen.getByTestId('conversation-table')).getAllByRole('row')
    ).toHaveLength(51)
  })

  it('sorts by a header and reverses on a second press', async () => {
    const { api } = await renderApp({
      screen: 'conversations',
      handlers: { 'usage:conversations': conversationPages }
    })
    const header = screen.getByRole('button', { name: /Input tokens/ })
    fireEvent.click(header)
    await settle()
    expect(api.requests('usage:conversations').at(-1)).toMatchObject({
      sort: 'inputTokens',
      descending: true
    })
    expect(header.closest('th')?.getAttribute('aria-sort')).toBe('descending')

    fireEvent.click(header)
    await settle()
    expect(api.requests('usage:conversations').at(-1)).toMatchObject({
      sort: 'inputTokens',
      descending: false
    })
    expect(header.closest('th')?.getAttribute('aria-sort')).toBe('ascending')
  })

  it('moves through pages with Next and Previous', async () => {
    const { api } = await renderApp({
      screen: 'conversations',
      handlers: { 'usage:conversations': conversationPages }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Next' }))
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Next' }))
    await settle()
    expect(api.requests('usage:conversations').map((request) => request.offset)).toEqual([
      0, 50, 100
    ])
    expect(screen.getByTestId('conversation-range').textContent).toBe('101–120 of 120')
    expect(screen.getByRole('button', { name: 'Next' }).hasAttribute('disabled')).toBe(
      true
    )

    fireEvent.click(screen.getByRole('button', { name: 'Previous' }))
    await settle()
    expect(api.requests('usage:conversations').at(-1)?.offset).toBe(50)
  })

  it('says so when there is no conversation', async () => {
    await renderApp({
      screen: 'conversations',
      handlers: { 'usage:conversations': () => ({ rows: [], offset: 0, total: 0 }) }
    })
    expect(screen.getByText('No conversations yet')).toBeTruthy()
  })

  it('labels each turn of an opened conversation', async () => {
    const turns: TurnRow[] = [
      turn(1),
      turn(2, { inputTokens: 26_000, outputTokens: 150, partial: true, toolErrors: 1 }),
      turn(3, { inputTokens: 950, outputTokens: 40, toolCalls: 1 })
    ]
    const { api } = await renderApp({
      screen: 'conversations',
      handlers: {
        'usage:conversations': () => ({
          rows: [
            conversation('c-refactor-auth', {
              title: 'Refactor the auth middleware',
              turns: 3
            })
          ],
          offset: 0,
          total: 1
        }),
        'usage:turns': () => ({ rows: turns, offset: 0, total: 3 })
      }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Refactor the auth middleware' }))
    await settle()

    expect(api.requests('usage:turns')).toEqual([
      { projectId: 'p1', conversation: 'c-refactor-auth', offset: 0, limit: 100 }
    ])
    const labels = screen.getAllByTestId('turn-label').map((label) => label.textContent)
    // 18,000 in and 2,100 out; 26,000 and 150 cut off; 950 and 40.
    expect(labels).toEqual([
      '~18K in / 2.1K out',
      '~26K in / 150 out (partial)',
      '~950 in / 40 out'
    ])
    expect(screen.getByText('1 tool call')).toBeTruthy()
    expect(screen.getByText(', 1 failed')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Back to conversations' }))
    expect(screen.getByTestId('conversation-table')).toBeTruthy()
  })

  it('fetches only the pages of a long conversation in view', async () => {
    const { api } = await renderApp({
      screen: 'conversations',
      handlers: {
        'usage:conversations': () => ({
          rows: [conversation('long-run', { turns: 10_000 })],
          offset: 0,
          total: 1
        }),
        'usage:turns': longTurns
      }
    })
    fireEvent.click(screen.getByRole('button', { name: 'long-run' }))
    await settle()
    const list = screen.getByTestId('turn-list')
    // Only the lines near the top are rendered, not 10,000.
    const rendered = within(list).getAllByRole('option').length
    expect(rendered).toBeGreaterThan(0)
    expect(rendered).toBeLessThan(60)
    expect(api.requests('usage:turns').map((request) => request.offset)).toEqual([0])

    fireEvent.keyDown(list, { key: 'End' })
    // A browser sends this after the list scrolls; happy-dom does not.
    fireEvent.scroll(list)
    await settle()
    expect(api.requests('usage:turns').map((request) => request.offset)).toContain(9_900)
    expect(api.requests('usage:turns').length).toBeLessThan(5)
    expect(list.getAttribute('aria-activedescendant')).toBe('turn-line-9999')
  })

  it('moves the active turn with the arrow keys', async () => {
    await renderApp({
      screen: 'conversations',
      handlers: {
        'usage:conversations': () => ({
          rows: [conversation('c-1', { turns: 3 })],
          offset: 0,
          total: 1
        }),
        'usage:turns': () => ({ rows: [turn(1), turn(2), turn(3)], offset: 0, total: 3 })
      }
    })
    fireEvent.click(screen.getByRole('button', { name: 'c-1' }))
    await settle()
    const list = screen.getByTestId('turn-list')
    expect(list.getAttribute('aria-activedescendant')).toBe('turn-line-0')

    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    expect(list.getAttribute('aria-activedescendant')).toBe('turn-line-2')
    fireEvent.keyDown(list, { key: 'Home' })
    expect(list.getAttribute('aria-activedescendant')).toBe('turn-line-0')
    expect(within(list).getByRole('option', { selected: true }).textContent).toContain(
      'Turn 1'
    )
  })

  it('follows usage:changed without losing the place', async () => {
    let turnCount = 3
    const { api } = await renderApp({
      screen: 'conversations',
      handlers: {
        'usage:conversations': () => ({
          rows: [
            conversation('c-1', { turns: turnCount, outputTokens: turnCount * 1_000 })
          ],
          offset: 0,
          total: 1
        }),
        'usage:turns': () => ({
          rows: Array.from({ length: turnCount }, (_, i) => turn(i + 1)),
          offset: 0,
          total: turnCount
        })
      }
    })
    fireEvent.click(screen.getByRole('button', { name: 'c-1' }))
    await settle()
    const list = screen.getByTestId('turn-list')
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    expect(within(list).getAllByRole('option')).toHaveLength(3)

    turnCount = 4
    api.emit('usage:changed', { projectId: 'p1', conversations: ['c-1'] })
    await settle()
    expect(within(list).getAllByRole('option')).toHaveLength(4)
    expect(api.requests('usage:turns')).toHaveLength(2)
    expect(api.requests('usage:conversations').at(-1)).toMatchObject({ search: 'c-1' })
    expect(
      within(screen.getByTestId('conversation-facts')).getByText('4,000')
    ).toBeTruthy()
    expect(list.getAttribute('aria-activedescendant')).toBe('turn-line-1')
  })
})
