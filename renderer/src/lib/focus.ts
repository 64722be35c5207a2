/**
 * Tells whether keyboard focus fell to the page body, as it does when the
 * focused element is removed or disabled.
 */
export function focusIsLost(): boolean {
  const focused = document.activeElement
  return focused === null || focused === document.body
}
