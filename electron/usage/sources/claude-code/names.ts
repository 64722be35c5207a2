/** Provider of every Claude Code record. */
export const PROVIDER = 'anthropic'

/** Agent name of the main conversation; subagents are named after it. */
export const MAIN_AGENT = 'claude-code'
