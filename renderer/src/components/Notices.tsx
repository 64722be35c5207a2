import { useStore } from 'zustand'

import { useStores } from '../state/context'

/** Outcomes and failures of actions, newest last, each dismissible. */
export function Notices() {
  const { notices } = useStores()
  const list = useStore(notices, (state) => state.notices)
  if (list.length === 0) return null
  return (
    <div className="notices">
      {list.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          <span>{notice.message}</span>
          <button
            type="button"
            className="quiet"
            aria-label="Dismiss"
            onClick={() => notices.getState().dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
