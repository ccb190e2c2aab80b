/**
 * The audit log against a real PostgreSQL: the trigger refuses changes, and when a superuser gets round
 * the trigger, the hash chain shows exactly which event was edited or removed. Also runs
 * `scripts/audit-verify.ts` as a child process, as an operator would.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PrismaClient } from '@prisma/client'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from '../lib/db.js'
import { auditHash } from '../services/audit-log/audit-hash.js'
import { recordAudit, verifyAuditChain } from '../services/audit-log/index.js'
import { seedPartnership } from '../services/people/index.js'
import { createTestDatabase } from './support/database.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const fixture = JSON.parse(readFileSync(path.join(root, 'prisma/seed/demo-partnership.json'), 'utf8'))
/** A second partnership with no platform identities, so both can live in one database. */
const otherFixture = {
  ...fixture,
  partnership: { key: 'southshire', name: 'Southshire Safeguarding Children Partnership' },
  people: fixture.people.map(({ teamsAadObjectId: _t, slackUserId: _s, ...p }: Record<string, unknown>) => p),
}

const EDITED = 'content does not match its hash: the row was edited'
const BROKEN_LINK = 'link to the previous event is broken'

const clients: PrismaClient[] = []
afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()))
})

/** A fresh database with one seeded partnership and a short chain: events 1 (seeded) to 4. */
async function freshChain() {
  const url = await createTestDatabase()
  const db = createDb(url, { max: 2 })
  clients.push(db)
  const { partnershipId } = await seedPartnership(db, fixture, new Date('2026-12-01T09:00:00Z'))
  const helen = await db.person.findFirstOrThrow({ where: { partnershipId, key: 'helen' } })
  const referralId = '00000000-0000-4000-8000-0000000000aa'
  await db.$transaction(async (tx) => {
    await recordAudit(tx, {
      partnershipId, actorId: helen.id, action: 'REFERRAL_SUBMITTED', subjectType: 'referral', subjectId: referralId,
      after: { reference: 'NSCP-2026-0001', status: 'AWAITING_SCREENING', criteria: ['abuse-or-neglect', 'died'] },
      fields: ['caseReference', 'whatHappened', 'whyReview'],
      at: new Date('2026-12-01T10:00:00.123Z'),
    })
  })
  await db.$transaction(async (tx) => {
    await recordAudit(tx, {
      partnershipId, actorId: helen.id, action: 'REFERRAL_INFO_REQUESTED', subjectType: 'referral', subjectId: referralId,
      after: { questionId: '00000000-0000-4000-8000-0000000000bb', status: 'INFO_REQUESTED' },
      fields: ['question'],
      at: new Date('2026-12-01T11:00:00Z'),
    })
    await recordAudit(tx, {
      partnershipId, actorId: helen.id, action: 'REFERRAL_NO_REVIEW', subjectType: 'referral', subjectId: referralId,
      before: { status: 'INFO_REQUESTED' }, after: { status: 'NO_REVIEW' }, fields: ['rationale'],
      at: new Date('2026-12-02T09:30:00Z'),
    })
  })
  return { url, db, partnershipId }
}

/** A raw superuser connection that runs `sql` with user triggers switched off, as only a superuser can. */
async function asSuperuserBypassingTrigger(url: string, sql: string, params: unknown[]) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('SET session_replication_role = replica')
    await client.query(sql, params)
  } finally {
    await client.end()
  }
}

/** Runs `npx tsx scripts/audit-verify.ts` against `url`; never rejects. */
function runAuditVerify(url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/audit-verify.ts'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr })
    })
  })
}

describe('an intact chain', () => {
  it('verifies with no problems, one chain per partnership', async () => {
    const { url, db, partnershipId } = await freshChain()
    const { partnershipId: otherId } = await seedPartnership(db, otherFixture, new Date('2026-12-01T12:00:00Z'))
    await db.$transaction((tx) =>
      recordAudit(tx, {
        partnershipId, actorId: null, action: 'CHANNEL_SET', subjectType: 'channel', subjectId: 'case-review:slack',
        after: { purpose: 'case-review', platform: 'slack', source: 'configuration' }, fields: ['address'], at: new Date('2026-12-03T08:00:00Z'),
      }),
    )
    const seqs = await db.auditEvent.findMany({ orderBy: { id: 'asc' }, select: { partnershipId: true, seq: true } })
    expect(seqs).toEqual([
      ...[1, 2, 3, 4].map((seq) => ({ partnershipId, seq })),
      { partnershipId: otherId, seq: 1 },
      { partnershipId, seq: 5 },
    ])
    expect(await verifyAuditChain(db)).toEqual({ events: 6, partnerships: 2, problems: [] })
    // Small batches read the chain in several pages and reach the same verdict.
    expect(await verifyAuditChain(db, 2)).toEqual({ events: 6, partnerships: 2, problems: [] })

    const run = await runAuditVerify(url)
    expect(run.stdout.trim()).toBe('audit chain OK: 6 events in 2 partnerships')
    expect(run.code).toBe(0)
  })
})

describe('the append-only trigger', () => {
  it('refuses UPDATE, DELETE and TRUNCATE, through Prisma and through plain SQL', async () => {
    const { url, db, partnershipId } = await freshChain()
    await expect(db.auditEvent.updateMany({ where: { partnershipId, seq: 2 }, data: { action: 'REFERRAL_RAPID_REVIEW_STARTED' } })).rejects.toThrow(
      /AuditEvent is append-only: UPDATE is not allowed/,
    )
    await expect(db.auditEvent.deleteMany({ where: { partnershipId, seq: 2 } })).rejects.toThrow(/AuditEvent is append-only: DELETE is not allowed/)

    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await expect(client.query(`UPDATE "AuditEvent" SET "after" = '{}'::jsonb WHERE seq = 3`)).rejects.toThrow('AuditEvent is append-only: UPDATE is not allowed')
      await expect(client.query(`DELETE FROM "AuditEvent" WHERE seq = 4`)).rejects.toThrow('AuditEvent is append-only: DELETE is not allowed')
      await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow('AuditEvent is append-only: TRUNCATE is not allowed')
    } finally {
      await client.end()
    }
    expect(await verifyAuditChain(db)).toEqual({ events: 4, partnerships: 1, problems: [] })
  })
})

describe('tampering by a superuser who bypasses the trigger', () => {
  it("reports an event whose 'after' was edited, and the script fails with a message", async () => {
    const { url, db, partnershipId } = await freshChain()
    await asSuperuserBypassingTrigger(
      url,
      `UPDATE "AuditEvent" SET "after" = jsonb_set("after", '{status}', '"RAPID_REVIEW"') WHERE "partnershipId" = $1 AND seq = 2`,
      [partnershipId],
    )
    expect(await verifyAuditChain(db)).toEqual({ events: 4, partnerships: 1, problems: [{ partnershipId, seq: 2, problem: EDITED }] })

    const run = await runAuditVerify(url)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`partnership northshire (${partnershipId}), event 2: ${EDITED}`)
    expect(run.stderr).toContain('audit chain BROKEN: 1 problem in 4 events in 1 partnership')
    expect(run.stdout).not.toContain('audit chain OK')
  })

  it('reports the next link when the edited event was also given a fresh hash', async () => {
    const { url, db, partnershipId } = await freshChain()
    const row = await db.auditEvent.findFirstOrThrow({ where: { partnershipId, seq: 3 } })
    const after = { questionId: '00000000-0000-4000-8000-0000000000bb', status: 'AWAITING_SCREENING' }
    const rehashed = auditHash(row.prevHash, {
      partnershipId, seq: 3, at: row.at, actorId: row.actorId, action: row.action, subjectType: row.subjectType,
      subjectId: row.subjectId, before: row.before ?? null, after,
    })
    await asSuperuserBypassingTrigger(url, `UPDATE "AuditEvent" SET "after" = $1::jsonb, hash = $2 WHERE "partnershipId" = $3 AND seq = 3`, [
      JSON.stringify(after), rehashed, partnershipId,
    ])
    expect(await verifyAuditChain(db)).toEqual({ events: 4, partnerships: 1, problems: [{ partnershipId, seq: 4, problem: BROKEN_LINK }] })
  })

  it('reports a deleted middle event', async () => {
    const { url, db, partnershipId } = await freshChain()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await client.query('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER')
      await client.query('DELETE FROM "AuditEvent" WHERE "partnershipId" = $1 AND seq = 2', [partnershipId])
      await client.query('ALTER TABLE "AuditEvent" ENABLE TRIGGER USER')
    } finally {
      await client.end()
    }
    expect(await verifyAuditChain(db)).toEqual({
      events: 3,
      partnerships: 1,
      problems: [
        { partnershipId, seq: 3, problem: 'expected event 2: an event is missing' },
        { partnershipId, seq: 3, problem: BROKEN_LINK },
      ],
    })

    const run = await runAuditVerify(url)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('event 3: expected event 2: an event is missing')
    expect(run.stderr).toContain('audit chain BROKEN: 2 problems in 3 events in 1 partnership')
  })
})
