import { resolve } from 'node:path'

import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          'build-worker': resolve(
            import.meta.dirname,
            'electron/usage/service/build-worker.ts'
          )
        }
      }
    }
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // A sandboxed preload must be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'renderer/index.html') }
      }
    },
    plugins: [react()]
  }
})
