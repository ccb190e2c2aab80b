/** What every use case and query gets: the database, the clock, and a way to ask for delivery after a commit. */
import type { Clock } from './clock.js'
import type { DbClient } from './db.js'

export type ServiceContext = {
  db: DbClient
  clock: Clock
  /**
   * Asks the outbox to deliver what a committed change queued. Use cases built with `useCase` call it after
   * commit; nobody else needs to. Absent in scripts and benchmarks, where the sweep delivers later.
   */
  deliver?: () => void
  /**
   * Asks the broadcast engine to start (or stop) a send at once: sending or cancelling a learning product
   * calls it after commit. Absent in scripts; the minute sweep starts what is due.
   */
  startBroadcasts?: () => void
  /** Where the app is reached from outside (https://PUBLIC_HOST, or the local address), for links on cards. */
  publicUrl?: () => string
}
