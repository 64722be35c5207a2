import { act, render } from '@testing-library/react'

import { App } from '../../../renderer/src/App'
import { StoresProvider } from '../../../renderer/src/state/context'
import { createStores, startStores } from '../../../renderer/src/state/stores'
import type { Stores } from '../../../renderer/src/state/stores'
import type { ScreenId } from '../../../renderer/src/state/navigation'
import { FakeApi } from './fake-api'
import type { Handlers } from './fake-api'
import { emptyEstimate, project, settings } from './fixtures'

/** 4 December 2026, 15:00 UTC: the demo project's data ends three days before. */
export const DEMO_NOW = new Date('2026-12-04T15:00:00Z')

export interface AppOptions {
  handlers?: Handlers
  transport?: 'electron' | 'http'
  screen?: ScreenId
  projectId?: string | 'all'
  now?: Date
}

/** Returns handlers for the channels requested at start or beside every figure. */
export function baseHandlers(): Handlers {
  return {
    'projects:list': () => [project()],
    'settings:get': () => settings('UTC'),
    'usage:warnings': () => [],
    'usage:costs': () => emptyEstimate()
  }
}

/** Renders the whole app on a fake API, with the clock and locale fixed. */
export async function renderApp(options: AppOptions = {}) {
  const api = new FakeApi(
    { ...baseHandlers(), ...options.handlers },
    options.transport ?? 'http'
  )
  const stores = createStores({
    api,
    clock: () => options.now ?? DEMO_NOW,
    locale: 'en-US'
  })
  if (options.projectId) stores.navigation.getState().chooseProject(options.projectId)
  if (options.screen) stores.navigation.getState().go(options.screen)
  let stop = (): void => undefined
  await act(async () => {
    stop = startStores(stores)
  })
  const view = render(
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  )
  await settle()
  return { api, stores, view, stop }
}

/** Lets pending promises and the effects they trigger run. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve()
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
}

export type RenderedApp = Awaited<ReturnType<typeof renderApp>> & { stores: Stores }
