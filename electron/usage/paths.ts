import { homedir } from 'node:os'
import { join } from 'node:path'

export interface Environment {
  env: NodeJS.ProcessEnv
  home: string
  platform: NodeJS.Platform
}

export function currentEnvironment(): Environment {
  return {
    env: process.env,
    home: process.env.HOME || homedir(),
    platform: process.platform
  }
}

/**
 * Returns the app's data folder, shared by the command line and the desktop app:
 * `$LOWKEY_USAGE_HOME` when set, else the platform's usual place.
 */
export function dataFolder({ env, home, platform }: Environment): string {
  if (env.LOWKEY_USAGE_HOME) return env.LOWKEY_USAGE_HOME
  if (platform === 'darwin')
    return join(home, 'Library', 'Application Support', 'Lowkey Usage')
  if (platform === 'win32') {
    return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Lowkey Usage')
  }
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'lowkey-usage')
}
