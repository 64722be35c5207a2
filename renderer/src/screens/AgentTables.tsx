import { useEffect, useRef } from 'react'
import { useStore } from 'zustand'

import type { DayRollup, NamedRollup } from '../../../shared/rollups'
import type { Totals } from '../../../shared/totals'
import { WarningBadge } from '../components/WarningBadge'
import type { Formats } from '../lib/format'
import { useStores } from '../state/context'
import { useFormats, useScope } from '../state/hooks'
import { useLinkedWarnings } from '../state/warnings'
import { tokensOf } from './overviewData'

function TotalsCells(props: { totals: Totals; formats: Formats }) {
  const { totals, formats } = props
  return (
    <>
      <td className="numeric">{formats.count(totals.turns)}</td>
      <td className="numeric">{formats.count(tokensOf(totals))}</td>
      <td className="numeric">
        {formats.count(totals.inputTokens)}
        <div className="cell-detail">{formats.count(totals.cacheReadTokens)} cached</div>
      </td>
      <td className="numeric">{formats.count(totals.outputTokens)}</td>
      <td className="numeric">{formats.duration(totals.wallMs)}</td>
      <td className="numeric">{formats.count(totals.toolCalls)}</td>
      <td className={totals.toolErrors > 0 ? 'numeric has-errors' : 'numeric'}>
        {formats.count(totals.toolErrors)}
      </td>
    </>
  )
}

function TotalsHeaders() {
  return (
    <>
      <th scope="col" className="numeric">
        Turns
      </th>
      <th scope="col" className="numeric">
        Tokens
      </th>
      <th scope="col" className="numeric">
        Input
      </th>
      <th scope="col" className="numeric">
        Output
      </th>
      <th scope="col" className="numeric">
        Wall time
      </th>
      <th scope="col" className="numeric">
        Tool calls
      </th>
      <th scope="col" className="numeric">
        Errors
      </th>
    </>
  )
}

export function AgentsTable(props: { agents: NamedRollup[] }) {
  const formats = useFormats()
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="agents-table">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Models</th>
            <TotalsHeaders />
          </tr>
        </thead>
        <tbody>
          {props.agents.map((agent) => (
            <AgentRow key={agent.name} agent={agent} formats={formats} />
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** One agent's row; a warning about the agent marks it and scrolls it into view. */
function AgentRow(props: { agent: NamedRollup; formats: Formats }) {
  const { agent } = props
  const { views } = useStores()
  const marked = useStore(views, (state) => state.agent === agent.name)
  const row = useRef<HTMLTableRowElement>(null)
  const warnings = useLinkedWarnings(
    (link) => link.screen === 'agents' && link.agent === agent.name,
    useScope().projectId
  )
  useEffect(() => {
    if (marked) row.current?.scrollIntoView?.({ block: 'center' })
  }, [marked])
  return (
    <tr
      ref={row}
      className={marked ? 'selected' : undefined}
      data-testid={`agent-${agent.name}`}
    >
      <th scope="row">
        {agent.name}{' '}
        <WarningBadge warnings={warnings} testId={`agent-${agent.name}-warning`} />
      </th>
      <td>{agent.models.join(', ') || 'unknown'}</td>
      <TotalsCells totals={agent} formats={props.formats} />
    </tr>
  )
}

/** Days with usage, newest first, with the agents that worked on each. */
export function DaysTable(props: { days: DayRollup[] }) {
  const formats = useFormats()
  const days = [...props.days].reverse()
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="days-table">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Agents</th>
            <TotalsHeaders />
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day} data-testid={`day-${day.day}`}>
              <th scope="row">{formats.day(day.day)}</th>
              <td>{Object.keys(day.byAgent).join(', ')}</td>
              <TotalsCells totals={day} formats={formats} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
