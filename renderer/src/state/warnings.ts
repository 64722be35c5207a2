import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'

import type { ProjectWarning, Scope } from '../../../shared/api'
import type { WarningKind, WarningLink } from '../../../shared/warnings'
import { rangeOf, todayIn } from '../lib/days'
import { errorMessage } from '../lib/format'
import { useStores } from './context'
import type { Stores } from './stores'

/** Warnings are fetched for every project once; each screen keeps its scope's. */
export const EVERY_PROJECT: Scope = { projectId: 'all' }

export const WARNING_KIND_NAMES: Record<WarningKind, string> = {
  'routine-run-jump': 'Routine run jump',
  'routine-day-jump': 'Routine day jump',
  'provider-volume-jump': 'Provider volume jump',
  'provider-share-jump': 'Provider share jump',
  'conversation-context': 'Large conversation context',
  'tool-error-rise': 'Tool error rise',
  'partial-rise': 'Partial turn rise'
}

/** Returns the warnings of the projects the picker chose, in the engine's order. */
export function useScopedWarnings(): ProjectWarning[] {
  const { warnings, navigation } = useStores()
  const projectId = useStore(navigation, (state) => state.projectId)
  return useStore(
    warnings,
    useShallow((state) =>
      (state.result ?? []).filter(
        (warning) => projectId === 'all' || warning.projectId === projectId
      )
    )
  )
}

/** Returns the warnings of a project, or of every project, whose link `matches`. */
export function useLinkedWarnings(
  matches: (link: WarningLink) => boolean,
  projectId: string | 'all'
): ProjectWarning[] {
  const { warnings } = useStores()
  return useStore(
    warnings,
    useShallow((state) =>
      (state.result ?? []).filter(
        (warning) =>
          (projectId === 'all' || warning.projectId === projectId) &&
          matches(warning.link)
      )
    )
  )
}

/** Returns the label of a button that opens what a warning is about. */
export function linkLabel(link: WarningLink): string {
  switch (link.screen) {
    case 'automations':
      return `Show ${link.routine} on Automations`
    case 'providers':
      return `Show ${link.provider} on Providers`
    case 'conversations':
      return `Open conversation ${link.conversation}`
    case 'agents':
      return `Show ${link.agent} on Agents and days`
  }
}

/** Opens the screen a warning points at, with its routine, provider, agent or conversation. */
export async function openWarning(
  stores: Stores,
  warning: ProjectWarning
): Promise<void> {
  const { navigation, views } = stores
  const { link } = warning
  switch (link.screen) {
    case 'automations':
      views.getState().selectRoutine(link.routine)
      if (warning.run) views.getState().selectRun(warning.run)
      return navigation.getState().go('automations')
    case 'providers':
      views.getState().markProvider(link.provider)
      return navigation.getState().go('providers')
    case 'agents':
      views.getState().markAgent(link.agent)
      if (warning.day) showDay(stores, warning.day)
      return navigation.getState().go('agents')
    case 'conversations':
      return openConversation(stores, warning.projectId, link.conversation)
  }
}

/** Widens the Agents range to every day when the chosen one leaves out `day`. */
function showDay(stores: Stores, day: string): void {
  const views = stores.views.getState()
  const timeZone = stores.settings.getState().settings?.timeZone
  if (!timeZone) return views.setAgentsRange({ preset: 'all' })
  const range = rangeOf(views.agentsRange, todayIn(stores.clock(), timeZone))
  const covered =
    (range.from === null || day >= range.from) && (range.to === null || day <= range.to)
  if (!covered) views.setAgentsRange({ preset: 'all' })
}

/**
 * Looks a conversation up by id and opens it. When the list does not have it
 * (the rollups changed since the warning), the list opens searched for its id.
 */
async function openConversation(
  stores: Stores,
  projectId: string,
  conversation: string
): Promise<void> {
  const { api, navigation, views, notices } = stores
  try {
    const page = await api.invoke('usage:conversations', {
      projectId,
      sort: 'lastFinishedAt',
      descending: true,
      offset: 0,
      limit: 50,
      search: conversation
    })
    const row = page.rows.find(
      (candidate) =>
        candidate.conversation === conversation && candidate.projectId === projectId
    )
    if (row) return navigation.getState().openConversation(row)
  } catch (error) {
    notices.getState().error(`Opening conversation ${conversation}`, errorMessage(error))
  }
  views.getState().searchConversations(conversation)
  navigation.getState().closeConversation()
  navigation.getState().go('conversations')
}
