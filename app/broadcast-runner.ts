/**
 * Drives the broadcast engine (services/broadcast): at once when a send is queued or cancelled (kick), and every
 * minute through pg-boss as a safety net (scheduled sends, retries, a send left by an instance that died). Runs
 * never overlap in one process; several instances share the work row by row (SKIP LOCKED).
 */
import { errorSummary } from '../lib/db-errors.js'
import type { Logger } from '../lib/logger.js'
import type { BroadcastEngine } from '../services/broadcast/index.js'
import { createKickLoop, type KickLoop } from './kick-loop.js'

export type BroadcastRunner = {
  kick(): void
  /** Runs until nothing is due, then resolves. */
  drain(): Promise<void>
  stop(): Promise<void>
}

/** Creates the runner; nothing runs until the first kick. */
export function createBroadcastRunner(engine: BroadcastEngine, log: Logger): BroadcastRunner {
  let failures = 0
  const runs: KickLoop = createKickLoop(async () => {
    try {
      const report = await engine.run()
      failures = 0
      if (report.sent || report.notReachable || report.failed || report.throttled || report.retried)
        log.info(report, 'broadcast run')
      // Rows waiting for a retry in a few seconds: look again then rather than at the next sweep.
      if (report.retried && !runs.stopped) setTimeout(() => runs.kick(), 2000).unref()
    } catch (error) {
      failures += 1
      log.warn({ err: errorSummary(error), failures }, 'broadcast run failed')
      if (!runs.stopped) setTimeout(() => runs.kick(), Math.min(250 * 2 ** failures, 15_000)).unref()
    }
  })
  return {
    kick: runs.kick,
    drain: runs.drain,
    async stop() {
      engine.stop()
      await runs.stop()
    },
  }
}
