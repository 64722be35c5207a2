import { useEffect, useRef } from 'react'
import type { ReactNode } from 'react'

import { focusIsLost } from '../lib/focus'

/**
 * Shows the end of a settings form: why the draft cannot be saved, why saving
 * failed, and the save and undo buttons, with any more after them.
 */
export function SettingsFormEnd(props: {
  /** Plural name of what the form saves, such as "thresholds". */
  subject: string
  /** Whether the draft can be saved. */
  valid: boolean
  /** What is wrong with the whole draft, or null; field errors show at their fields. */
  invalid: string | null
  /** Why the last save failed, or null. */
  serverError: string | null
  errorTestId: string
  changed: boolean
  saving: boolean
  saveLabel: string
  undoLabel: string
  onUndo(): void
  children?: ReactNode
}) {
  const row = useRef<HTMLDivElement>(null)
  const wasChanged = useRef(props.changed)
  useEffect(() => {
    const saved = wasChanged.current && !props.changed
    wasChanged.current = props.changed
    if (!saved) return
    // Saving or undoing disables the button that was pressed, and focus would
    // fall to the page body; it goes back to the form's first field.
    const focused = document.activeElement
    const disabledHere =
      row.current?.contains(focused) === true && (focused as HTMLButtonElement).disabled
    if (!focusIsLost() && !disabledHere) return
    row.current
      ?.closest('form')
      ?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled])')
      ?.focus()
  }, [props.changed])

  return (
    <>
      {props.invalid !== null && (
        <p className="has-errors" role="alert">
          These {props.subject} are invalid: {props.invalid}
        </p>
      )}
      {props.serverError && (
        <p className="has-errors" role="alert" data-testid={props.errorTestId}>
          Saving the {props.subject} failed: {props.serverError}
        </p>
      )}
      <div className="button-row" ref={row}>
        <button
          type="submit"
          className="primary"
          disabled={!props.changed || !props.valid || props.saving}
        >
          {props.saveLabel}
        </button>
        <button type="button" disabled={!props.changed} onClick={props.onUndo}>
          {props.undoLabel}
        </button>
        {props.children}
      </div>
    </>
  )
}
