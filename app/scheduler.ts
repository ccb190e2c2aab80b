/** pg-boss on the same PostgreSQL: periodic work that must run once across all app instances. */
import PgBoss from 'pg-boss'
import type { Logger } from '../lib/logger.js'
import type { CheckpointRun } from '../services/audit-log/audit-checkpoint.js'

export type Scheduler = { stop(): Promise<void> }

export async function startScheduler(databaseUrl: string, log: Logger, jobs: { outboxDrain: () => Promise<void>; nudges: () => Promise<void>; auditCheckpoint?: () => Promise<CheckpointRun> }): Promise<Scheduler> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 3 })
  boss.on('error', (error) => {
    // Ctrl-C reaches the embedded PostgreSQL as well, which closes pg-boss's connections as it stops.
    if (/terminating connection due to administrator command/.test(error.message)) log.info('pg-boss: database is shutting down')
    else log.error({ err: error.message }, 'pg-boss error')
  })
  await boss.start()
  await boss.createQueue('outbox-drain')
  // Every minute, one instance sweeps the outbox for anything a kick did not deliver.
  await boss.schedule('outbox-drain', '* * * * *', {}, { tz: 'UTC' })
  await boss.work('outbox-drain', { pollingIntervalSeconds: 5 }, async () => {
    await jobs.outboxDrain()
  })
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
  return { stop: () => boss.stop({ graceful: true, timeout: 5000 }) }
}
