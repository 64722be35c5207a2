// happy-dom lays nothing out, so every element measures 0 pixels and a
// virtualised list would render no line. This gives the turn list the height
// it has in the app's CSS while a test runs.

const TURN_LIST_HEIGHT = 560
const TURN_LIST_WIDTH = 900

/** Makes the turn list measure as it does on screen; returns the function that undoes it. */
export function measureTurnList(): () => void {
  const prototype = HTMLElement.prototype
  const height = Object.getOwnPropertyDescriptor(prototype, 'clientHeight')
  const width = Object.getOwnPropertyDescriptor(prototype, 'clientWidth')
  const scrollHeight = Object.getOwnPropertyDescriptor(prototype, 'scrollHeight')
  const isTurnList = (element: HTMLElement): boolean =>
    element.classList.contains('turn-list')

  Object.defineProperty(prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return isTurnList(this) ? TURN_LIST_HEIGHT : (height?.get?.call(this) ?? 0)
    }
  })
  Object.defineProperty(prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return isTurnList(this) ? TURN_LIST_WIDTH : (width?.get?.call(this) ?? 0)
    }
  })
  // The list scrolls as far as its inner element, whose height the virtualiser sets.
  Object.defineProperty(prototype, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      if (!isTurnList(this)) return scrollHeight?.get?.call(this) ?? 0
      const inner = this.firstElementChild as HTMLElement | null
      return Number.parseFloat(inner?.style.height ?? '') || 0
    }
  })
  return () => {
    if (height) Object.defineProperty(prototype, 'clientHeight', height)
    if (width) Object.defineProperty(prototype, 'clientWidth', width)
    if (scrollHeight) Object.defineProperty(prototype, 'scrollHeight', scrollHeight)
  }
}
