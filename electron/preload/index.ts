import { contextBridge } from 'electron'

contextBridge.exposeInMainWorld('lowkey', { ready: true })
