import { useEffect, useRef, useState } from 'react'
import type { FormEvent } from 'react'
import { useStore } from 'zustand'

import { BuildProgress } from '../components/BuildStatus'
import { EmptyState, ErrorNotice, ScreenHeader } from '../components/common'
import { useStores } from '../state/context'
import { ProjectItem } from './ProjectItem'

export function Projects() {
  const { projects, navigation } = useStores()
  const list = useStore(projects, (state) => state.projects)
  const chosen = useStore(navigation, (state) => state.projectId)
  // The menu's Export data item opens the picked project's exports, or the first one's.
  const exportTarget = list.some((project) => project.id === chosen)
    ? chosen
    : list[0]?.id
  const loaded = useStore(projects, (state) => state.loaded)
  const error = useStore(projects, (state) => state.error)
  const anyBuild = useStore(projects, (state) => Object.keys(state.builds).length > 0)

  return (
    <div className="screen">
      <ScreenHeader
        title="Projects"
        subtitle="Lowkey projects and the tool logs found on this machine"
      >
        <button
          type="button"
          onClick={() => void projects.getState().rebuild('all')}
          disabled={list.length === 0 || anyBuild}
        >
          Rebuild all
        </button>
      </ScreenHeader>
      <AddProject />
      {error && (
        <ErrorNotice
          what="Loading the projects"
          message={error}
          onRetry={() => void projects.getState().load()}
        />
      )}
      {loaded && list.length === 0 && (
        <EmptyState title="No projects yet">
          <p>
            Add a Lowkey project folder above. Claude Code and Codex CLI logs in their
            usual folders are listed here by themselves once found.
          </p>
        </EmptyState>
      )}
      {!loaded && !error && <p className="loading">Loading…</p>}
      <ul className="project-list">
        {list.map((project) => (
          <ProjectItem
            key={project.id}
            project={project}
            exportTarget={project.id === exportTarget}
          />
        ))}
      </ul>
      <OrphanBuilds />
    </div>
  )
}

/** Adds a project: a folder dialog in the desktop app, a path field through the bridge. */
function AddProject() {
  const { api, projects, navigation } = useStores()
  const requests = useStore(navigation, (state) => state.addProjectRequests)
  const [path, setPath] = useState('')
  const [busy, setBusy] = useState(false)
  const field = useRef<HTMLInputElement>(null)
  const chooseButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (requests > 0) (field.current ?? chooseButton.current)?.focus()
  }, [requests])

  if (api.transport === 'electron') {
    return (
      <div className="add-project">
        <button
          ref={chooseButton}
          type="button"
          className="primary"
          onClick={() => void projects.getState().choose()}
        >
          Add project folder…
        </button>
      </div>
    )
  }

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const trimmed = path.trim()
    if (!trimmed) return
    setBusy(true)
    const added = await projects.getState().add(trimmed)
    setBusy(false)
    if (added) setPath('')
  }

  return (
    <form className="add-project panel" onSubmit={(event) => void submit(event)}>
      <label htmlFor="project-path">
        Add a Lowkey project: its folder on the machine that runs the bridge
      </label>
      <div className="field-row">
        <input
          id="project-path"
          ref={field}
          type="text"
          spellCheck={false}
          placeholder="/home/me/work/my-project"
          value={path}
          onChange={(event) => setPath(event.target.value)}
        />
        <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
          Add project
        </button>
      </div>
    </form>
  )
}

/** Builds for ids that are not (or no longer) in the list, so their Cancel stays reachable. */
function OrphanBuilds() {
  const { projects } = useStores()
  const builds = useStore(projects, (state) => state.builds)
  const list = useStore(projects, (state) => state.projects)
  const orphans = Object.keys(builds).filter(
    (id) => !list.some((project) => project.id === id)
  )
  if (orphans.length === 0) return null
  return (
    <div className="banner">
      {orphans.map((id) => (
        <BuildProgress key={id} projectId={id} name={id} />
      ))}
    </div>
  )
}
