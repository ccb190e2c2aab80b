/**
 * `npm run prisma -- <args>`: runs the Prisma CLI against DATABASE_URL, or against the embedded
 * database in DATA_DIR when DATABASE_URL is not set (e.g. `npm run prisma -- migrate dev --name x`).
 */
import 'dotenv/config'
import { prismaCli } from '../lib/migrate.js'
import { startEmbeddedDb } from '../lib/embedded-db.js'

const args = process.argv.slice(2)
let url = process.env.DATABASE_URL
let stop = async () => undefined as void
if (!url) {
  const db = await startEmbeddedDb({ dataDir: process.env.DATA_DIR ?? '.data', whenRunning: 'share' })
  await db.ensureDatabase('learning_loop')
  url = db.urlFor('learning_loop')
  stop = db.stop
}
try {
  process.stdout.write(await prismaCli(url, args))
} finally {
  await stop()
}
