import type { RoutineRollup, RunRollup } from '../../../shared/rollups'
import { Panel } from '../components/common'
import type { CsvTable } from '../lib/export'
import { useStores } from '../state/context'
import { useFormats } from '../state/hooks'
import { tokensOf, totalsCells } from './overviewData'

/** Lists a routine's runs as a table, oldest first like the chart. */
export function runsTable(routine: RoutineRollup): CsvTable {
  return {
    columns: [
      'routine',
      'run',
      'firstStartedAt',
      'conversations',
      'tokens',
      'turns',
      'inputTokens',
      'cacheReadTokens',
      'cacheWriteTokens',
      'outputTokens',
      'wallMs',
      'toolCalls',
      'toolErrors',
      'partialTurns'
    ],
    rows: routine.runs.map((run) => [
      routine.routine,
      run.run,
      run.firstStartedAt,
      run.conversations.join(' '),
      tokensOf(run),
      ...totalsCells(run)
    ])
  }
}

/** Shows the runs of a routine, newest first. Choosing one shows the work it owns. */
export function RunsTable(props: { routine: RoutineRollup; selectedRun: string | null }) {
  const { views } = useStores()
  const formats = useFormats()
  const runs = [...props.routine.runs].reverse()
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="runs-table">
        <caption className="visually-hidden">
          Runs of {props.routine.routine}, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Started</th>
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
              Conversations
            </th>
            <th scope="col" className="numeric">
              Wall time
            </th>
            <th scope="col" className="numeric">
              Errors
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr
              key={run.run}
              className={run.run === props.selectedRun ? 'selected' : undefined}
            >
              <td>
                <button
                  type="button"
                  className="link"
                  aria-pressed={run.run === props.selectedRun}
                  onClick={() => views.getState().selectRun(run.run)}
                >
                  {run.run}
                </button>
              </td>
              <td>{run.firstStartedAt ? formats.dateTime(run.firstStartedAt) : '—'}</td>
              <td className="numeric">{formats.count(tokensOf(run))}</td>
              <td className="numeric">
                {formats.count(run.inputTokens)}
                <div className="cell-detail">
                  {formats.count(run.cacheReadTokens)} cached
                </div>
              </td>
              <td className="numeric">{formats.count(run.outputTokens)}</td>
              <td className="numeric">{formats.count(run.conversations.length)}</td>
              <td className="numeric">{formats.duration(run.wallMs)}</td>
              <td className={run.toolErrors > 0 ? 'numeric has-errors' : 'numeric'}>
                {formats.count(run.toolErrors)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Shows the tokens of all work one run owns, by agent, and the conversations it started. */
export function RunDetail(props: { routine: string; run: RunRollup }) {
  const { run } = props
  const { views, navigation } = useStores()
  const formats = useFormats()
  const agents = Object.entries(run.byAgent)

  const showConversation = (conversation: string): void => {
    views.getState().searchConversations(conversation)
    navigation.getState().go('conversations')
  }

  return (
    <Panel title={`Run ${run.run}`} className="run-detail">
      <p data-testid="run-tokens">
        {formats.count(tokensOf(run))} tokens: {formats.count(run.inputTokens)} in (
        {formats.count(run.cacheReadTokens)} cached), {formats.count(run.outputTokens)}{' '}
        out, over {formats.count(run.turns)} turns in {formats.duration(run.wallMs)}.
      </p>
      <div className="split">
        <div className="table-wrap">
          <table className="data-table" data-testid="run-agents">
            <caption>By agent</caption>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col" className="numeric">
                  Tokens
                </th>
                <th scope="col" className="numeric">
                  Input
                </th>
                <th scope="col" className="numeric">
                  Cached
                </th>
                <th scope="col" className="numeric">
                  Output
                </th>
                <th scope="col" className="numeric">
                  Turns
                </th>
                <th scope="col" className="numeric">
                  Tool calls
                </th>
              </tr>
            </thead>
            <tbody>
              {agents.map(([agent, totals]) => (
                <tr key={agent} data-testid={`run-agent-${agent}`}>
                  <td>{agent}</td>
                  <td className="numeric">{formats.count(tokensOf(totals))}</td>
                  <td className="numeric">{formats.count(totals.inputTokens)}</td>
                  <td className="numeric">{formats.count(totals.cacheReadTokens)}</td>
                  <td className="numeric">{formats.count(totals.outputTokens)}</td>
                  <td className="numeric">{formats.count(totals.turns)}</td>
                  <td className="numeric">{formats.count(totals.toolCalls)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h4>Conversations</h4>
          <ul className="plain-list" data-testid="run-conversations">
            {run.conversations.map((conversation) => (
              <li key={conversation}>
                <button
                  type="button"
                  className="link"
                  onClick={() => showConversation(conversation)}
                >
                  {conversation}
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </Panel>
  )
}
