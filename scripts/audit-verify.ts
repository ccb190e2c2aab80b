/**
 * `npm run audit:verify`: recomputes every partnership's audit chain and says whether it is intact.
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (default ./.data) when it is not set.
 * Exit code: 0 intact, 1 the chain is broken (each problem is printed), 2 the check could not run.
 */
import 'dotenv/config'
import { createDb } from '../lib/db.js'
import { startEmbeddedDb } from '../lib/embedded-db.js'
import { verifyAuditChain } from '../services/audit-log/index.js'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

async function main(): Promise<number> {
  let url = process.env.DATABASE_URL
  let stopEmbedded = async (): Promise<void> => undefined
  if (!url) {
    const embedded = await startEmbeddedDb({ dataDir: process.env.DATA_DIR ?? '.data' })
    stopEmbedded = embedded.stop
    try {
      await embedded.ensureDatabase('learning_loop')
    } catch (error) {
      await stopEmbedded()
      throw error
    }
    url = embedded.urlFor('learning_loop')
  }
  const db = createDb(url, { max: 2 })
  try {
    const report = await verifyAuditChain(db)
    if (report.problems.length === 0) {
      console.log(`audit chain OK: ${plural(report.events, 'event')} in ${plural(report.partnerships, 'partnership')}`)
      return 0
    }
    const keys = new Map(
      (await db.partnership.findMany({ select: { id: true, key: true } })).map((p) => [p.id, p.key]),
    )
    for (const p of report.problems) {
      const partnership = keys.has(p.partnershipId) ? `${keys.get(p.partnershipId)} (${p.partnershipId})` : p.partnershipId
      console.error(`partnership ${partnership}, event ${p.seq}: ${p.problem}`)
    }
    console.error(
      `audit chain BROKEN: ${plural(report.problems.length, 'problem')} in ${plural(report.events, 'event')} in ${plural(report.partnerships, 'partnership')}`,
    )
    return 1
  } finally {
    await db.$disconnect()
    await stopEmbedded()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit chain could not be checked: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(2)
  },
)
