/**
 * `npm run audit:verify`: recomputes every partnership's audit chain with the audit key and says whether it
 * is intact; when it is, prints a signed checkpoint per partnership (keep them somewhere else).
 *
 *   npm run audit:verify -- --since CHECKPOINT   also proves nothing up to each checkpoint was changed or
 *                                                removed (CHECKPOINT: the JSON printed here, or a file of
 *                                                them such as DATA_DIR/audit-checkpoints.jsonl; repeatable)
 *   npm run audit:verify -- --seal-legacy        once after upgrading: seals the events hashed with plain
 *                                                SHA-256 before the key, if everything else verifies
 *
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (default ./.data) when it is not set, and
 * AUDIT_HMAC_KEY (outside production, the key kept in DATA_DIR when it is not set).
 * Exit code: 0 intact, 1 the chain is broken or a checkpoint fails (each problem is printed), 2 the check
 * could not run.
 */
import 'dotenv/config'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createDb } from '../lib/db.js'
import { startEmbeddedDb } from '../lib/embedded-db.js'
import {
  type AuditCheckpoint,
  checkCheckpoints,
  parseCheckpoints,
  signCheckpoint,
} from '../services/audit-log/audit-checkpoint.js'
import { auditKey } from '../services/audit-log/audit-hash.js'
import { sealLegacyChains, verifyAuditChain } from '../services/audit-log/verify-audit-chain.js'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** A checkpoint given on the command line: its JSON (as printed), or the path of a file of them. */
function readCheckpoints(value: string): AuditCheckpoint[] {
  const text = /^\s*(checkpoint\s+)?\{/.test(value) ? value : readFileSync(value, 'utf8')
  return parseCheckpoints(text)
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { since: { type: 'string', multiple: true }, 'seal-legacy': { type: 'boolean' } },
  })
  const checkpoints = (values.since ?? []).flatMap(readCheckpoints)
  const key = auditKey()

  let url = process.env.DATABASE_URL
  let stopEmbedded = async (): Promise<void> => undefined
  if (!url) {
    const embedded = await startEmbeddedDb({ dataDir: process.env.DATA_DIR ?? '.data', whenRunning: 'share' })
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
    let report
    if (values['seal-legacy']) {
      const sealing = await sealLegacyChains(db, key)
      for (const s of sealing.sealed) {
        console.log(
          `sealed events 1 to ${s.seq} of partnership ${s.partnershipId} (plain SHA-256, last hash ${s.hash})`,
        )
      }
      if (sealing.sealed.length === 0)
        console.log('nothing sealed: no unsealed events from before the audit key, or the chain has other problems')
      report = sealing.report
    } else {
      report = await verifyAuditChain(db, 1000, key)
    }
    const problems = [...report.problems, ...(await checkCheckpoints(db, checkpoints, key))]
    const summary = `${plural(report.events, 'event')} in ${plural(report.partnerships, 'partnership')}`
    const held = checkpoints.length ? `; ${plural(checkpoints.length, 'checkpoint')} held` : ''
    if (problems.length === 0) {
      console.log(`audit chain OK: ${summary}${held}`)
      const now = new Date()
      for (const end of report.ends) console.log(`checkpoint ${JSON.stringify(signCheckpoint(end, now, key))}`)
      return 0
    }
    const keys = new Map((await db.partnership.findMany({ select: { id: true, key: true } })).map((p) => [p.id, p.key]))
    for (const p of problems) {
      const partnership = keys.has(p.partnershipId)
        ? `${keys.get(p.partnershipId)} (${p.partnershipId})`
        : p.partnershipId
      console.error(`partnership ${partnership}, event ${p.seq}: ${p.problem}`)
    }
    if (report.events > 0 && problems.filter((p) => p.code === 'EDITED').length === report.events) {
      console.error('every event fails its hash: is AUDIT_HMAC_KEY the key the app runs with?')
    }
    console.error(`audit chain BROKEN: ${plural(problems.length, 'problem')} in ${summary}`)
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
