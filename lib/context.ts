/** What every use case gets: the database and the clock. The actor is passed separately. */
import type { Clock } from './clock.js'
import type { DbClient } from './db.js'

export type ServiceContext = { db: DbClient; clock: Clock }
