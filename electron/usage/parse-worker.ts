// Entry of a parse worker thread: reads the groups it is sent, one at a time.
import { parentPort } from 'node:worker_threads'

import { errorText } from './errors'
import type { ParseReply, ParseRequest } from './parse-pool'
import { parseGroup } from './read-groups'
import { adapterFor } from './sources/registry'

const port = parentPort
if (!port) throw new Error('parse-worker must run in a worker thread')

port.on('message', (request: ParseRequest) => {
  parseGroup(adapterFor(request.kind), request.group).then(
    (parsed) => {
      // The collector's class does not cross threads; its data does.
      const {
        problems,
        badLines,
        unreadableFiles,
        unknownRecords,
        partialTails,
        emptyFiles
      } = parsed.diagnostics
      const reply: ParseReply = {
        id: request.id,
        ok: true,
        parsed: {
          ...parsed,
          diagnostics: {
            problems,
            badLines,
            unreadableFiles,
            unknownRecords,
            partialTails,
            emptyFiles
          }
        }
      }
      port.postMessage(reply)
    },
    (error: unknown) => {
      const reply: ParseReply = { id: request.id, ok: false, message: errorText(error) }
      port.postMessage(reply)
    }
  )
})
