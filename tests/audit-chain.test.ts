/**
 * The audit log against a real PostgreSQL: the triggers refuse changes, and when a superuser gets round
 * them, the keyed hash chain, its head and signed checkpoints show what was edited, rehashed or removed.
 * Also runs `scripts/audit-verify.ts` as a child process, as an operator would, with the same key.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PrismaClient } from '@prisma/client'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb, plain, plainTransaction, type SqlTx } from '../lib/db.js'
import {
  CHECKPOINT_FILE,
  parseCheckpoints,
  runAuditCheckpoint,
  signCheckpoint,
} from '../services/audit-log/audit-checkpoint.js'
import { auditHash, type HashedFields, legacyAuditHash, useAuditKey } from '../services/audit-log/audit-hash.js'
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
const migrationSql = readFileSync(
  path.join(root, 'prisma/migrations/20261129092050_audit_chain_head/migration.sql'),
  'utf8',
)

/** The key the app (this process) and the script (a child process) share in these tests. */
const KEY = 'test-audit-key-0123456789abcdefghijklmnop'
useAuditKey(KEY)
/** Someone with database access but not the key, who knows how the hash is built. */
const WRONG_KEY = Buffer.from('an-attackers-guess-at-the-key-0123456789')

const EDITED = 'content does not match its hash: the row was edited'
const REHASHED = 'content does not match its hash: the row was rehashed without the audit key (plain SHA-256)'
const BROKEN_LINK = 'link to the previous event is broken'
const problem = (partnershipId: string, seq: number, code: string, text: string) => ({
  partnershipId,
  seq,
  code,
  problem: text,
})

const clients: PrismaClient[] = []
afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()))
})

/** A fresh database with one seeded partnership and a short chain: events 1 (seeded) to 4. */
async function freshChain() {
  const url = await createTestDatabase()
  const db = createDb(url, { max: 10 })
  clients.push(db)
  const { partnershipId } = await seedPartnership(db, fixture, new Date('2026-12-01T09:00:00Z'))
  const helen = await db.person.findFirstOrThrow({ where: { partnershipId, key: 'helen' } })
  const referralId = '00000000-0000-4000-8000-0000000000aa'
  await db.$transaction(async (tx) => {
    await recordAudit(tx, {
      partnershipId,
      actorId: helen.id,
      action: 'REFERRAL_SUBMITTED',
      subjectType: 'referral',
      subjectId: referralId,
      after: { reference: 'NSCP-2026-0001', status: 'AWAITING_SCREENING', criteria: ['abuse-or-neglect', 'died'] },
      fields: ['caseReference', 'whatHappened', 'whyReview'],
      at: new Date('2026-12-01T10:00:00.123Z'),
    })
  })
  await db.$transaction(async (tx) => {
    await recordAudit(tx, {
      partnershipId,
      actorId: helen.id,
      action: 'REFERRAL_INFO_REQUESTED',
      subjectType: 'referral',
      subjectId: referralId,
      after: { questionId: '00000000-0000-4000-8000-0000000000bb', status: 'INFO_REQUESTED' },
      fields: ['question'],
      at: new Date('2026-12-01T11:00:00Z'),
    })
    await recordAudit(tx, {
      partnershipId,
      actorId: helen.id,
      action: 'REFERRAL_NO_REVIEW',
      subjectType: 'referral',
      subjectId: referralId,
      before: { status: 'INFO_REQUESTED' },
      after: { status: 'NO_REVIEW' },
      fields: ['rationale'],
      at: new Date('2026-12-02T09:30:00Z'),
    })
  })
  return { url, db, partnershipId }
}

/** Appends one more (valid) event through the app's own path. */
async function appendEvent(db: PrismaClient, partnershipId: string, subjectId = 'case-review:slack') {
  await db.$transaction((tx) =>
    recordAudit(tx, {
      partnershipId,
      actorId: null,
      action: 'CHANNEL_SET',
      subjectType: 'channel',
      subjectId,
      after: { purpose: 'case-review', platform: 'slack', source: 'configuration' },
      fields: ['address'],
      at: new Date('2026-12-03T08:00:00Z'),
    }),
  )
}

/** Runs SQL as a superuser with user triggers switched off (session_replication_role), as only a superuser can. */
async function asSuperuserBypassingTriggers(url: string, statements: [string, unknown[]?][]) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('SET session_replication_role = replica')
    for (const [sql, params] of statements) await client.query(sql, params ?? [])
  } finally {
    await client.end()
  }
}

const fieldsOf = (row: Awaited<ReturnType<PrismaClient['auditEvent']['findFirstOrThrow']>>): HashedFields => ({
  partnershipId: row.partnershipId,
  seq: row.seq,
  at: row.at,
  actorId: row.actorId,
  action: row.action,
  subjectType: row.subjectType,
  subjectId: row.subjectId,
  before: row.before ?? null,
  after: row.after ?? null,
})

/**
 * What an attacker who can bypass the triggers does after an edit: recompute every hash from event `from`
 * on with `hasher`, relink the chain and point the head at the new last hash, so the chain is consistent.
 */
async function rehashFrom(
  url: string,
  db: PrismaClient,
  partnershipId: string,
  from: number,
  hasher: (prev: string, f: HashedFields) => string,
) {
  const rows = await db.auditEvent.findMany({ where: { partnershipId }, orderBy: { seq: 'asc' } })
  let prev = rows.find((r) => r.seq === from - 1)?.hash ?? '0'.repeat(64)
  const statements: [string, unknown[]][] = []
  for (const row of rows.filter((r) => r.seq >= from)) {
    const hash = hasher(prev, fieldsOf(row))
    statements.push(['UPDATE "AuditEvent" SET "prevHash" = $1, hash = $2 WHERE id = $3', [prev, hash, row.id]])
    prev = hash
  }
  statements.push(['UPDATE "AuditChainHead" SET hash = $1 WHERE "partnershipId" = $2', [prev, partnershipId]])
  await asSuperuserBypassingTriggers(url, statements)
}

/** The edit the tampering tests make: event `seq`'s status becomes RAPID_REVIEW. */
const editStatus = (partnershipId: string, seq: number): [string, unknown[]] => [
  `UPDATE "AuditEvent" SET "after" = jsonb_set("after", '{status}', '"RAPID_REVIEW"') ` +
    'WHERE "partnershipId" = $1 AND seq = $2',
  [partnershipId, seq],
]

type Run = { code: number; stdout: string; stderr: string }
/** Runs `npx tsx scripts/audit-verify.ts ARGS` against `url` with the tests' key; never rejects. */
function runAuditVerify(url: string, args: string[] = [], key = KEY): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, DATABASE_URL: url, AUDIT_HMAC_KEY: key }
    execFile(
      'npx',
      ['tsx', 'scripts/audit-verify.ts', ...args],
      { cwd: root, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr })
      },
    )
  })
}
const checkpointLines = (run: Run) => run.stdout.split('\n').filter((line) => line.startsWith('checkpoint '))

describe('an intact chain', () => {
  it('verifies, with one chain and one head per partnership, and the script signs checkpoints', async () => {
    const { url, db, partnershipId } = await freshChain()
    const { partnershipId: otherId } = await seedPartnership(db, otherFixture, new Date('2026-12-01T12:00:00Z'))
    await appendEvent(db, partnershipId)
    const seqs = await db.auditEvent.findMany({ orderBy: { id: 'asc' }, select: { partnershipId: true, seq: true } })
    expect(seqs).toEqual([
      ...[1, 2, 3, 4].map((seq) => ({ partnershipId, seq })),
      { partnershipId: otherId, seq: 1 },
      { partnershipId, seq: 5 },
    ])
    const last = await db.auditEvent.findFirstOrThrow({ where: { partnershipId, seq: 5 } })
    expect(await db.auditChainHead.findUnique({ where: { partnershipId } })).toMatchObject({
      seq: 5,
      hash: last.hash,
      legacySeq: null,
    })
    // Every hash is the keyed HMAC, not a plain SHA-256 anyone could recompute.
    expect(last.hash).toBe(auditHash(last.prevHash, fieldsOf(last)))
    expect(last.hash).not.toBe(legacyAuditHash(last.prevHash, fieldsOf(last)))

    const report = await verifyAuditChain(db)
    expect(report).toMatchObject({ events: 6, partnerships: 2, problems: [] })
    expect(report.ends).toContainEqual({ partnershipId, partnershipKey: 'northshire', seq: 5, hash: last.hash })
    // Small batches read the chain in several pages and reach the same verdict.
    expect(await verifyAuditChain(db, 2)).toEqual(report)

    const run = await runAuditVerify(url)
    expect(run.stdout.split('\n')[0]).toBe('audit chain OK: 6 events in 2 partnerships')
    expect(run.code).toBe(0)
    const checkpoints = parseCheckpoints(checkpointLines(run).join('\n'))
    expect(checkpoints.map((c) => [c.partnership, c.seq])).toEqual(
      expect.arrayContaining([
        ['northshire', 5],
        ['southshire', 1],
      ]),
    )
    expect(checkpoints.find((c) => c.partnershipId === partnershipId)?.hash).toBe(last.hash)
  })
})

describe('the append-only triggers', () => {
  it('refuse UPDATE, DELETE and TRUNCATE of events, through Prisma and through plain SQL', async () => {
    const { url, db, partnershipId } = await freshChain()
    await expect(
      db.auditEvent.updateMany({ where: { partnershipId, seq: 2 }, data: { action: 'REFERRAL_RAPID_REVIEW_STARTED' } }),
    ).rejects.toThrow(/AuditEvent is append-only: UPDATE is not allowed/)
    await expect(db.auditEvent.deleteMany({ where: { partnershipId, seq: 2 } })).rejects.toThrow(
      /AuditEvent is append-only: DELETE is not allowed/,
    )

    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await expect(client.query(`UPDATE "AuditEvent" SET "after" = '{}'::jsonb WHERE seq = 3`)).rejects.toThrow(
        'AuditEvent is append-only: UPDATE is not allowed',
      )
      await expect(client.query(`DELETE FROM "AuditEvent" WHERE seq = 4`)).rejects.toThrow(
        'AuditEvent is append-only: DELETE is not allowed',
      )
      await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(
        'AuditEvent is append-only: TRUNCATE is not allowed',
      )
    } finally {
      await client.end()
    }
    expect((await verifyAuditChain(db)).problems).toEqual([])
  })

  it('let the chain head only move forward, and keep it and its record of events from before the key', async () => {
    const { url, db, partnershipId } = await freshChain()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await expect(
        client.query('UPDATE "AuditChainHead" SET seq = 2 WHERE "partnershipId" = $1', [partnershipId]),
      ).rejects.toThrow('AuditChainHead moves forward only: event 4 cannot become 2')
      await expect(
        client.query('UPDATE "AuditChainHead" SET seq = 1005 WHERE "partnershipId" = $1', [partnershipId]),
      ).rejects.toThrow('AuditChainHead moves forward only: event 4 cannot become 1005')
      await expect(
        client.query('UPDATE "AuditChainHead" SET "legacySeq" = 4 WHERE "partnershipId" = $1', [partnershipId]),
      ).rejects.toThrow('the record of events hashed before the HMAC key cannot change')
      await expect(client.query('DELETE FROM "AuditChainHead"')).rejects.toThrow(
        'AuditChainHead moves forward only: DELETE is not allowed',
      )
      await expect(client.query('TRUNCATE "AuditChainHead"')).rejects.toThrow(
        'AuditChainHead moves forward only: TRUNCATE is not allowed',
      )
    } finally {
      await client.end()
    }
    expect((await verifyAuditChain(db)).problems).toEqual([])
  })

  it('report a head moved on without its events (the trigger lets a change append several at once)', async () => {
    const { url, db, partnershipId } = await freshChain()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await client.query('UPDATE "AuditChainHead" SET seq = 6 WHERE "partnershipId" = $1', [partnershipId])
    } finally {
      await client.end()
    }
    expect((await verifyAuditChain(db)).problems).toEqual([
      problem(partnershipId, 6, 'MISSING', 'events 5 to 6 are missing: the newest events were deleted'),
    ])
  })
})

describe('tampering by a superuser who bypasses the triggers', () => {
  it("reports an event whose 'after' was edited, and the script fails with a message", async () => {
    const { url, db, partnershipId } = await freshChain()
    await asSuperuserBypassingTriggers(url, [editStatus(partnershipId, 2)])
    expect((await verifyAuditChain(db)).problems).toEqual([problem(partnershipId, 2, 'EDITED', EDITED)])

    const run = await runAuditVerify(url)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`partnership northshire (${partnershipId}), event 2: ${EDITED}`)
    expect(run.stderr).toContain('audit chain BROKEN: 1 problem in 4 events in 1 partnership')
    expect(run.stdout).not.toContain('audit chain OK')
    expect(run.stdout).not.toContain('checkpoint')
  })

  it('reports an edit whose whole chain was recomputed with plain SHA-256, or with a guessed key', async () => {
    const { url, db, partnershipId } = await freshChain()
    const after = { questionId: '00000000-0000-4000-8000-0000000000bb', status: 'AWAITING_SCREENING' }
    await asSuperuserBypassingTriggers(url, [
      [
        'UPDATE "AuditEvent" SET "after" = $1::jsonb WHERE "partnershipId" = $2 AND seq = 3',
        [JSON.stringify(after), partnershipId],
      ],
    ])
    // The project's own (old) hash function: links and head are consistent again, but no hash is keyed.
    await rehashFrom(url, db, partnershipId, 3, legacyAuditHash)
    expect((await verifyAuditChain(db)).problems).toEqual([
      problem(partnershipId, 3, 'EDITED', REHASHED),
      problem(partnershipId, 4, 'EDITED', REHASHED),
    ])
    const run = await runAuditVerify(url)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`event 3: ${REHASHED}`)

    // The HMAC with any key but the app's.
    await rehashFrom(url, db, partnershipId, 3, (prev, f) => auditHash(prev, f, WRONG_KEY))
    expect((await verifyAuditChain(db)).problems).toEqual([
      problem(partnershipId, 3, 'EDITED', EDITED),
      problem(partnershipId, 4, 'EDITED', EDITED),
    ])
  })

  it('reports a deleted middle event', async () => {
    const { url, db, partnershipId } = await freshChain()
    await asSuperuserBypassingTriggers(url, [
      ['DELETE FROM "AuditEvent" WHERE "partnershipId" = $1 AND seq = 2', [partnershipId]],
    ])
    expect((await verifyAuditChain(db)).problems).toEqual([
      problem(partnershipId, 3, 'MISSING', 'expected event 2: an event is missing'),
      problem(partnershipId, 3, 'BROKEN_LINK', BROKEN_LINK),
    ])
    const run = await runAuditVerify(url)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('event 3: expected event 2: an event is missing')
    expect(run.stderr).toContain('audit chain BROKEN: 2 problems in 3 events in 1 partnership')
  })

  it('reports the newest events deleted', async () => {
    const { url, db, partnershipId } = await freshChain()
    await asSuperuserBypassingTriggers(url, [
      ['DELETE FROM "AuditEvent" WHERE "partnershipId" = $1 AND seq >= 3', [partnershipId]],
    ])
    expect((await verifyAuditChain(db)).problems).toEqual([
      problem(partnershipId, 4, 'MISSING', 'events 3 to 4 are missing: the newest events were deleted'),
    ])
    const run = await runAuditVerify(url)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('events 3 to 4 are missing: the newest events were deleted')
  })

  it('reports an emptied table, with or without its chain heads', async () => {
    const { url, db, partnershipId } = await freshChain()
    await asSuperuserBypassingTriggers(url, [['TRUNCATE "AuditEvent"']])
    expect((await verifyAuditChain(db)).problems).toEqual([
      problem(partnershipId, 4, 'MISSING', 'every event was deleted (the chain head is at event 4)'),
    ])
    await asSuperuserBypassingTriggers(url, [['DELETE FROM "AuditChainHead"']])
    expect(await verifyAuditChain(db)).toMatchObject({
      events: 0,
      partnerships: 1,
      problems: [
        problem(partnershipId, 0, 'MISSING', 'the partnership has no audit events at all: the log was emptied'),
      ],
    })
    const run = await runAuditVerify(url)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('the log was emptied')
    expect(run.stdout).not.toContain('audit chain OK')
  })
})

describe('checkpoints and --since', () => {
  it('hold while the chain only grows, read from the printed line or from a file of them', async () => {
    const { url, db, partnershipId } = await freshChain()
    const first = await runAuditVerify(url)
    const [line] = checkpointLines(first)
    expect(line).toBeDefined()
    await appendEvent(db, partnershipId)
    await appendEvent(db, partnershipId, 'case-review:teams')

    const since = await runAuditVerify(url, ['--since', line!.slice('checkpoint '.length)])
    expect(since.stdout.split('\n')[0]).toBe('audit chain OK: 6 events in 1 partnership; 1 checkpoint held')
    expect(since.code).toBe(0)

    // The nightly job appends to DATA_DIR/audit-checkpoints.jsonl (0600); --since takes the whole file.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'audit-checkpoints-'))
    try {
      const clock = { now: () => new Date('2026-12-04T02:30:00Z') }
      const nightly = await runAuditCheckpoint({ db, clock }, { dataDir })
      expect(nightly.problems).toEqual([])
      expect(nightly.checkpoints).toMatchObject([{ partnership: 'northshire', seq: 6, at: '2026-12-04T02:30:00.000Z' }])
      await appendEvent(db, partnershipId)
      await runAuditCheckpoint({ db, clock }, { dataDir })
      const file = path.join(dataDir, CHECKPOINT_FILE)
      expect(parseCheckpoints(await readFile(file, 'utf8')).map((c) => c.seq)).toEqual([6, 7])
      expect((await stat(file)).mode & 0o777).toBe(0o600)
      const fromFile = await runAuditVerify(url, ['--since', file, '--since', line!])
      expect(fromFile.stdout.split('\n')[0]).toBe('audit chain OK: 7 events in 1 partnership; 3 checkpoints held')
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('catch the newest events deleted with the head moved back, which the chain alone cannot show', async () => {
    const { url, db, partnershipId } = await freshChain()
    const [line] = checkpointLines(await runAuditVerify(url))
    await asSuperuserBypassingTriggers(url, [
      ['DELETE FROM "AuditEvent" WHERE "partnershipId" = $1 AND seq >= 3', [partnershipId]],
      [
        'UPDATE "AuditChainHead" SET seq = 2, ' +
          'hash = (SELECT hash FROM "AuditEvent" WHERE "partnershipId" = $1 AND seq = 2) WHERE "partnershipId" = $1',
        [partnershipId],
      ],
    ])
    // What is left is a consistent chain of two events: without a checkpoint, nothing shows.
    expect((await verifyAuditChain(db)).problems).toEqual([])
    const run = await runAuditVerify(url, ['--since', line!])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /event 4: the checkpoint of \S+ \(event 4\) is past the end of the chain \(now event 2\): events were deleted/,
    )
    expect(run.stdout).not.toContain('audit chain OK')
  })

  it('catch tampering before an old checkpoint, even by someone who holds the key', async () => {
    const { url, db, partnershipId } = await freshChain()
    const [old] = checkpointLines(await runAuditVerify(url))
    await appendEvent(db, partnershipId)
    await asSuperuserBypassingTriggers(url, [editStatus(partnershipId, 2)])
    const tampered = await runAuditVerify(url, ['--since', old!])
    expect(tampered.code).toBe(1)
    expect(tampered.stderr).toContain(`event 2: ${EDITED}`)

    // With the key (leaked, or an insider's) the chain can be made to verify again; the checkpoint cannot.
    await rehashFrom(url, db, partnershipId, 2, auditHash)
    expect((await verifyAuditChain(db)).problems).toEqual([])
    const rewritten = await runAuditVerify(url, ['--since', old!])
    expect(rewritten.code).toBe(1)
    expect(rewritten.stderr).toMatch(
      /event 4: the checkpoint of \S+ \(event 4\) names an event whose hash has changed: events up to it were changed/,
    )
  })

  it('refuse a checkpoint that was altered, or signed with another key', async () => {
    const { url, db, partnershipId } = await freshChain()
    const event2 = await db.auditEvent.findFirstOrThrow({ where: { partnershipId, seq: 2 } })
    const genuine = signCheckpoint(
      {
        partnershipId,
        partnershipKey: 'northshire',
        seq: 4,
        hash: (await db.auditChainHead.findUniqueOrThrow({ where: { partnershipId } })).hash,
      },
      new Date(),
    )
    // Moved back to event 2 so it would match a truncated chain, but not re-signed.
    const altered = JSON.stringify({ ...genuine, seq: 2, hash: event2.hash })
    const run = await runAuditVerify(url, ['--since', altered])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('(event 2) does not carry a valid signature: it was altered or forged')

    const otherKey = await runAuditVerify(
      url,
      ['--since', JSON.stringify(genuine)],
      'a-different-key-for-another-installation',
    )
    expect(otherKey.code).toBe(1)
    expect(otherKey.stderr).toContain('was signed with another key')
    expect(otherKey.stderr).toContain('every event fails its hash: is AUDIT_HMAC_KEY the key the app runs with?')
  })
})

describe('events from before the audit key (plain SHA-256)', () => {
  /**
   * A database as the previous version left it: every hash plain SHA-256 and no chain head. Then the
   * backfill of migration audit_chain_head runs, as `prisma migrate deploy` would.
   */
  async function upgradedChain() {
    const chain = await freshChain()
    await asSuperuserBypassingTriggers(chain.url, [['DELETE FROM "AuditChainHead"']])
    const rows = await chain.db.auditEvent.findMany({
      where: { partnershipId: chain.partnershipId },
      orderBy: { seq: 'asc' },
    })
    let prev = '0'.repeat(64)
    const statements: [string, unknown[]][] = []
    for (const row of rows) {
      const hash = legacyAuditHash(prev, fieldsOf(row))
      statements.push(['UPDATE "AuditEvent" SET "prevHash" = $1, hash = $2 WHERE id = $3', [prev, hash, row.id]])
      prev = hash
    }
    const backfill = migrationSql.match(/INSERT INTO "AuditChainHead"[\s\S]*?;/)?.[0]
    expect(backfill).toBeDefined()
    await asSuperuserBypassingTriggers(chain.url, [...statements, [backfill!]])
    return chain
  }

  it('are checked the old way once sealed, and the keyed chain goes on from them', async () => {
    const { url, db, partnershipId } = await upgradedChain()
    expect(await db.auditChainHead.findUnique({ where: { partnershipId } })).toMatchObject({
      seq: 4,
      legacySeq: 4,
      legacySeal: null,
    })
    // Until the operator seals them, the old events are not vouched for.
    const unsealed = await runAuditVerify(url)
    expect(unsealed.code).toBe(1)
    expect(unsealed.stderr).toContain(
      'event 4: events 1 to 4 were hashed with plain SHA-256 before the audit key and are not sealed yet',
    )

    const sealing = await runAuditVerify(url, ['--seal-legacy'])
    expect(sealing.stdout).toContain(`sealed events 1 to 4 of partnership ${partnershipId}`)
    expect(sealing.code).toBe(0)
    await appendEvent(db, partnershipId)
    const fifth = await db.auditEvent.findFirstOrThrow({ where: { partnershipId, seq: 5 } })
    expect(fifth.hash).toBe(auditHash(fifth.prevHash, fieldsOf(fifth)))
    expect((await verifyAuditChain(db)).problems).toEqual([])
    // The seal is written once.
    await expect(
      db.auditChainHead.update({ where: { partnershipId }, data: { legacySeal: 'f'.repeat(64) } }),
    ).rejects.toThrow(/the record of events hashed before the HMAC key cannot change/)
  })

  it('cannot be extended over keyed events to rewrite them with plain SHA-256', async () => {
    const { url, db, partnershipId } = await upgradedChain()
    await runAuditVerify(url, ['--seal-legacy'])
    await appendEvent(db, partnershipId)
    await asSuperuserBypassingTriggers(url, [editStatus(partnershipId, 5)])
    await rehashFrom(url, db, partnershipId, 5, legacyAuditHash)
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { partnershipId } })
    await asSuperuserBypassingTriggers(url, [
      [
        'UPDATE "AuditChainHead" SET "legacySeq" = 5, "legacyHash" = $1 WHERE "partnershipId" = $2',
        [head.hash, partnershipId],
      ],
    ])
    expect((await verifyAuditChain(db)).problems).toEqual([
      problem(
        partnershipId,
        5,
        'LEGACY',
        'the seal on the events hashed before the audit key does not match: their record was changed',
      ),
    ])
    // And --seal-legacy will not paper over it.
    const reseal = await runAuditVerify(url, ['--seal-legacy'])
    expect(reseal.stdout).toContain('nothing sealed')
    expect(reseal.code).toBe(1)
  })
})

describe('concurrent appends', () => {
  it('give one gap-free chain whose head is its newest event, also when some transactions roll back', async () => {
    const { db, partnershipId } = await freshChain()
    // Half through Prisma, half on a plain connection (plainTransaction, as the nudge run appends); the ones that
    // roll back are all plain.
    const inTransaction = <T>(i: number, work: (tx: SqlTx) => Promise<T>) =>
      i % 2 === 0 ? db.$transaction((tx) => work(tx)) : plainTransaction(db, work, { timeoutMs: 10_000 })
    const writers = Array.from({ length: 40 }, (_, i) =>
      inTransaction(i, async (tx) => {
        await recordAudit(tx, {
          partnershipId,
          actorId: null,
          action: 'CHANNEL_SET',
          subjectType: 'channel',
          subjectId: `case-review:${i}`,
          after: { purpose: 'case-review', platform: 'slack', source: 'configuration' },
          at: new Date('2026-12-05T08:00:00Z'),
        })
        // Hold the head's lock a moment, so the others queue behind it.
        await tx.$executeRaw`SELECT pg_sleep(0.005)`
        if (i % 10 === 3) throw new Error('rolled back')
      }).catch((error: Error) => error.message),
    )
    const outcomes = await Promise.all(writers)
    expect(outcomes.filter((o) => o === 'rolled back')).toHaveLength(4)
    const seqs = (
      await db.auditEvent.findMany({ where: { partnershipId }, orderBy: { seq: 'asc' }, select: { seq: true } })
    ).map((r) => r.seq)
    expect(seqs).toEqual(Array.from({ length: 4 + 36 }, (_, i) => i + 1))
    const newest = await db.auditEvent.findFirstOrThrow({ where: { partnershipId, seq: 40 } })
    expect(await db.auditChainHead.findUnique({ where: { partnershipId } })).toMatchObject({
      seq: 40,
      hash: newest.hash,
    })
    expect((await verifyAuditChain(db)).problems).toEqual([])
    // The plain connections went back to the pool: it still serves Prisma and plain transactions.
    expect(
      await plainTransaction(db, (tx) => tx.$queryRaw<{ n: number }[]>`select 1 as n`, { timeoutMs: 1000 }),
    ).toEqual([{ n: 1 }])
  })
})

describe('plainTransaction and plain (statements on a plain pg connection)', () => {
  it('read timestamps, dates and bigints as Prisma raw queries do, whatever the process time zone', async () => {
    const { db } = await freshChain()
    const zone = process.env.TZ
    process.env.TZ = 'America/New_York'
    try {
      const read = (tx: SqlTx) =>
        tx.$queryRaw<{ at: Date; day: Date; n: bigint }[]>`
          select timestamp '2026-12-01 11:00:00.456' as at, date '2026-12-01' as day, 9007199254740993::bigint as n`
      const viaPrisma = await read(db)
      expect(viaPrisma).toEqual([
        { at: new Date('2026-12-01T11:00:00.456Z'), day: new Date('2026-12-01T00:00:00Z'), n: 9007199254740993n },
      ])
      expect(await read(plain(db))).toEqual(viaPrisma)
      expect(await plainTransaction(db, read, { timeoutMs: 1000 })).toEqual(viaPrisma)
    } finally {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
  })

  it('cancels a statement that outlives the timeout, and rolls the transaction back', async () => {
    const { db, partnershipId } = await freshChain()
    const before = await db.auditEvent.count()
    await expect(
      plainTransaction(
        db,
        async (tx) => {
          await recordAudit(tx, {
            partnershipId,
            actorId: null,
            action: 'CHANNEL_SET',
            subjectType: 'channel',
            subjectId: 'case-review:slack',
            after: { purpose: 'case-review', platform: 'slack', source: 'configuration' },
            at: new Date('2026-12-03T08:00:00Z'),
          })
          await tx.$executeRaw`select pg_sleep(2)`
        },
        { timeoutMs: 200 },
      ),
    ).rejects.toMatchObject({ code: '57014' })
    expect(await db.auditEvent.count()).toBe(before)
  })

  it('sends an instant as UTC whatever the process time zone, as Prisma does', async () => {
    const { db } = await freshChain()
    const zone = process.env.TZ
    process.env.TZ = 'America/New_York'
    try {
      const at = new Date('2026-12-01T11:00:00.456Z')
      const [row] = await plainTransaction(
        db,
        (tx) => tx.$queryRaw<{ t: string }[]>`select to_char(${at}::timestamp, 'YYYY-MM-DD HH24:MI:SS.MS') as t`,
        { timeoutMs: 1000 },
      )
      expect(row).toEqual({ t: '2026-12-01 11:00:00.456' })
    } finally {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
  })
})
