import { createContext, useContext } from 'react'
import type { ReactNode } from 'react'

import type { Stores } from './stores'

const StoresContext = createContext<Stores | null>(null)

export function StoresProvider(props: { stores: Stores; children: ReactNode }) {
  return <StoresContext value={props.stores}>{props.children}</StoresContext>
}

/** Returns the renderer's stores; only components under `StoresProvider` may call it. */
export function useStores(): Stores {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('useStores() was called outside <StoresProvider>')
  return stores
}
