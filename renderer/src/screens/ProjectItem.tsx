import { useState } from 'react'
import { useStore } from 'zustand'

import type { ProjectProblem, ProjectSummary } from '../../../shared/api'
import { BuildProgress, needsRebuild } from '../components/BuildStatus'
import { useStores } from '../state/context'
import { useFormats } from '../state/hooks'
import { ProjectExports } from './ProjectExports'

const KIND_NAMES: Record<ProjectSummary['kind'], string> = {
  lowkey: 'Lowkey project',
  'claude-code': 'Claude Code logs',
  codex: 'Codex CLI logs'
}

const STATE_NAMES: Record<ProjectSummary['state'], string> = {
  fresh: 'up to date',
  stale: 'stale',
  missing: 'not built',
  building: 'building',
  error: 'unreadable'
}

/** Problems listed before the rest fold away behind a toggle. */
const PROBLEMS_SHOWN = 20

export function ProjectItem(props: {
  project: ProjectSummary
  /** True when the menu's Export data item opens this project's exports. */
  exportTarget: boolean
}) {
  const { project } = props
  const { projects, navigation, views } = useStores()
  const formats = useFormats()
  const building = useStore(projects, (state) => Boolean(state.builds[project.id]))
  const outcome = useStore(projects, (state) => state.outcomes[project.id])
  const [confirming, setConfirming] = useState(false)

  const open = (): void => {
    navigation.getState().chooseProject(project.id)
    views.getState().resetForProject()
    navigation.getState().go('overview')
  }

  return (
    <li className="card project" data-testid={`project-${project.id}`}>
      <header className="card-header">
        <h3>{project.name}</h3>
        <span className="badge">{KIND_NAMES[project.kind]}</span>
        {project.origin === 'demo' && <span className="badge">example</span>}
        <span
          className={`badge state-${project.state}`}
          data-testid={`project-${project.id}-state`}
        >
          {STATE_NAMES[project.state]}
        </span>
      </header>
      <p className="location">{project.location}</p>
      <p className="muted">
        {project.counts
          ? [
              counted(formats.count, project.counts.conversations, 'conversation'),
              counted(formats.count, project.counts.turns, 'turn'),
              project.counts.badLines > 0 &&
                `${counted(formats.count, project.counts.badLines, 'bad line')} skipped`
            ]
              .filter(Boolean)
              .join(', ')
          : 'No rollups yet'}
        {project.builtAt && ` · built ${formats.dateTime(project.builtAt)}`}
        {project.timeZone && ` · days in ${project.timeZone}`}
      </p>

      {needsRebuild(project) && project.reasons.length > 0 && (
        <ul className="reasons" aria-label="Why the rollups need a rebuild">
          {project.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}

      {building && <BuildProgress projectId={project.id} name={project.name} />}
      {!building && outcome && (
        <p
          className={outcome.outcome === 'failed' ? 'outcome has-errors' : 'outcome'}
          role="status"
          data-testid={`project-${project.id}-outcome`}
        >
          {outcomeText(outcome.outcome, outcome.message)}
        </p>
      )}

      <div className="button-row">
        <button type="button" onClick={open}>
          Show figures
        </button>
        <button
          type="button"
          className={needsRebuild(project) ? 'primary' : undefined}
          disabled={building}
          onClick={() => void projects.getState().rebuild(project.id)}
        >
          Rebuild
        </button>
        {project.origin === 'added' && !confirming && (
          <button type="button" className="quiet" onClick={() => setConfirming(true)}>
            Remove
          </button>
        )}
        {confirming && (
          <span className="confirm" role="group" aria-label={`Remove ${project.name}?`}>
            <span>Remove from the list? Its logs and rollups stay on disk.</span>
            <button
              type="button"
              className="danger"
              onClick={() => void projects.getState().remove(project.id)}
            >
              Remove
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        )}
      </div>

      <ProjectExports project={project} menuTarget={props.exportTarget} />

      <Problems
        problems={
          outcome?.outcome === 'failed' && outcome.problems.length > 0
            ? outcome.problems
            : project.problems
        }
        badLines={project.counts?.badLines ?? 0}
      />
    </li>
  )
}

function outcomeText(outcome: 'done' | 'cancelled' | 'failed', message: string): string {
  if (outcome === 'done') return message.charAt(0).toUpperCase() + message.slice(1)
  return `${outcome === 'cancelled' ? 'Rebuild cancelled' : 'Rebuild failed'}: ${message}`
}

function counted(format: (value: number) => string, count: number, noun: string): string {
  return `${format(count)} ${count === 1 ? noun : `${noun}s`}`
}

/** Bad lines and unreadable files the engine skipped, each with its file and line. */
function Problems(props: { problems: ProjectProblem[]; badLines: number }) {
  const [expanded, setExpanded] = useState(false)
  const { problems, badLines } = props
  if (problems.length === 0) return null
  const shown = expanded ? problems : problems.slice(0, PROBLEMS_SHOWN)
  return (
    <section className="problems" aria-label="Problems found while reading logs">
      <h4>{problemsHeading(problems.length, badLines)}</h4>
      <ul>
        {shown.map((problem, index) => (
          <li key={`${problem.file}:${problem.line ?? ''}:${index}`}>
            <code>
              {problem.file}
              {problem.line !== undefined && `:${problem.line}`}
            </code>{' '}
            {problem.message}
          </li>
        ))}
      </ul>
      {problems.length > PROBLEMS_SHOWN && (
        <button type="button" className="quiet" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${problems.length}`}
        </button>
      )}
    </section>
  )
}

/** Returns the heading of the problem list, naming the bad line count when the list is cut. */
function problemsHeading(listed: number, badLines: number): string {
  if (badLines > listed) {
    return `${listed} problems listed while reading the logs, of ${badLines} bad lines in all`
  }
  return `${listed === 1 ? '1 problem' : `${listed} problems`} while reading the logs`
}
