/**
 * Runs the outbox dispatcher: at once when a change queued something (kick), and every minute as a safety
 * net through pg-boss, so rows left by a crash or a busy platform are delivered later. It outlives the
 * database: a failed run is retried on its own timer with backoff (pg-boss needs the database too), sends
 * the database could not record yet are kept in the runner's ledger and recorded as soon as it answers, and
 * once a minute it tells the Case Review Group's chair about statutory tasks that cannot be delivered.
 */
import type { Clock } from '../lib/clock.js'
import type { DbClient } from '../lib/db.js'
import { errorSummary } from '../lib/db-errors.js'
import type { Logger } from '../lib/logger.js'
import {
  type DispatchDeps,
  dispatchOutbox,
  escalateUndeliverable,
  flushLedger,
  type PlatformNotifier,
  prepareOutbox,
  SentLedger,
} from '../services/notifications/index.js'
import { createKickLoop, type KickLoop } from './kick-loop.js'

export type OutboxRunner = {
  kick(): void
  drain(): Promise<void>
  idle(): Promise<void>
  /** Stops, after trying for a few seconds to record what was sent; never throws. */
  stop(): Promise<void>
  /** Sends made but not yet recorded in the database (waiting for it to return). */
  unrecorded(): number
}

export type OutboxRunnerDeps = {
  db: DbClient
  notifiers: PlatformNotifier[]
  log: Logger
  clock: Clock
  reclaimGraceSeconds?: number
}

/** How often undeliverable statutory tasks are looked for. */
const ESCALATION_CHECK_MS = 60_000
/** Backoff after a failed run: from 250 ms, doubling, up to this (shorter while sends wait to be recorded). */
const MAX_RETRY_MS = 15_000
const MAX_RECORD_RETRY_MS = 2_000
/** How long `stop` keeps trying to record sends before giving up on them. */
const STOP_RECORD_MS = 5_000

/** Creates the runner; nothing runs until the first kick. */
export function createOutboxRunner(deps: OutboxRunnerDeps): OutboxRunner {
  const ledger = new SentLedger()
  const dispatchDeps: DispatchDeps = { ...deps, ledger }
  let failures = 0
  let retryTimer: NodeJS.Timeout | null = null
  let lastEscalationCheck = 0
  let prepared: Promise<void> | null = null

  const retryLater = (ms: number) => {
    if (runs.stopped || retryTimer) return
    retryTimer = setTimeout(() => {
      retryTimer = null
      runs.kick()
    }, ms)
    retryTimer.unref()
  }

  const escalate = async () => {
    if (Date.now() - lastEscalationCheck < ESCALATION_CHECK_MS) return
    lastEscalationCheck = Date.now()
    try {
      // Chair notices were queued: the dispatch that follows delivers them.
      await escalateUndeliverable(deps)
    } catch (error) {
      // Tried again at the next check; the dispatch below reports a database outage.
      deps.log.warn({ err: errorSummary(error) }, 'undeliverable check failed')
    }
  }

  const runs: KickLoop = createKickLoop(async () => {
    try {
      await escalate()
      prepared ??= prepareOutbox(deps.db)
      await prepared
      const report = await dispatchOutbox(dispatchDeps)
      if (failures > 0) deps.log.info({ failures }, 'outbox: database reachable again')
      failures = 0
      if (report.sent || report.failed || report.deferred || report.waiting) deps.log.info(report, 'outbox dispatched')
      // The database went away mid-run: record those sends as soon as it is back.
      if (report.unrecorded) retryLater(MAX_RECORD_RETRY_MS)
      // Something was deferred for a moment (a card still being posted): look again shortly.
      if (report.deferred && !runs.stopped) setTimeout(() => runs.kick(), 1100).unref()
    } catch (error) {
      failures += 1
      const err = errorSummary(error)
      if (!err.databaseUnavailable) deps.log.error({ err }, 'outbox dispatch failed')
      else if (failures === 1)
        deps.log.warn({ err, unrecorded: ledger.size }, 'outbox: database unavailable, retrying until it returns')
      // Keep trying on our own timer: the pg-boss sweep cannot run without the database either.
      retryLater(Math.min(250 * 2 ** Math.min(failures - 1, 10), ledger.size ? MAX_RECORD_RETRY_MS : MAX_RETRY_MS))
    }
  })

  return {
    kick: runs.kick,
    drain: runs.drain,
    idle: runs.idle,
    async stop() {
      const stopping = runs.stop()
      if (retryTimer) clearTimeout(retryTimer)
      retryTimer = null
      await stopping
      const deadline = Date.now() + STOP_RECORD_MS
      while (ledger.size > 0 && Date.now() < deadline) {
        if (await flushLedger(dispatchDeps, ledger)) break
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      if (ledger.size > 0) {
        // Honest about the at-least-once window: these were sent, and their rows will be sent again.
        deps.log.error(
          { unrecorded: ledger.keys() },
          'stopping with sends the database has not recorded; they may be sent again',
        )
      }
    },
    unrecorded: () => ledger.size,
  }
}
