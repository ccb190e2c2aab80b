/**
 * `npm run subject-access -- --person <id>`: exports, as JSON, what Learning Loop holds about one member of
 * staff (services/retention/subject-access.ts says what, and what is withheld: this is staff subject access,
 * so case narratives about children are not included).
 *
 *   --person <id>   the person's id (or their key, when only one person has it)
 *   --out <file>    write the JSON to this file (mode 0600) instead of stdout
 *
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (default ./.data) when it is not set.
 * Exit code: 0 exported, 1 no such person, 2 the export could not run.
 */
import 'dotenv/config'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createDb } from '../lib/db.js'
import { errorSummary } from '../lib/db-errors.js'
import { startEmbeddedDb } from '../lib/embedded-db.js'
import { exportSubjectAccess, findSubject } from '../services/retention/subject-access.js'

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { person: { type: 'string' }, out: { type: 'string' } } })
  if (!values.person) {
    process.stderr.write('Usage: npm run subject-access -- --person <id> [--out file.json]\n')
    return 2
  }
  let url = process.env.DATABASE_URL
  let stopEmbedded = async (): Promise<void> => undefined
  if (!url) {
    const embedded = await startEmbeddedDb({ dataDir: process.env.DATA_DIR ?? '.data', whenRunning: 'share' })
    stopEmbedded = embedded.stop
    url = embedded.urlFor('learning_loop')
  }
  const db = createDb(url, { max: 2 })
  try {
    const personId = await findSubject(db, values.person)
    const data = personId ? await exportSubjectAccess(db, personId, new Date()) : null
    if (!data) {
      process.stderr.write(`No person with the id ${values.person}.\n`)
      return 1
    }
    const json = `${JSON.stringify(data, null, 2)}\n`
    if (values.out) {
      writeFileSync(values.out, json, { mode: 0o600 })
      process.stderr.write(`Written to ${values.out}.\n`)
    } else process.stdout.write(json)
    return 0
  } finally {
    await db.$disconnect()
    await stopEmbedded()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Name and code only: an error's message can quote what a person typed.
    process.stderr.write(`The export could not run: ${JSON.stringify(errorSummary(error))}\n`)
    process.exit(2)
  },
)
