/** `npm start`: load the environment, start everything, stop cleanly on Ctrl-C. */
import 'dotenv/config'
import { loadConfig } from '../lib/config.js'
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
let app: Awaited<ReturnType<typeof startApp>>
try {
  app = await startApp(config, { logger: log })
} catch (error) {
  // A start failure is ours to explain (a PostgreSQL still running for DATA_DIR, a port in use, a migration
  // that failed): the sentence goes to stderr for the person at the terminal, never a bare "undefined".
  log.fatal({ err: error instanceof Error ? error.name : typeof error }, 'start failed')
  console.error(`Learning Loop could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
log.info(`Open ${app.url}/healthz${config.env === 'production' ? '' : ` or the playground at ${app.url}/`}`)

let exiting = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (exiting) return
    exiting = true
    log.info({ signal }, 'stopping')
    app.stop().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: String(error) }, 'stop failed')
        process.exit(1)
      },
    )
  })
}
