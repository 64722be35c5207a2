import { useEffect, useRef, useState } from 'react'
import { useStore } from 'zustand'

import type { ExportContent, ProjectSummary } from '../../../shared/api'
import { saveFile } from '../lib/export'
import { useStores } from '../state/context'
import { runExport } from '../state/stores'

const CONTENTS: Array<{ content: ExportContent; name: string; description: string }> = [
  {
    content: 'ledger',
    name: 'Ledger',
    description: 'one record per agent turn and model'
  },
  {
    content: 'conversations',
    name: 'Conversations',
    description: 'totals of each conversation'
  },
  {
    content: 'days',
    name: 'Days',
    description: 'totals of each day, also by provider, agent and routine'
  },
  { content: 'agents', name: 'Agents', description: 'totals of each agent' },
  { content: 'providers', name: 'Providers', description: 'totals of each provider' },
  { content: 'routines', name: 'Routines', description: 'each run of each routine' }
]

/**
 * Exports a project's ledger and rollups as CSV or JSON: the main process
 * writes the file and `export:save` saves it where the operator chooses.
 */
export function ProjectExports(props: {
  project: ProjectSummary
  /** True when the menu's Export data item should open this project's exports. */
  menuTarget: boolean
}) {
  const { project } = props
  const stores = useStores()
  const requested = useStore(stores.navigation, (state) => state.exportRequested)
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const toggle = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!requested || !props.menuTarget) return
    setOpen(true)
    toggle.current?.focus()
    stores.navigation.getState().exportOpened()
  }, [requested, props.menuTarget, stores.navigation])

  const built = project.counts !== null && project.state !== 'missing'
  const save = async (content: ExportContent, format: 'csv' | 'json'): Promise<void> => {
    setBusy(true)
    await runExport(stores, `Exporting ${content} of ${project.name}`, async () => {
      const file = await stores.api.invoke('usage:export', {
        projectId: project.id,
        content,
        format
      })
      stores.notices.getState().info((await saveFile(stores.api, file)).message)
    })
    setBusy(false)
  }

  const panelId = `project-${project.id}-export-list`
  return (
    <div className="project-exports" data-testid={`project-${project.id}-exports`}>
      <button
        ref={toggle}
        type="button"
        className="disclosure"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Export data
      </button>
      {open && (
        <div id={panelId}>
          {!built && (
            <p className="muted">Rebuild the rollups first: an export reads them.</p>
          )}
          <table className="data-table compact-table">
            <caption className="visually-hidden">
              Exports of {project.name}, as CSV or JSON
            </caption>
            <tbody>
              {CONTENTS.map((entry) => (
                <tr key={entry.content}>
                  <th scope="row">{entry.name}</th>
                  <td className="muted">{entry.description}</td>
                  <td className="nowrap">
                    {(['csv', 'json'] as const).map((format) => (
                      <button
                        key={format}
                        type="button"
                        className="quiet"
                        disabled={!built || busy}
                        aria-label={`Export ${entry.name.toLowerCase()} of ${project.name} as ${format.toUpperCase()}`}
                        onClick={() => void save(entry.content, format)}
                      >
                        {format.toUpperCase()}
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
