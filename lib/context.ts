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
  /** The app's public base URL (https://PUBLIC_HOST, else where it listens), for links on cards to its web pages. */
  publicUrl?: () => string
}
