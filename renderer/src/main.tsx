import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { App } from './App'
import { connectApi } from './api/client'
import { StoresProvider } from './state/context'
import { createStores, startStores } from './state/stores'
import './styles/base.css'
import './styles/layout.css'
import './styles/figures.css'
import './styles/screens.css'
import './styles/details.css'

const container = document.getElementById('root')
if (!container) throw new Error('renderer/index.html has no #root element')

const stores = createStores({ api: connectApi(), storage: safeStorage() })
startStores(stores)

createRoot(container).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>
)

/** Returns localStorage, or null where the page may not use it. */
function safeStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}
