/**
 * Issue 10, findings 2 and 5: PostgreSQL stopped and restarted under the running app (pg-boss worker,
 * outbox, HTTP), on a cluster of this file's own. The app must not die (no unhandled rejection), must serve
 * again once the database is back, and must record what it sent while the database was away instead of
 * sending it again. Also checks `isDatabaseUnavailable` against the errors a stopped PostgreSQL really gives.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import PgBoss from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorSummary, isConnectionClosedByServer, isDatabaseUnavailable } from '../lib/db-errors.js'
import { type EmbeddedDb, startEmbeddedDb } from '../lib/embedded-db.js'
import { migrateDeploy } from '../lib/migrate.js'
import { dispatchOutbox, type PlatformNotifier } from '../services/notifications/index.js'
import { cardOf, cardText } from './support/fake-connector.js'
import { eventually, type Harness, startHarness } from './support/harness.js'

let dir = ''
let db: EmbeddedDb
let port = 0
let databaseUrl = ''
let h: Harness
const rejections: unknown[] = []
const onRejection = (reason: unknown) => void rejections.push(reason)

beforeAll(async () => {
  process.on('unhandledRejection', onRejection)
  dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-outage-'))
  db = await startEmbeddedDb({ dataDir: dir, durable: false })
  port = Number(new URL(db.adminUrl).port)
  await db.ensureDatabase('outage')
  databaseUrl = db.urlFor('outage')
  await migrateDeploy(databaseUrl)
  // The real app with its pg-boss scheduler, on this cluster; Teams only.
  h = await startHarness({ scheduler: true, env: { DATABASE_URL: databaseUrl, SLACK_ENABLED: 'false' } })
})

afterAll(async () => {
  process.off('unhandledRejection', onRejection)
  await h?.stop()
  await db?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const noticeFor = (personId: string, reference: string) => ({
  kind: 'person.notice',
  payload: {
    kind: 'person.notice',
    personId,
    notice: { template: 'review.panel-notification', reviewId: 'r', reference, dueDate: '2026-12-01' },
  },
})

let pressedDuringOutage: Awaited<ReturnType<Harness['teams']['invoke']>> | null = null

describe('PostgreSQL stops under a running worker', () => {
  let rowId = 0n
  let jobId: string | null = null
  let stoppedAt = 0

  it('does not kill the app, which records the send made just before and serves again', async () => {
    await h.teams.message('claire', 'hi')
    const claire = await h.app.db.person.findFirstOrThrow({ where: { key: 'claire' } })
    rowId = (await h.app.db.outbox.create({ data: noticeFor(claire.id, 'NSCP-2026-0042') })).id
    // Teams accepts the notice, and the database goes away before the outbox can write that down.
    h.connector.beforeAnswer = async (call) => {
      if (stoppedAt || !cardText(cardOf(call)).includes('NSCP-2026-0042')) return
      stoppedAt = Date.now()
      await db.stop()
    }
    // The delivery runs as the pg-boss job the scheduler works (as its minute sweep would).
    const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss' })
    await boss.start()
    jobId = await boss.send('outbox-drain', {})
    await boss.stop({ graceful: false, close: true })
    await eventually(() => stoppedAt, 'the database stopped mid-send', 30_000)

    // Down: the worker's job result, its polls and the outbox all fail. Before, the process died within 8 s.
    const health = await fetch(`${h.app.url}/healthz`)
    expect(health.status).toBe(503)
    const asked = await h.teams.message('claire', 'help')
    expect(asked.status).toBeGreaterThanOrEqual(200)
    pressedDuringOutage = await h.teams.invoke('claire', 'referral.submit', { formToken: crypto.randomUUID() })
    await new Promise((resolve) => setTimeout(resolve, 12_000))
    expect(rejections.map((r) => errorSummary(r))).toEqual([])
    expect(h.app.outbox.unrecorded()).toBe(1)

    db = await startEmbeddedDb({ dataDir: dir, port, durable: false })
    // Back: the send is recorded (with the platform's message id), not sent again.
    const row = await eventually(
      async () => {
        const r = await h.app.db.outbox.findUnique({ where: { id: rowId } }).catch(() => null)
        return r?.status === 'SENT' ? r : null
      },
      'the send recorded',
      30_000,
    )
    expect(row.sentRef).toMatchObject({ platform: 'teams', ref: { conversationId: 'a:personal-claire' } })
    expect(h.app.outbox.unrecorded()).toBe(0)
    await h.app.outbox.drain()
    const copies = h.connector.sentTo('a:personal-claire').filter((c) => cardText(cardOf(c)).includes('NSCP-2026-0042'))
    expect(copies).toHaveLength(1)
    // The job the worker ran during the outage is completed, not lost or left to expire.
    const job = await eventually(
      async () => {
        const [j] = await h.app.db.$queryRaw<
          { state: string }[]
        >`select state::text from pgboss.job where id = ${jobId}::uuid`
        return j?.state === 'completed' ? j : null
      },
      'the job completed',
      30_000,
    )
    expect(job.state).toBe('completed')
    // And the app serves as before.
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200)
    const before = h.connector.sentTo('a:personal-claire').length
    expect((await h.teams.message('claire', 'help')).status).toBe(200)
    await eventually(() => h.connector.sentTo('a:personal-claire').length > before, 'a reply after the outage')
    expect(rejections).toEqual([])
  }, 120_000)

  it('does not take over a row leased before the restart until the grace period is over', async () => {
    const claire = await h.app.db.person.findFirstOrThrow({ where: { key: 'claire' } })
    const expired = { status: 'SENDING', attempts: 1, lockedUntil: new Date(Date.now() - 1000) }
    // Leased by an instance before the database restarted: it may be alive and about to record its send.
    const beforeRestart = await h.app.db.outbox.create({
      data: { ...noticeFor(claire.id, 'NSCP-2026-0043'), ...expired, lastAttemptAt: new Date(stoppedAt - 60_000) },
    })
    // Leased after the restart, with the database up all along: its instance is gone.
    const afterRestart = await h.app.db.outbox.create({
      data: { ...noticeFor(claire.id, 'NSCP-2026-0044'), ...expired, lastAttemptAt: new Date() },
    })
    const sent: string[] = []
    const recorder: PlatformNotifier = {
      platform: 'teams',
      canReach: () => true,
      postToChannel: async () => ({}),
      updateChannelMessage: async () => undefined,
      sendToPerson: async (_p, _a, notice) => {
        sent.push('reference' in notice ? notice.reference : '')
        return { id: sent.length }
      },
    }
    const deps = { db: h.app.db, notifiers: [recorder], log: h.app.log, clock: { now: () => new Date() } }
    await dispatchOutbox({ ...deps, reclaimGraceSeconds: 3600 })
    expect(sent).toEqual(['NSCP-2026-0044'])
    expect((await h.app.db.outbox.findUniqueOrThrow({ where: { id: beforeRestart.id } })).status).toBe('SENDING')
    await dispatchOutbox({ ...deps, reclaimGraceSeconds: 0 })
    expect(sent).toEqual(['NSCP-2026-0044', 'NSCP-2026-0043'])
    expect((await h.app.db.outbox.findUniqueOrThrow({ where: { id: afterRestart.id } })).status).toBe('SENT')
  })
})

describe('a card pressed while the database is away', () => {
  it('answers with a card saying nothing was saved and to try again', () => {
    expect(pressedDuringOutage?.status).toBe(200)
    expect(cardText(pressedDuringOutage?.card)).toMatch(/nothing was saved/i)
  })
})

describe('isDatabaseUnavailable', () => {
  it('recognises what Prisma and pg throw when PostgreSQL is stopped, and nothing else', async () => {
    // Up: a refused query is not an outage.
    const duplicate = await h.app.db.partnership
      .create({ data: { key: 'northshire', name: 'x', referencePrefix: 'X' } })
      .catch((e: unknown) => e)
    const syntax = await h.app.db.$queryRawUnsafe('select from nowhere at all').catch((e: unknown) => e)
    expect([isDatabaseUnavailable(duplicate), isDatabaseUnavailable(syntax)]).toEqual([false, false])

    // A query in flight when the server shuts down, then queries against a stopped server.
    const inFlight = h.app.db.$queryRaw`select pg_sleep(5)`.catch((e: unknown) => e)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await db.stop()
    const errors = [
      await inFlight,
      await h.app.db.person.count().catch((e: unknown) => e),
      await h.app.db.$queryRaw`select 1`.catch((e: unknown) => e),
      await h.app.db.$transaction(async (tx) => tx.person.count()).catch((e: unknown) => e),
    ]
    db = await startEmbeddedDb({ dataDir: dir, port, durable: false })
    expect(errors.map((e) => isDatabaseUnavailable(e))).toEqual([true, true, true, true])
    expect(errors.map((e) => errorSummary(e).code)).toEqual(['P2010', 'P1001', 'P2010', 'P1001'])
    // Logged by name, code and model only: no query text (the model is Prisma's name for the table).
    const summaries = errors.map((e) => errorSummary(e))
    expect(JSON.stringify(summaries.map(({ model: _model, ...rest }) => rest))).not.toMatch(/select|person/i)
    for (const s of summaries) expect([undefined, 'Person']).toContain(s.model)
  })
})

describe('isConnectionClosedByServer', () => {
  it('recognises a connection the server closed, as pg reports it, and not the same code raised elsewhere', async () => {
    // An idle connection the server terminates: pg emits the error itself (main.ts's handler sees it there
    // when nobody listens on that connection, and lets the app carry on).
    const client = new pg.Client({ connectionString: db.adminUrl })
    await client.connect()
    // pg emits the server's message, then "Connection terminated unexpectedly" as the socket closes: both
    // are heard here, and the first is the one checked.
    const closed = new Promise<unknown>((resolve) => client.on('error', resolve))
    const { rows } = await client.query('select pg_backend_pid() as pid')
    const admin = new pg.Client({ connectionString: db.adminUrl })
    await admin.connect()
    await admin.query('select pg_terminate_backend($1)', [rows[0].pid])
    await admin.end()
    const error = await closed
    expect(isConnectionClosedByServer(error)).toBe(true)
    await client.end().catch(() => undefined)
    await new Promise((resolve) => setTimeout(resolve, 100))

    // The same SQLSTATE or message, but raised in our own code: not pg's connection handling.
    expect(isConnectionClosedByServer(Object.assign(new Error('shutting down'), { code: '57P01' }))).toBe(false)
    expect(isConnectionClosedByServer(new Error('Connection terminated'))).toBe(false)
  })
})
