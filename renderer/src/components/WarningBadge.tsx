import type { ProjectWarning } from '../../../shared/api'
import { useStores } from '../state/context'
import { useFormats } from '../state/hooks'
import { WARNING_KIND_NAMES } from '../state/warnings'

/** Names every warning with its figures, for screen readers and the tooltip. */
export function warningsLabel(warnings: readonly ProjectWarning[]): string {
  const sentences = warnings.map(
    (warning) => `${WARNING_KIND_NAMES[warning.kind]}: ${warning.message}`
  )
  const heading = warnings.length === 1 ? 'Warning' : `${warnings.length} warnings`
  return `${heading}. ${sentences.join(' ')}`
}

/**
 * Marks a card or row that a warning is about. It shows the ratio (or "new"
 * for a baseline of 0) and opens the Warnings screen.
 */
export function WarningBadge(props: {
  warnings: readonly ProjectWarning[]
  testId: string
}) {
  const { warnings } = props
  const { navigation } = useStores()
  const formats = useFormats()
  const [first] = warnings
  if (!first) return null

  let text = `${warnings.length} warnings`
  if (warnings.length === 1)
    text = first.ratio === null ? 'new' : formats.ratio(first.ratio)
  const label = warningsLabel(warnings)
  return (
    <button
      type="button"
      className="warning-badge"
      data-testid={props.testId}
      // The name starts with the visible text, so speech input can name the button.
      aria-label={`${text}: ${label}`}
      title={label}
      onClick={() => navigation.getState().go('warnings')}
    >
      <span aria-hidden="true">▲ {text}</span>
    </button>
  )
}
