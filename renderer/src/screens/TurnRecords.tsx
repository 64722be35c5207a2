import type { TurnRow } from '../../../shared/api'
import { useFormats } from '../state/hooks'

/** Shows the ledger records of one turn, one per agent and model. */
export function TurnRecords(props: { turn: TurnRow }) {
  const { turn } = props
  const formats = useFormats()
  return (
    <section className="panel" aria-live="polite">
      <header className="panel-header">
        <h3>
          Turn {formats.count(turn.turn)}:{' '}
          {formats.dateTimeRange(turn.startedAt, turn.finishedAt)}
        </h3>
      </header>
      <div className="table-wrap">
        <table className="data-table" data-testid="turn-records">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Model</th>
              <th scope="col">Provider</th>
              <th scope="col" className="numeric">
                Input
              </th>
              <th scope="col" className="numeric">
                Cache read
              </th>
              <th scope="col" className="numeric">
                Cache write
              </th>
              <th scope="col" className="numeric">
                Output
              </th>
              <th
                scope="col"
                className="numeric"
                title="The largest prompt of any single model call"
              >
                Context
              </th>
              <th scope="col" className="numeric">
                Wall time
              </th>
              <th scope="col" className="numeric">
                Tools
              </th>
              <th scope="col" className="numeric">
                Errors
              </th>
              <th scope="col">Tokens</th>
            </tr>
          </thead>
          <tbody>
            {turn.records.map((record) => (
              <tr key={`${record.agent}\u0000${record.model ?? ''}`}>
                <td>{record.agent}</td>
                <td className="nowrap">{record.model ?? 'unknown'}</td>
                <td>{record.provider}</td>
                <td className="numeric">{formats.count(record.inputTokens)}</td>
                <td className="numeric">{formats.count(record.cacheReadTokens)}</td>
                <td className="numeric">{formats.count(record.cacheWriteTokens)}</td>
                <td className="numeric">{formats.count(record.outputTokens)}</td>
                <td className="numeric">{formats.count(record.contextTokens)}</td>
                <td className="numeric">{formats.duration(record.wallMs)}</td>
                <td className="numeric">{formats.count(record.toolCalls)}</td>
                <td className="numeric">{formats.count(record.toolErrors)}</td>
                <td>{record.tokens}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
