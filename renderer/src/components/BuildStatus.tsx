import { useEffect, useRef } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'

import type { ProjectSummary } from '../../../shared/api'
import { formatBytes } from '../../../shared/format'
import { focusIsLost } from '../lib/focus'
import { useStores } from '../state/context'
import { useFormats } from '../state/hooks'

/** States in which a project's figures are out of date or absent. */
export function needsRebuild(project: ProjectSummary): boolean {
  return (
    project.state === 'missing' || project.state === 'stale' || project.state === 'error'
  )
}

function stateSentence(project: ProjectSummary): string {
  if (project.state === 'missing')
    return `The rollups of ${project.name} are not built yet.`
  if (project.state === 'error')
    return `The rollups of ${project.name} could not be read.`
  return `The rollups of ${project.name} are out of date.`
}

/** Tells whether the chosen projects' rollups are being built, or need a build. */
export function useScopeRollups(): { building: boolean; needsRebuild: boolean } {
  const { projects, navigation } = useStores()
  const projectId = useStore(navigation, (state) => state.projectId)
  const inScope = (project: ProjectSummary): boolean =>
    projectId === 'all' || project.id === projectId
  const building = useStore(projects, (state) =>
    state.projects.some(
      (project) => inScope(project) && Boolean(state.builds[project.id])
    )
  )
  const stale = useStore(projects, (state) =>
    state.projects.some((project) => inScope(project) && needsRebuild(project))
  )
  return { building, needsRebuild: stale }
}

/** Progress of a running rebuild with its Cancel button. */
export function BuildProgress(props: { projectId: string; name: string }) {
  const { projects } = useStores()
  const build = useStore(projects, (state) => state.builds[props.projectId])
  const formats = useFormats()
  const cancel = useRef<HTMLButtonElement>(null)
  const running = build !== undefined
  useEffect(() => {
    // The Rebuild button this replaces may have had the focus.
    if (running && focusIsLost()) cancel.current?.focus()
  }, [running])
  if (!build) return null
  const known = build.bytesTotal > 0
  return (
    <div className="build-progress" data-testid={`build-progress-${props.projectId}`}>
      <label>
        <span>
          Rebuilding {props.name}
          {known
            ? `: ${formats.count(build.filesDone)} of ${formats.count(build.filesTotal)} files, ` +
              `${formatBytes(build.bytesDone)} of ${formatBytes(build.bytesTotal)}`
            : ': starting'}
        </span>
        <progress
          max={known ? build.bytesTotal : undefined}
          value={known ? build.bytesDone : undefined}
        />
      </label>
      <button
        type="button"
        ref={cancel}
        onClick={() => void projects.getState().cancel(props.projectId)}
      >
        Cancel
      </button>
    </div>
  )
}

/**
 * Tells above a data screen when the chosen projects' rollups are missing or
 * stale, and offers the rebuild; shows the progress while one runs.
 */
export function RollupStateBanner() {
  const { projects, navigation } = useStores()
  const projectId = useStore(navigation, (state) => state.projectId)
  const affected = useStore(
    projects,
    useShallow((state) =>
      state.projects.filter(
        (project) =>
          (projectId === 'all' || project.id === projectId) && needsRebuild(project)
      )
    )
  )
  const building = useStore(
    projects,
    useShallow((state) =>
      state.projects.filter(
        (project) =>
          (projectId === 'all' || project.id === projectId) && state.builds[project.id]
      )
    )
  )

  if (building.length > 0) {
    return (
      <div className="banner">
        {building.map((project) => (
          <BuildProgress key={project.id} projectId={project.id} name={project.name} />
        ))}
      </div>
    )
  }
  if (affected.length === 0) return null

  const [only] = affected
  const rebuild = (): void => void projects.getState().rebuild(projectId)
  return (
    <div className="banner banner-warning" role="status">
      <div>
        {affected.length === 1 && only ? (
          <>
            <strong>{stateSentence(only)}</strong> {only.reasons.join(' ')}
          </>
        ) : (
          <strong>{affected.length} projects have missing or stale rollups.</strong>
        )}{' '}
        The figures here appear or catch up after a rebuild.
      </div>
      <div className="banner-actions">
        <button type="button" className="primary" onClick={rebuild}>
          {projectId === 'all' ? 'Rebuild all' : 'Rebuild'}
        </button>
        <button
          type="button"
          className="quiet"
          onClick={() => navigation.getState().go('projects')}
        >
          Show projects
        </button>
      </div>
    </div>
  )
}
