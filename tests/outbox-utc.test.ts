/**
 * The outbox's times are UTC, as the dispatcher compares them (`now() at time zone 'utc'`), also on a database
 * whose time zone is not: a row stamped in New York's local time would wait five hours before it is sent.
 * Covers both plain inserts: enqueue (every change's notices) and the nudge run's claim (and its NudgeRun row).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { createDb } from '../lib/db.js'
import { enqueue } from '../services/notifications/outbox.js'
import { claimAndQueueDigests } from '../services/nudges/nudges.repo.js'
import { seedPartnership } from '../services/people/index.js'
import { createTestDatabase } from './support/database.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const fixture = JSON.parse(readFileSync(path.join(root, 'prisma/seed/demo-partnership.json'), 'utf8'))
const url = await createTestDatabase()
const admin = new pg.Client({ connectionString: url })
await admin.connect()
await admin.query(
  `alter database ${admin.escapeIdentifier(new URL(url).pathname.slice(1))} set timezone = 'America/New_York'`,
)
// Connections opened from here on get the database's time zone.
const db = createDb(url, { max: 2 })

afterAll(async () => {
  await db.$disconnect()
  await admin.end()
})

/** How far a person's outbox rows' times are from the present in UTC, in whole minutes. */
async function driftMinutes(personId: string) {
  const { rows } = await admin.query(
    `select round(extract(epoch from ("createdAt" - (now() at time zone 'utc'))) / 60)::int as created,
            round(extract(epoch from ("nextAttemptAt" - (now() at time zone 'utc'))) / 60)::int as next
     from "Outbox" where payload->>'personId' = $1`,
    [personId],
  )
  return rows.map((r) => [r.created, r.next])
}

it('stamps enqueued notices and claimed digests in UTC on a database set to New York time', async () => {
  await seedPartnership(db, fixture, new Date('2026-12-01T09:00:00Z'))
  const [helen, dana] = await Promise.all(
    ['helen', 'dana'].map((key) => db.person.findFirstOrThrow({ where: { key }, select: { id: true } })),
  )
  const zone = await db.$queryRaw<{ zone: string }[]>`select current_setting('timezone') as zone`
  expect(zone).toEqual([{ zone: 'America/New_York' }])

  await db.$transaction((tx) =>
    enqueue(tx, [{ kind: 'person.notice', personId: helen!.id, notice: { template: 'nudge.digest', items: [] } }]),
  )
  await db.$transaction((tx) =>
    claimAndQueueDigests(
      tx,
      '2026-12-01',
      new Date(),
      [
        {
          personId: dana!.id,
          items: [],
          payload: { kind: 'person.notice', personId: dana!.id, notice: { template: 'nudge.digest', items: [] } },
        },
      ],
      [],
    ),
  )
  for (const personId of [helen!.id, dana!.id]) expect(await driftMinutes(personId)).toEqual([[0, 0]])
  const { rows } = await admin.query(
    `select round(extract(epoch from ("createdAt" - (now() at time zone 'utc'))) / 60)::int as created
     from "NudgeRun" where "personId" = $1`,
    [dana!.id],
  )
  expect(rows).toEqual([{ created: 0 }])
})
