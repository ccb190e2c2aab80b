/** pg-boss on the same PostgreSQL: periodic work that must run once across all app instances. */
import PgBoss from 'pg-boss'
import type { Logger } from '../lib/logger.js'

export type Scheduler = { stop(): Promise<void> }

export async function startScheduler(databaseUrl: string, log: Logger, jobs: { outboxDrain: () => Promise<void>; nudges: () => Promise<void> }): Promise<Scheduler> {
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
  return { stop: () => boss.stop({ graceful: true, timeout: 5000 }) }
}
