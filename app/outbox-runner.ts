/**
 * Runs the outbox dispatcher: at once when a change queued something (kick), and every few seconds as a
 * safety net through pg-boss, so rows left by a crash or a busy platform are delivered later.
 */
import type { Clock } from '../lib/clock.js'
import type { DbClient } from '../lib/db.js'
import type { Logger } from '../lib/logger.js'
import { dispatchOutbox, type PlatformNotifier } from '../services/notifications/index.js'

export type OutboxRunner = { kick(): void; drain(): Promise<void>; idle(): Promise<void>; stop(): Promise<void> }

export function createOutboxRunner(deps: { db: DbClient; notifiers: PlatformNotifier[]; log: Logger; clock: Clock }): OutboxRunner {
  let running: Promise<void> | null = null
  let again = false
  let stopped = false

  const loop = async () => {
    do {
      again = false
      try {
        const report = await dispatchOutbox(deps)
        if (report.sent || report.failed || report.deferred) deps.log.info(report, 'outbox dispatched')
        // Something was deferred for a moment (a card still being posted): look again shortly.
        if (report.deferred && !stopped) setTimeout(() => kick(), 1100).unref()
      } catch (error) {
        deps.log.error({ err: error instanceof Error ? error.message : String(error) }, 'outbox dispatch failed')
      }
    } while (again && !stopped)
    running = null
  }

  const kick = () => {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    running = loop()
  }

  return {
    kick,
    async drain() {
      kick()
      while (running) await running
    },
    async idle() {
      while (running) await running
    },
    async stop() {
      stopped = true
      while (running) await running
    },
  }
}
