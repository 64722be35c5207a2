// Lines of a Claude Code log that carry no spend: progress lines, file history
// snapshots, attachments, system lines and compaction. Together with tool
// results they make up most of a real log's bytes.

export function writeProgressCopy(session, call, agentId, line) {
  const copy = {
    type: line.type,
    message: line.message,
    uuid: line.uuid,
    timestamp: line.timestamp
  }
  if (line.requestId) copy.requestId = line.requestId
  const saved = session.parentUuid
  session.writer.line({
    ...session.conversationLine('progress', line.timestamp),
    data: {
      message: copy,
      normalizedMessages: [],
      type: 'agent_progress',
      prompt: '',
      agentId
    },
    toolUseID: `agent_msg_${session.random.hex(24)}`,
    parentToolUseID: call.id
  })
  session.parentUuid = saved
}

/** Writes the progress lines of the hooks that run for one tool event. */
export function writeHookProgress(session, event, call) {
  const saved = session.parentUuid
  for (let index = session.random.int(0, 3); index > 0; index -= 1) {
    session.writer.line({
      ...session.conversationLine('progress', session.tick(5, 200)),
      data: {
        type: 'hook_progress',
        hookEvent: event,
        hookName: `${event}:${call.name}`,
        command: `\${CLAUDE_PLUGIN_ROOT}/scripts/hook-${index}.sh`
      },
      parentToolUseID: call.id,
      toolUseID: call.id
    })
  }
  session.parentUuid = saved
}

export function writeBashProgress(session, call, output) {
  const count = session.random.int(0, 6)
  const saved = session.parentUuid
  for (let index = 1; index <= count; index += 1) {
    const partial = output.slice(0, Math.floor((output.length * index) / (count + 1)))
    session.writer.line({
      ...session.conversationLine('progress', session.tick(1000, 4000)),
      data: {
        type: 'bash_progress',
        output: partial.slice(-400),
        fullOutput: partial.slice(0, 4000),
        elapsedTimeSeconds: index * 3,
        totalLines: partial.split('\n').length,
        timeoutMs: 120000
      },
      toolUseID: `bash-progress-${index}`,
      parentToolUseID: call.id
    })
  }
  session.parentUuid = saved
}

export function trackFile(session, path) {
  const version = (session.tracked[path]?.version ?? 0) + 1
  session.tracked[path] = {
    backupFileName: `${session.random.hex(16)}@v${version}`,
    version,
    backupTime: new Date(session.clockMs).toISOString()
  }
}

export function writeSnapshot(session, messageId, update) {
  session.writer.line({
    type: 'file-history-snapshot',
    messageId,
    snapshot: {
      messageId,
      trackedFileBackups: session.tracked,
      timestamp: new Date(session.clockMs).toISOString()
    },
    isSnapshotUpdate: update
  })
}

export function writeAttachment(session) {
  session.emit({
    ...session.conversationLine('attachment', new Date(session.clockMs).toISOString()),
    attachment: {
      type: 'hook_additional_context',
      content: [session.pool.sentence()],
      hookName: 'UserPromptSubmit',
      hookEvent: 'UserPromptSubmit'
    }
  })
}

export function writeSystem(session, subtype, fields) {
  session.emit({
    ...session.conversationLine('system', session.tick(5, 300)),
    subtype,
    ...fields,
    level: 'suggestion'
  })
}

/** Writes a compaction: a boundary, then a summary that replaces the conversation. */
export function writeCompaction(session) {
  const preTokens = session.context
  const boundary = session.conversationLine('system', session.tick(1000, 60000))
  session.emit({
    ...boundary,
    parentUuid: null,
    logicalParentUuid: boundary.parentUuid,
    subtype: 'compact_boundary',
    content: 'Conversation compacted',
    compactMetadata: { trigger: 'auto', preTokens }
  })
  const summary = session.pool.prose(session.random.int(3000, 12000))
  session.emit({
    ...session.conversationLine('user', session.tick(10, 200)),
    isCompactSummary: true,
    isVisibleInTranscriptOnly: true,
    message: {
      role: 'user',
      content: `This session is being continued from a previous conversation. ${summary}`
    }
  })
  session.context = 20000 + Math.ceil(summary.length / 3.6)
}
