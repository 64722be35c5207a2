import { createStore } from 'zustand/vanilla'

/** Export actions of the screen in view, run by its buttons and by the menu. */
export interface ScreenExports {
  exportChart?: () => Promise<void>
  exportData?: () => Promise<void>
}

export interface CommandsState {
  exports: ScreenExports
  /** Makes `exports` the current screen's; returns the function that withdraws them. */
  register(exports: ScreenExports): () => void
}

export function createCommandsStore() {
  return createStore<CommandsState>()((set, get) => ({
    exports: {},
    register(exports) {
      set({ exports })
      return () => {
        if (get().exports === exports) set({ exports: {} })
      }
    }
  }))
}

export type CommandsStore = ReturnType<typeof createCommandsStore>
