/**
 * pg-boss on the same PostgreSQL: periodic work that must run once across all app instances. It lives
 * through database outages: pg-boss's connection is ours (`BossDb`), so a job result it records without
 * awaiting cannot become an unhandled rejection, and its errors are logged once per outage, not every poll.
 */
import { createRequire } from 'node:module'
import pg from 'pg'
import PgBoss from 'pg-boss'
import { errorSummary, isDatabaseUnavailable } from '../lib/db-errors.js'
import type { Logger } from '../lib/logger.js'
import type { CheckpointRun } from '../services/audit-log/audit-checkpoint.js'

export type Scheduler = { stop(): Promise<void> }

const SCHEMA = 'pgboss'
const require = createRequire(import.meta.url)
/** pg-boss's own SQL for completing and failing jobs by id (the statements its workers do not await). */
const plans = require('pg-boss/src/plans.js') as {
  completeJobs(schema: string): string
  failJobsById(schema: string): string
}

/**
 * pg-boss's connection pool. One difference from pg-boss's own: a worker completes (or fails) a job without
 * awaiting the query (pg-boss 10.4, manager.js `watch`), so with the database away that rejection was
 * unhandled and ended the process within seconds. Those two statements are retried here until the database
 * answers, so the job is still recorded, and given up (logged, never rejected) when the scheduler stops.
 */
class BossDb implements PgBoss.Db {
  private readonly pool: pg.Pool
  private closing = false
  private readonly unawaited = new Set([plans.completeJobs(SCHEMA), plans.failJobsById(SCHEMA)])

  constructor(
    connectionString: string,
    max: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.pool = new pg.Pool({ connectionString, max, application_name: 'pgboss' })
    // An idle connection the server closed: pg emits it here, and an unhandled 'error' event would throw.
    this.pool.on('error', onError)
  }

  /** Runs pg-boss's SQL; the job-result statements wait for the database instead of rejecting. */
  async executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    if (!this.unawaited.has(text)) return this.pool.query(text, values)
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.pool.query(text, values)
      } catch (error) {
        if (this.closing || !isDatabaseUnavailable(error)) {
          this.onError(error)
          return { rows: [{ count: '0' }] }
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5000)).unref())
      }
    }
  }

  /** Stops retrying, then closes the pool (bounded: a pool waiting on a dead server must not hold up a stop). */
  async close(): Promise<void> {
    this.closing = true
    await Promise.race([
      this.pool.end().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 5000).unref()),
    ])
  }

  /** Makes every retry give up (pg-boss's own stop fails the jobs in progress through here). */
  stopRetrying(): void {
    this.closing = true
  }
}

/**
 * Logs pg-boss's errors by name and code. A database outage makes every poll fail: say so once, then at most
 * once a minute, and say when it is back.
 */
function bossErrorLogger(log: Logger): (error: unknown) => void {
  let lastOutageLog = 0
  return (error) => {
    const message = error instanceof Error ? error.message : ''
    // A PostgreSQL that is stopping (restarted, or the embedded one at the end of a stop) closes pg-boss's connections.
    if (/terminating connection due to administrator command/.test(message))
      return log.info('pg-boss: database is shutting down')
    if (isDatabaseUnavailable(error)) {
      if (Date.now() - lastOutageLog < 60_000) return
      lastOutageLog = Date.now()
      return log.warn({ err: errorSummary(error) }, 'pg-boss: database unavailable, waiting for it')
    }
    log.error({ err: errorSummary(error) }, 'pg-boss error')
  }
}

export async function startScheduler(
  databaseUrl: string,
  log: Logger,
  jobs: {
    outboxDrain: () => Promise<void>
    broadcastSweep?: () => Promise<void>
    nudges: () => Promise<void>
    auditCheckpoint?: () => Promise<CheckpointRun>
    retention?: () => Promise<void>
    training?: () => Promise<void>
  },
): Promise<Scheduler> {
  const onError = bossErrorLogger(log)
  const db = new BossDb(databaseUrl, 3, onError)
  const boss = new PgBoss({ db, schema: SCHEMA })
  boss.on('error', onError)
  await boss.start()
  await boss.createQueue('outbox-drain')
  // Every minute, one instance sweeps the outbox for anything a kick did not deliver.
  await boss.schedule('outbox-drain', '* * * * *', {}, { tz: 'UTC' })
  await boss.work('outbox-drain', { pollingIntervalSeconds: 5 }, async () => {
    await jobs.outboxDrain()
  })
  // Broadcasts: every minute, one instance starts scheduled sends and picks up retries and sends left by an
  // instance that died (every instance also runs at once when a send is queued).
  if (jobs.broadcastSweep) {
    const sweep = jobs.broadcastSweep
    await boss.createQueue('broadcast-sweep')
    await boss.schedule('broadcast-sweep', '* * * * *', {}, { tz: 'UTC' })
    await boss.work('broadcast-sweep', { pollingIntervalSeconds: 5 }, async () => {
      await sweep()
    })
  }
  // Nudges: every 30 minutes on weekdays; the run itself keeps quiet hours and bank holidays, and claims
  // each person's digest for the day, so extra runs (or instances) send nothing twice.
  await boss.createQueue('nudges')
  await boss.schedule('nudges', '*/30 * * * 1-5', {}, { tz: 'Europe/London' })
  await boss.work('nudges', { pollingIntervalSeconds: 30 }, async () => {
    await jobs.nudges()
  })
  // Nightly: verify the audit chains and append a signed checkpoint per partnership to a file the
  // database cannot change, and to the log (services/audit-log/audit-checkpoint.ts).
  if (jobs.auditCheckpoint) {
    const auditCheckpoint = jobs.auditCheckpoint
    await boss.createQueue('audit-checkpoint')
    await boss.schedule('audit-checkpoint', '30 2 * * *', {}, { tz: 'Europe/London' })
    await boss.work('audit-checkpoint', { pollingIntervalSeconds: 60 }, async () => {
      const run = await auditCheckpoint()
      for (const checkpoint of run.checkpoints) log.info({ checkpoint, file: run.file }, 'audit checkpoint')
      if (run.problems.length)
        log.error({ problems: run.problems }, 'audit chain BROKEN: no checkpoint for those partnerships')
    })
  }
  // Nightly: remove the narratives of cases closed longer ago than the retention setting. The run claims each
  // partnership's day and each case in the database, so a second instance (or a retry) does nothing twice.
  if (jobs.retention) {
    const retention = jobs.retention
    await boss.createQueue('retention')
    await boss.schedule('retention', '15 3 * * *', {}, { tz: 'Europe/London' })
    await boss.work('retention', { pollingIntervalSeconds: 60 }, async () => {
      await retention()
    })
  }
  // Training (issue 13): every minute, one instance runs the sessions' due steps (the survey straight after, the
  // follow-up and the managers' cards), opens audience surveys on their day, and sends due reminders. Each piece
  // of work is claimed in the database, so another instance (or a retry) sends nothing twice.
  if (jobs.training) {
    const training = jobs.training
    await boss.createQueue('training')
    await boss.schedule('training', '* * * * *', {}, { tz: 'Europe/London' })
    await boss.work('training', { pollingIntervalSeconds: 10 }, async () => {
      await training()
    })
  }
  return {
    async stop() {
      db.stopRetrying()
      try {
        await boss.stop({ graceful: true, timeout: 5000 })
      } catch (error) {
        onError(error)
      }
      await db.close()
    },
  }
}
