import { useEffect, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useStore } from 'zustand'

import type { ConversationRow, LowkeyApi, TurnRow } from '../../../shared/api'
import { turnLabel } from '../../../shared/format'
import { ErrorNotice, ExportButtons, ScreenHeader } from '../components/common'
import { useExporter, useMenuExports } from '../components/exports'
import { exportFileName } from '../lib/export'
import { errorMessage } from '../lib/format'
import { useStores } from '../state/context'
import type { Stores } from '../state/stores'
import { CONVERSATION_PAGE_SIZE } from '../state/views'
import { useDataVersion, useFormats } from '../state/hooks'
import { turnAt } from '../state/turns'
import { turnRecordsTable } from './conversationData'
import { TurnRecords } from './TurnRecords'

/** Height of one turn line in pixels; the list's CSS gives lines this height. */
const TURN_HEIGHT = 56

/** Lines kept rendered above and below the visible ones. */
const OVERSCAN = 12

/** Turns shown before the list scrolls; fewer make the list only as tall as they need. */
const VISIBLE_TURNS = 10

function fitsWithoutScrolling(total: number | null): boolean {
  return total !== null && total > 0 && total < VISIBLE_TURNS
}

/** Turns fetched per request when exporting a whole conversation. */
const EXPORT_PAGE_SIZE = 1000

export function ConversationDetail(props: { row: ConversationRow }) {
  const { row } = props
  const stores = useStores()
  const { navigation, turns } = stores
  const formats = useFormats()
  const version = useDataVersion()

  useEffect(() => {
    turns.getState().open(row.projectId, row.conversation)
  }, [turns, row.projectId, row.conversation])

  // Rollups changed, for instance because the conversation went on: keep the place in the list.
  const handledVersion = useRef(version)
  const currentRow = useRef(row)
  useEffect(() => {
    currentRow.current = row
  }, [row])
  useEffect(() => {
    if (version === handledVersion.current) return
    handledVersion.current = version
    turns.getState().reload()
    void refreshRow(stores, currentRow.current)
  }, [stores, turns, version])

  const exporter = useExporter()
  const exportData = (): Promise<void> =>
    exporter.csv(exportFileName(['lowkey', row.conversation, 'turns'], 'csv'), async () =>
      turnRecordsTable(await fetchAllTurns(stores.api, row))
    )
  useMenuExports({ exportData })

  const title = row.title ?? row.conversation
  return (
    <div className="screen screen-detail">
      <ScreenHeader title={title} subtitle={row.title ? row.conversation : undefined}>
        <ExportButtons onData={() => void exportData()} />
        <button type="button" onClick={() => navigation.getState().closeConversation()}>
          Back to conversations
        </button>
      </ScreenHeader>
      <dl className="facts" data-testid="conversation-facts">
        <Fact term="Turns" value={formats.count(row.turns)} />
        <Fact
          term="Input tokens"
          value={`${formats.count(row.inputTokens)} (${formats.count(row.cacheReadTokens)} cached)`}
        />
        <Fact term="Output tokens" value={formats.count(row.outputTokens)} />
        <Fact term="Wall time" value={formats.duration(row.wallMs)} />
        <Fact
          term="Tool calls"
          value={`${formats.count(row.toolCalls)}, ${formats.count(row.toolErrors)} failed`}
        />
        <Fact term="Agents" value={row.agents.join(', ') || '—'} />
        <Fact term="Models" value={row.models.join(', ') || 'unknown'} />
        {row.routine && (
          <Fact
            term="Routine"
            value={`${row.routine}${row.run ? `, run ${row.run}` : ''}`}
          />
        )}
      </dl>
      <TurnList />
    </div>
  )
}

function Fact(props: { term: string; value: string }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.value}</dd>
    </div>
  )
}

/** Fetches the open conversation's row again, so its totals follow the rollups. */
async function refreshRow(stores: Stores, row: ConversationRow): Promise<void> {
  try {
    const page = await stores.api.invoke('usage:conversations', {
      projectId: row.projectId,
      sort: 'lastFinishedAt',
      descending: true,
      offset: 0,
      limit: CONVERSATION_PAGE_SIZE,
      search: row.conversation
    })
    const fresh = page.rows.find(
      (candidate) => candidate.conversation === row.conversation
    )
    if (fresh && stores.navigation.getState().conversation === row) {
      stores.navigation.getState().openConversation(fresh)
    }
  } catch (error) {
    stores.notices.getState().error('Updating the conversation', errorMessage(error))
  }
}

/** Fetches every turn of a conversation page by page, for an export the operator asked for. */
async function fetchAllTurns(api: LowkeyApi, row: ConversationRow): Promise<TurnRow[]> {
  const all: TurnRow[] = []
  for (let offset = 0; ; offset += EXPORT_PAGE_SIZE) {
    const page = await api.invoke('usage:turns', {
      projectId: row.projectId,
      conversation: row.conversation,
      offset,
      limit: EXPORT_PAGE_SIZE
    })
    all.push(...page.rows)
    if (page.rows.length === 0 || all.length >= page.total) return all
  }
}

/**
 * Shows the turns of the open conversation. Only the lines in view are rendered
 * and only the pages that hold them are fetched, so 10,000 turns scroll smoothly.
 */
function TurnList() {
  const { turns } = useStores()
  const total = useStore(turns, (state) => state.total)
  const pages = useStore(turns, (state) => state.pages)
  const generation = useStore(turns, (state) => state.generation)
  const error = useStore(turns, (state) => state.error)
  const [active, setActive] = useState(0)
  const scrollRef = useRef<HTMLDivElement>(null)

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => TURN_HEIGHT,
    overscan: OVERSCAN,
    initialRect: { width: 800, height: TURN_HEIGHT * 10 }
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0

  useEffect(() => {
    turns.getState().ensure(first, last)
  }, [turns, first, last, generation])

  const conversation = useStore(turns, (state) => state.conversation)
  useEffect(() => setActive(0), [conversation])

  const move = (index: number): void => {
    if (total === null || total === 0) return
    const next = Math.min(Math.max(index, 0), total - 1)
    setActive(next)
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? 0) / TURN_HEIGHT) - 1
    )
    const steps: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: (total ?? 1) - 1
    }
    const target = steps[event.key]
    if (target === undefined) return
    event.preventDefault()
    move(target)
  }

  if (error && total === null) {
    return (
      <ErrorNotice
        what="Loading the turns"
        message={error}
        onRetry={() => turns.getState().ensure(first, last)}
      />
    )
  }

  const activeTurn = turnAt({ pages }, active)
  return (
    <>
      {error && (
        <ErrorNotice
          what="Loading some turns"
          message={error}
          onRetry={() => turns.getState().ensure(first, last)}
        />
      )}
      <div
        ref={scrollRef}
        className="turn-list"
        role="listbox"
        tabIndex={0}
        aria-label="Turns; use the arrow keys to move between them"
        aria-activedescendant={total ? `turn-line-${active}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="turn-list"
        style={
          fitsWithoutScrolling(total)
            ? { height: (total ?? 0) * TURN_HEIGHT + 2 }
            : undefined
        }
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => (
            <div
              key={item.key}
              id={`turn-line-${item.index}`}
              role="option"
              aria-selected={item.index === active}
              className={item.index === active ? 'turn-line active' : 'turn-line'}
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              onClick={() => setActive(item.index)}
            >
              <TurnLine turn={turnAt({ pages }, item.index)} index={item.index} />
            </div>
          ))}
        </div>
      </div>
      {total === 0 && <p className="muted">This conversation has no finished turns.</p>}
      {activeTurn && <TurnRecords turn={activeTurn} />}
    </>
  )
}

function TurnLine(props: { turn: TurnRow | undefined; index: number }) {
  const formats = useFormats()
  const { turn } = props
  if (!turn) {
    return <span className="muted">Turn {formats.count(props.index + 1)} loading…</span>
  }
  return (
    <>
      <span className="turn-number">Turn {formats.count(turn.turn)}</span>
      <span className="turn-time">{formats.dateTime(turn.startedAt)}</span>
      <span
        className={turn.partial ? 'turn-label partial' : 'turn-label'}
        data-testid="turn-label"
        title={
          turn.partial
            ? 'Partial: the turn was cut off or its source reported only part of its usage'
            : undefined
        }
      >
        {turnLabel(turn.inputTokens, turn.outputTokens, turn.partial)}
      </span>
      <span className="turn-meta">{formats.duration(turn.wallMs)}</span>
      <span className="turn-meta">
        {formats.count(turn.toolCalls)}{' '}
        {turn.toolCalls === 1 ? 'tool call' : 'tool calls'}
        {turn.toolErrors > 0 && (
          <span className="has-errors">, {formats.count(turn.toolErrors)} failed</span>
        )}
      </span>
      <span className="turn-models">{turn.models.join(', ') || 'model unknown'}</span>
    </>
  )
}
