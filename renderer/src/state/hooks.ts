import { useEffect, useMemo } from 'react'
import { useStore } from 'zustand'

import type { DayRange, Scope } from '../../../shared/api'
import { systemTimeZone } from '../../../shared/time'
import { rangeOf, todayIn } from '../lib/days'
import type { RangeChoice } from '../lib/days'
import { createFormats } from '../lib/format'
import type { Formats } from '../lib/format'
import { useStores } from './context'
import type { QueryStore } from './query'

/** Returns the time zone days are counted in: the settings', or the system's until they load. */
export function useTimeZone(): string {
  const { settings } = useStores()
  return useStore(settings, (state) => state.settings?.timeZone) ?? systemTimeZone()
}

/** Returns formatters for the operator's locale and the settings' time zone. */
export function useFormats(): Formats {
  const { locale } = useStores()
  const timeZone = useTimeZone()
  return useMemo(() => createFormats(locale, timeZone), [locale, timeZone])
}

/** Returns the scope the project picker chose. */
export function useScope(): Scope {
  const { navigation } = useStores()
  const projectId = useStore(navigation, (state) => state.projectId)
  return useMemo(() => ({ projectId }), [projectId])
}

/** Turns a range choice into days, ending today in the settings' time zone. */
export function useDayRange(choice: RangeChoice): DayRange {
  const { clock } = useStores()
  const timeZone = useTimeZone()
  const today = todayIn(clock(), timeZone)
  const { from, to } = rangeOf(choice, today)
  return useMemo(() => ({ from, to }), [from, to])
}

/** Returns the name the picker shows for the chosen scope. */
export function useScopeName(): string {
  const { navigation, projects } = useStores()
  const projectId = useStore(navigation, (state) => state.projectId)
  const name = useStore(projects, (state) =>
    projectId === 'all' ? null : state.projects.find((p) => p.id === projectId)?.name
  )
  return name ?? 'All projects'
}

/** Returns whether the settings have loaded or failed to, so days can be counted. */
export function useSettingsSettled(): boolean {
  const { settings } = useStores()
  return useStore(settings, (state) => state.settings !== null || state.error !== null)
}

/** Returns the counter that changes whenever rollups may have changed. */
export function useDataVersion(): number {
  return useStore(useStores().projects, (state) => state.dataVersion)
}

/**
 * Fetches `request` when it changes (compared by value) or when rollups change,
 * once `ready` is true. Returns the function that fetches it again, for a Try
 * again button.
 */
export function useLoad<Request>(
  load: (request: Request) => Promise<void>,
  request: Request,
  ready = true
): () => void {
  const version = useDataVersion()
  const key = JSON.stringify(request ?? null)
  useEffect(() => {
    if (ready) void load(request)
    // The key stands for the request, so an equal request built anew fetches nothing.
  }, [load, key, version, ready])
  return () => void load(request)
}

/**
 * Loads a screen's figures for the chosen projects and day range, once the
 * settings are read (`ready`): days are counted in the settings' zone.
 * Returns the range, the request and the store's latest response, with a retry.
 */
export function useRangedQuery<Result>(
  store: QueryStore<Scope & DayRange, Result>,
  choice: RangeChoice
) {
  const scope = useScope()
  const range = useDayRange(choice)
  const request = useMemo(() => ({ ...scope, ...range }), [scope, range])
  const ready = useSettingsSettled()
  const retry = useLoad(store.getState().load, request, ready)
  const result = useStore(store, (state) => state.result)
  const error = useStore(store, (state) => state.error)
  const loading = useStore(store, (state) => state.loading)
  return { range, request, ready, retry, result, error, loading }
}
