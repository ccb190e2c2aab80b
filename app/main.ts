/**
 * `npm start`: load the environment, start everything, stop cleanly on Ctrl-C, and keep a last-resort net
 * under anything that escapes: errors are logged through pino by name and code only (never a message, which
 * may quote a query and so a case).
 *
 * - An unhandled rejection is logged and the app keeps serving: a promise nobody awaited left no half-done
 *   work on the stack, and whatever failed (a job result, a delivery) is retried by its owner.
 * - An uncaught exception is logged and the app stops (cleanly if it can within 10 s, so the embedded
 *   PostgreSQL shuts down too) and exits 1 for the supervisor to restart it: the exception unwound a
 *   callback half-way, and Node's state (an open transaction, a half-updated map) can no longer be trusted.
 *   One exception to that: a database connection the server closed (a restart, a failover) that pg reports on
 *   a connection nobody was listening on. pg throws it from its own socket handler, none of our code was
 *   half-way, and the pool replaces the connection; the app keeps serving and waits for the database.
 */
import 'dotenv/config'
import { loadConfig } from '../lib/config.js'
import { errorFrames, errorSummary, isConnectionClosedByServer } from '../lib/db-errors.js'
import { createLogger } from '../lib/logger.js'
import { startApp } from './start.js'

let config
try {
  config = loadConfig()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
const log = createLogger(config.logLevel)
/**
 * The sentence for a start failure: ours say what to do; a Prisma error's message quotes its query and input,
 * so only its name, code and model are given.
 */
const startFailure = (error: unknown) => {
  if (!(error instanceof Error)) return String(error)
  return error.name.startsWith('PrismaClient') ? JSON.stringify(errorSummary(error)) : error.message
}
/** Code locations of an error (its first stack frames), never its message. */
const where = (error: unknown) => errorFrames(error)

process.on('unhandledRejection', (reason) => {
  log.error({ err: errorSummary(reason), where: where(reason) }, 'unhandled rejection (the app keeps running)')
})

let stopApp: (() => Promise<void>) | null = null
let exiting = false
process.on('uncaughtException', (error, origin) => {
  if (isConnectionClosedByServer(error)) {
    log.warn({ err: errorSummary(error) }, 'a database connection was closed by the server (the app keeps running)')
    return
  }
  log.fatal({ err: errorSummary(error), where: where(error), origin }, 'uncaught exception: stopping')
  if (exiting) return
  exiting = true
  const stop = stopApp ? stopApp() : Promise.resolve()
  Promise.race([stop, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]).finally(() => process.exit(1))
})

let app: Awaited<ReturnType<typeof startApp>>
try {
  app = await startApp(config, { logger: log })
} catch (error) {
  // A start failure is ours to explain (a PostgreSQL still running for DATA_DIR, a port in use, a migration
  // that failed): the sentence goes to stderr for the person at the terminal, never a bare "undefined".
  log.fatal({ err: errorSummary(error), where: where(error) }, 'start failed')
  console.error(`Learning Loop could not start: ${startFailure(error)}`)
  process.exit(1)
}
stopApp = () => app.stop()
log.info(`Open ${app.url}/healthz${config.security.playground ? ` or the playground at ${app.url}/` : ''}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (exiting) return
    exiting = true
    log.info({ signal }, 'stopping')
    app.stop().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: errorSummary(error) }, 'stop failed')
        process.exit(1)
      },
    )
  })
}
