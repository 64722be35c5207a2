import { useEffect, useMemo, useState } from 'react'
import { useStore } from 'zustand'

import type { ConversationRow, ConversationSort } from '../../../shared/api'
import { RollupStateBanner } from '../components/BuildStatus'
import {
  EmptyState,
  ErrorNotice,
  ExportButtons,
  ScreenHeader
} from '../components/common'
import { useExporter, useMenuExports } from '../components/exports'
import { WarningBadge } from '../components/WarningBadge'
import { exportFileName } from '../lib/export'
import { useStores } from '../state/context'
import { useFormats, useLoad, useScope, useScopeName } from '../state/hooks'
import { CONVERSATION_PAGE_SIZE } from '../state/views'
import { useLinkedWarnings } from '../state/warnings'
import { ConversationDetail } from './ConversationDetail'
import { conversationTable } from './conversationData'

/** Shows the conversation list, or the open conversation's turns. */
export function Conversations() {
  const open = useStore(useStores().navigation, (state) => state.conversation)
  return open ? <ConversationDetail row={open} /> : <ConversationList />
}

interface Column {
  sort: ConversationSort | null
  title: string
  numeric: boolean
}

const COLUMNS: Column[] = [
  { sort: null, title: 'Conversation', numeric: false },
  { sort: 'inputTokens', title: 'Input tokens', numeric: true },
  { sort: 'outputTokens', title: 'Output tokens', numeric: true },
  { sort: 'turns', title: 'Turns', numeric: true },
  { sort: 'wallMs', title: 'Wall time', numeric: true },
  { sort: 'toolErrors', title: 'Errors', numeric: true },
  { sort: 'lastFinishedAt', title: 'Last turn', numeric: false }
]

/** Waits this long after the last key before searching. */
const SEARCH_DELAY_MS = 300

function ConversationList() {
  const { conversations, views } = useStores()
  const scope = useScope()
  const scopeName = useScopeName()
  const formats = useFormats()
  const sort = useStore(views, (state) => state.conversationSort)
  const descending = useStore(views, (state) => state.conversationDescending)
  const search = useStore(views, (state) => state.conversationSearch)
  const offset = useStore(views, (state) => state.conversationOffset)

  const request = useMemo(
    () => ({
      ...scope,
      sort,
      descending,
      offset,
      limit: CONVERSATION_PAGE_SIZE,
      ...(search ? { search } : {})
    }),
    [scope, sort, descending, offset, search]
  )
  const retry = useLoad(conversations.getState().load, request)
  const page = useStore(conversations, (state) => state.result)
  const error = useStore(conversations, (state) => state.error)
  const loading = useStore(conversations, (state) => state.loading)

  const exporter = useExporter()
  const exportData = (): Promise<void> =>
    exporter.csv(
      exportFileName(['lowkey', scopeName, 'conversations', `from-${offset + 1}`], 'csv'),
      () => page && conversationTable(page.rows)
    )
  useMenuExports({ exportData })

  return (
    <div className="screen">
      <ScreenHeader title="Conversations" subtitle={scopeName}>
        <SearchField current={search} onSearch={views.getState().searchConversations} />
        <ExportButtons
          onData={() => void exportData()}
          disabled={!page || page.rows.length === 0}
        />
      </ScreenHeader>
      <RollupStateBanner />
      {error && (
        <ErrorNotice what="Loading the conversations" message={error} onRetry={retry} />
      )}
      {!error && page && page.total === 0 && (
        <EmptyState
          title={search ? `No conversation matches “${search}”` : 'No conversations yet'}
        >
          <p>
            {search
              ? 'Search looks in conversation ids and titles. Clear the search to see them all.'
              : 'Conversations appear here once a project has usage and its rollups are built.'}
          </p>
        </EmptyState>
      )}
      {!error && page && page.total > 0 && (
        <>
          <div className="table-wrap" aria-busy={loading}>
            <table className="data-table" data-testid="conversation-table">
              <thead>
                <tr>
                  {COLUMNS.map((column) => (
                    <SortHeader
                      key={column.title}
                      column={column}
                      sort={sort}
                      descending={descending}
                    />
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.rows.map((row) => (
                  <ConversationLine
                    key={`${row.projectId}\u0000${row.conversation}`}
                    row={row}
                    showProject={scope.projectId === 'all'}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            total={page.total}
            offset={page.offset}
            shown={page.rows.length}
            formatCount={formats.count}
          />
        </>
      )}
      {!error && !page && loading && <p className="loading">Loading…</p>}
    </div>
  )
}

function SortHeader(props: {
  column: Column
  sort: ConversationSort
  descending: boolean
}) {
  const { column } = props
  const { views } = useStores()
  const className = column.numeric ? 'numeric' : undefined
  if (!column.sort)
    return (
      <th scope="col" className={className}>
        {column.title}
      </th>
    )
  const key = column.sort
  const active = props.sort === key
  const direction = props.descending ? 'descending' : 'ascending'
  return (
    <th scope="col" className={className} aria-sort={active ? direction : 'none'}>
      <button
        type="button"
        className="sort-button"
        onClick={() => views.getState().sortConversations(key)}
      >
        {column.title}
        <span aria-hidden="true" className="sort-mark">
          {active && props.descending && '▼'}
          {active && !props.descending && '▲'}
        </span>
      </button>
    </th>
  )
}

function ConversationLine(props: { row: ConversationRow; showProject: boolean }) {
  const { row } = props
  const { navigation, projects } = useStores()
  const formats = useFormats()
  const projectName = useStore(projects, (state) =>
    props.showProject
      ? state.projects.find((p) => p.id === row.projectId)?.name
      : undefined
  )
  const warnings = useLinkedWarnings(
    (link) => link.screen === 'conversations' && link.conversation === row.conversation,
    row.projectId
  )
  return (
    <tr>
      <td className="conversation-cell">
        <button
          type="button"
          className="link"
          onClick={() => navigation.getState().openConversation(row)}
        >
          {row.title ?? row.conversation}
        </button>
        <WarningBadge
          warnings={warnings}
          testId={`conversation-${row.conversation}-warning`}
        />
        <div className="cell-detail">
          {[projectName, row.agents.join(', '), row.routine && `routine ${row.routine}`]
            .filter(Boolean)
            .join(' · ')}
        </div>
      </td>
      <td className="numeric">
        {formats.count(row.inputTokens)}
        <div className="cell-detail">{formats.count(row.cacheReadTokens)} cached</div>
      </td>
      <td className="numeric">{formats.count(row.outputTokens)}</td>
      <td className="numeric">{formats.count(row.turns)}</td>
      <td className="numeric">{formats.duration(row.wallMs)}</td>
      <td className={row.toolErrors > 0 ? 'numeric has-errors' : 'numeric'}>
        {formats.count(row.toolErrors)}
      </td>
      <td>{row.lastFinishedAt ? formats.dateTime(row.lastFinishedAt) : '—'}</td>
    </tr>
  )
}

function Pager(props: {
  total: number
  offset: number
  shown: number
  formatCount(n: number): string
}) {
  const { views } = useStores()
  const { total, offset, shown, formatCount } = props
  const go = (next: number): void => views.getState().setConversationOffset(next)
  return (
    <nav className="pager" aria-label="Pages of conversations">
      <button
        type="button"
        disabled={offset === 0}
        onClick={() => go(Math.max(0, offset - CONVERSATION_PAGE_SIZE))}
      >
        Previous
      </button>
      <span data-testid="conversation-range">
        {formatCount(offset + 1)}–{formatCount(offset + shown)} of {formatCount(total)}
      </span>
      <button
        type="button"
        disabled={offset + shown >= total}
        onClick={() => go(offset + CONVERSATION_PAGE_SIZE)}
      >
        Next
      </button>
    </nav>
  )
}

function SearchField(props: { current: string; onSearch(text: string): void }) {
  const { current, onSearch } = props
  const [text, setText] = useState(current)
  useEffect(() => {
    if (text.trim() === current) return undefined
    const timer = setTimeout(() => onSearch(text.trim()), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [text, current, onSearch])
  return (
    <input
      type="search"
      className="search"
      placeholder="Search id or title"
      aria-label="Search conversations"
      value={text}
      onChange={(event) => setText(event.target.value)}
    />
  )
}
