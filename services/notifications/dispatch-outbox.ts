/**
 * Delivers queued notifications through the platform notifiers.
 *
 * Claiming: rows are claimed with `FOR UPDATE SKIP LOCKED` and a lease (`lockedUntil`), so several app
 * instances can drain the same outbox without taking the same row; a row whose lease ran out (its
 * instance died mid-send) is claimed again. A channel card is posted once per platform: a placeholder
 * PostedMessage row is inserted before posting, and its unique key stops a second poster.
 *
 * Nothing sent twice that the outbox knows it sent: once a platform accepted a message, recording it (row
 * SENT with the platform's message id, the card's reference) goes through the `SentLedger`, which keeps the
 * write in memory and retries it while the database is away; such a row keeps its lease, and nothing new is
 * claimed until every such write landed. A failure releases the lease only of work that was not sent. A
 * row leased before the database restarted is taken over only `reclaimGraceSeconds` after the restart, so
 * the instance that sent it has time to record it. What remains is at-least-once: a process killed between
 * the platform's answer and the record (one database round trip) sends that message again after the lease.
 *
 * Nothing dropped: a notice that no platform can deliver yet (never heard from, app not installed) waits as
 * WAITING_FOR_ADDRESS, is tried again every `WAIT_RECHECK_MINUTES`, and at once when the person's address
 * is saved (the claim sees an address newer than the last attempt; `releaseWaitingNotices` asks for it).
 */
import { Prisma } from '@prisma/client'
import type { Clock } from '../../lib/clock.js'
import type { DbClient } from '../../lib/db.js'
import { isUniqueViolation } from '../../lib/db.js'
import { errorFrames, errorSummary } from '../../lib/db-errors.js'
import type { Logger } from '../../lib/logger.js'
import { listPartnershipChannels } from '../people/partnership-channels.js'
import type { Platform } from '../people/people.schema.js'
import { loadReferralView } from '../referrals/referral.view.js'
import { type OutboxPayload, type PersonTarget, ZOutboxPayload } from './notification.schema.js'
import { DeliveryError, type MessageRef, NotReachable, PartiallyDelivered, type PlatformNotifier } from './notifier.js'
import { findServiceHints } from './service-hints.repo.js'
import { SentLedger } from './sent-ledger.js'

export type DispatchDeps = {
  db: DbClient
  notifiers: PlatformNotifier[]
  log: Logger
  clock: Clock
  /** Sends not yet recorded; the outbox runner keeps one across runs (a fresh one when absent). */
  ledger?: SentLedger
  /** Seconds a restarted database is given before rows leased before the restart are taken over (30). */
  reclaimGraceSeconds?: number
}
export type DispatchReport = {
  sent: number
  deferred: number
  failed: number
  /** Notices nobody can be reached for yet, kept as WAITING_FOR_ADDRESS. */
  waiting: number
  /** Sent, but the record of it waits in memory for the database. */
  unrecorded: number
}

const LEASE_SECONDS = 120
const MAX_ATTEMPTS = 8
/** A waiting notice is tried again this often (the app may have been installed for the person meanwhile). */
const WAIT_RECHECK_MINUTES = 30
const DEFAULT_RECLAIM_GRACE_SECONDS = 30
/** A placeholder older than this belongs to a poster that died; it is taken over. */
const STALE_PLACEHOLDER_MS = LEASE_SECONDS * 1000
/** Timestamps are stored as UTC without a zone (Prisma's DateTime), whatever the session's time zone is. */
const NOW = Prisma.sql`(now() at time zone 'utc')`

type Claimed = { id: bigint; payload: unknown; attempts: number; was: string }
type Outcome = { kind: 'sent'; sentRef: Prisma.InputJsonValue } | { kind: 'waiting'; reason: string }

class Deferred extends Error {}

async function claim(db: DbClient, limit: number, graceSeconds: number): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    with picked as (
      select c.id, c.status as was from "Outbox" c
      where (c.status = 'PENDING' and c."nextAttemptAt" <= ${NOW})
         or (c.status = 'SENDING' and c."lockedUntil" < ${NOW}
             and (c."lastAttemptAt" is null
                  or pg_postmaster_start_time() at time zone 'utc' < c."lastAttemptAt"
                  or pg_postmaster_start_time() at time zone 'utc' < ${NOW} - make_interval(secs => ${graceSeconds})))
         or (c.status = 'WAITING_FOR_ADDRESS' and (c."nextAttemptAt" <= ${NOW} or exists (
               select 1 from "ChannelAddress" a
               where a."personId" = c.payload->>'personId' and a."updatedAt" > coalesce(c."lastAttemptAt", c."createdAt"))))
      order by c.id limit ${limit} for update skip locked)
    update "Outbox" o set status = 'SENDING', "lockedUntil" = ${NOW} + make_interval(secs => ${LEASE_SECONDS}),
      attempts = case when picked.was = 'WAITING_FOR_ADDRESS' then o.attempts else o.attempts + 1 end,
      "lastAttemptAt" = ${NOW}
    from picked where o.id = picked.id
    returning o.id, o.payload, o.attempts, picked.was`
}

/**
 * Drains the outbox until nothing is due (or `maxRows` were handled). First records any send the ledger
 * still holds; while the database refuses that, it claims nothing.
 */
export async function dispatchOutbox(
  deps: DispatchDeps,
  options: { batch?: number; maxRows?: number } = {},
): Promise<DispatchReport> {
  const report: DispatchReport = { sent: 0, deferred: 0, failed: 0, waiting: 0, unrecorded: 0 }
  const ledger = deps.ledger ?? new SentLedger()
  const maxRows = options.maxRows ?? 500
  let handled = 0
  while (handled < maxRows) {
    if (!(await flushLedger(deps, ledger))) break
    const rows = await claim(deps.db, options.batch ?? 10, deps.reclaimGraceSeconds ?? DEFAULT_RECLAIM_GRACE_SECONDS)
    if (rows.length === 0) break
    handled += rows.length
    await Promise.all(rows.map((row) => deliverRow(deps, ledger, row, report)))
  }
  report.unrecorded = ledger.size
  return report
}

/** Writes down what was sent but not yet recorded; false while the database still refuses. */
export async function flushLedger(deps: DispatchDeps, ledger: SentLedger): Promise<boolean> {
  if (ledger.size === 0) return true
  const before = ledger.size
  const { done, dropped } = await ledger.flush(deps.db)
  for (const d of dropped) deps.log.error({ key: d.key, err: errorSummary(d.error) }, 'a send could not be recorded')
  if (ledger.size < before)
    deps.log.info(
      { recorded: before - ledger.size - dropped.length, pending: ledger.size },
      'sends recorded after the database returned',
    )
  return done
}

async function deliverRow(deps: DispatchDeps, ledger: SentLedger, row: Claimed, report: DispatchReport): Promise<void> {
  const parsed = ZOutboxPayload.safeParse(row.payload)
  const kind = parsed.success ? parsed.data.kind : 'unknown'
  if (!parsed.success)
    return settleFailure(deps, row, kind, new DeliveryError('unreadable outbox payload', false), report)
  if (row.was === 'SENDING') {
    // Its instance died or lost the database for longer than the lease: it may have sent this already.
    deps.log.warn({ outboxId: String(row.id), kind }, 'outbox row taken over after its lease ran out')
  }
  let outcome: Outcome
  try {
    outcome = await deliver(deps, ledger, parsed.data)
  } catch (error) {
    return settleFailure(deps, row, kind, error, report)
  }
  if (outcome.kind === 'waiting') {
    report.waiting += 1
    return settleWaiting(deps, row, parsed.data, outcome.reason)
  }
  report.sent += 1
  const sentRef = outcome.sentRef
  const recorded = await ledger.record(deps.db, `outbox:${row.id}`, (db) => markSent(db, row.id, sentRef))
  if (recorded === 'kept')
    deps.log.warn({ outboxId: String(row.id), kind }, 'sent; recording it waits for the database')
  else if (recorded !== 'recorded')
    deps.log.error({ outboxId: String(row.id), err: errorSummary(recorded.error) }, 'sent, but could not be recorded')
}

/**
 * Records a row as sent, with the platform's id of the message: one plain UPDATE (a Prisma `update` is a
 * transaction of three round trips, about five times slower), since every millisecond here is a window in
 * which a killed process would send the message again.
 */
async function markSent(db: DbClient, id: bigint, sentRef: Prisma.InputJsonValue): Promise<void> {
  await db.$executeRaw`
    update "Outbox" set status = 'SENT', "sentAt" = ${NOW}, "sentRef" = ${JSON.stringify(sentRef)}::jsonb,
      "lockedUntil" = null, "lastError" = null
    where id = ${id}`
}

/** Records where a channel card was posted (its placeholder becomes the platform's reference). */
async function recordPosted(db: DbClient, id: string, ref: MessageRef): Promise<void> {
  await db.$executeRaw`update "PostedMessage" set ref = ${JSON.stringify(ref ?? null)}::jsonb where id = ${id}`
}

/**
 * Runs once, before the first delivery, the statements that record a send (on rows that do not exist), so
 * the first platform answer does not wait for the pool's first connections: in a fresh process that took a
 * few hundred milliseconds here, a window in which a killed process would send its first batch again.
 */
export async function prepareOutbox(db: DbClient): Promise<void> {
  await markSent(db, -1n, {}).catch(() => undefined)
  await recordPosted(db, '00000000-0000-0000-0000-000000000000', {}).catch(() => undefined)
}

/** Nothing was sent: release the row for a later attempt, or give up. A failed release leaves it to the lease. */
async function settleFailure(
  deps: DispatchDeps,
  row: Claimed,
  kind: string,
  error: unknown,
  report: DispatchReport,
): Promise<void> {
  const deferred = error instanceof Deferred
  const retryable = deferred || !(error instanceof DeliveryError) || error.retryable
  const giveUp = !retryable || row.attempts >= MAX_ATTEMPTS
  const waitMs = deferred
    ? 1000
    : error instanceof DeliveryError && error.retryAfterMs
      ? error.retryAfterMs
      : 2 ** row.attempts * 1000
  if (deferred) report.deferred += 1
  else {
    report.failed += giveUp ? 1 : 0
    report.deferred += giveUp ? 0 : 1
    deps.log.warn(
      {
        outboxId: String(row.id),
        kind,
        attempts: row.attempts,
        giveUp,
        err: describe(error),
        ...(error instanceof DeliveryError ? {} : { where: errorFrames(error) }),
      },
      'notification not delivered',
    )
  }
  try {
    await deps.db.outbox.update({
      where: { id: row.id },
      data: {
        status: giveUp ? 'FAILED' : 'PENDING',
        lockedUntil: null,
        // Wall-clock time, like the claim's now(): retries are about the platform, not the domain's clock.
        nextAttemptAt: new Date(Date.now() + waitMs),
        lastError: describe(error).slice(0, 500),
        // A deferral is not a failed attempt.
        ...(deferred ? { attempts: { decrement: 1 } } : {}),
      },
    })
  } catch (releaseError) {
    deps.log.warn(
      { outboxId: String(row.id), err: errorSummary(releaseError) },
      'outbox row not released; its lease will run out',
    )
  }
}

async function settleWaiting(deps: DispatchDeps, row: Claimed, payload: OutboxPayload, reason: string): Promise<void> {
  const template = payload.kind === 'person.notice' ? payload.notice.template : undefined
  const personId = payload.kind === 'person.notice' ? payload.personId : undefined
  if (row.was !== 'WAITING_FOR_ADDRESS')
    deps.log.info({ outboxId: String(row.id), personId, template }, 'notice waiting: nobody can reach this person yet')
  try {
    await deps.db.outbox.update({
      where: { id: row.id },
      data: {
        status: 'WAITING_FOR_ADDRESS',
        lockedUntil: null,
        nextAttemptAt: new Date(Date.now() + WAIT_RECHECK_MINUTES * 60_000),
        lastError: reason.slice(0, 500),
        // Waiting is not a failed attempt.
        ...(row.was === 'WAITING_FOR_ADDRESS' ? {} : { attempts: { decrement: 1 } }),
      },
    })
  } catch (error) {
    deps.log.warn(
      { outboxId: String(row.id), err: errorSummary(error) },
      'outbox row not released; its lease will run out',
    )
  }
}

/** An error as a log line without case text: our own messages are ids and codes; anything else by name and code. */
function describe(error: unknown): string {
  if (error instanceof DeliveryError || error instanceof Deferred) return error.message
  const s = errorSummary(error)
  return s.code ? `${s.name} (${s.code})` : s.name
}

async function deliver(deps: DispatchDeps, ledger: SentLedger, payload: OutboxPayload): Promise<Outcome> {
  if (payload.kind === 'channel.sync') return { kind: 'sent', sentRef: await syncChannelCard(deps, ledger, payload) }
  const { db } = deps
  const person = await db.person.findUnique({
    where: { id: payload.personId },
    include: { addresses: { orderBy: { updatedAt: 'desc' } }, partnership: { select: { teamsTenantId: true } } },
  })
  if (!person) throw new DeliveryError('person not found', false)
  if (!person.active) throw new DeliveryError(`person ${person.id} is no longer active`, false)
  const byPlatform = new Map(person.addresses.map((a) => [a.platform, a.address]))
  // The platform the person used last, then any other that might reach them.
  const ordered = [...new Set([...person.addresses.map((a) => a.platform), ...deps.notifiers.map((n) => n.platform)])]
  const target: PersonTarget = {
    personId: person.id,
    name: person.name,
    slackUserId: person.slackUserId,
    teamsAadObjectId: person.teamsAadObjectId,
    teamsUserId: person.teamsUserId,
    teamsTenantId: person.partnership.teamsTenantId,
    serviceHints: await findServiceHints(
      db,
      person.partnershipId,
      ordered.filter((p) => !byPlatform.has(p)),
    ),
  }
  const notReached: string[] = []
  for (const platform of ordered) {
    const notifier = deps.notifiers.find((n) => n.platform === platform)
    const address = byPlatform.get(platform) ?? null
    if (!notifier?.canReach(target, address)) continue
    try {
      const ref = await notifier.sendToPerson(target, address, payload.notice)
      return { kind: 'sent', sentRef: { platform, ref: (ref ?? null) as Prisma.InputJsonValue } }
    } catch (error) {
      if (!(error instanceof NotReachable)) throw error
      notReached.push(`${platform}: ${error.message}`)
    }
  }
  return { kind: 'waiting', reason: notReached.length ? notReached.join('; ') : 'no way to reach this person yet' }
}

async function syncChannelCard(
  deps: DispatchDeps,
  ledger: SentLedger,
  payload: Extract<OutboxPayload, { kind: 'channel.sync' }>,
): Promise<Prisma.InputJsonValue> {
  const { db } = deps
  // The domain's clock: the card's dates and overdue flags are about the partnership's today.
  const view = await loadReferralView(db, payload.subjectId, deps.clock.now())
  if (!view) throw new DeliveryError('referral not found', false)
  const message = { template: 'referral.screening' as const, view }
  const channels = await listPartnershipChannels(db, payload.partnershipId, payload.purpose)
  let targets: { platform: string; address: Prisma.JsonValue }[] = channels.filter((c) =>
    deps.notifiers.some((n) => n.platform === c.platform),
  )
  if (targets.length === 0)
    targets = await chairFallback(
      deps,
      view.deciders.map((d) => d.personId),
    )
  if (targets.length === 0)
    throw new DeliveryError(`no ${payload.purpose} channel is set and no chair can be reached`, true, 60_000)
  const refs: Record<string, Prisma.InputJsonValue> = {}
  for (const channel of targets) {
    const notifier = deps.notifiers.find((n) => n.platform === channel.platform)!
    const ref = await syncOne(deps, ledger, notifier, channel.platform as Platform, channel.address, payload, message)
    refs[channel.platform] = (ref ?? null) as Prisma.InputJsonValue
  }
  return refs
}

/**
 * No channel is set for the Case Review Group yet: rather than hold the referral back, the card goes to
 * the chair 1:1, where the decision buttons work the same.
 */
async function chairFallback(
  deps: DispatchDeps,
  deciderIds: string[],
): Promise<{ platform: string; address: Prisma.JsonValue }[]> {
  const people = await deps.db.person.findMany({
    where: { id: { in: deciderIds } },
    include: { addresses: true },
    orderBy: { name: 'asc' },
  })
  for (const p of people) {
    const teams = p.addresses.find((a) => a.platform === 'teams')
    if (teams && deps.notifiers.some((n) => n.platform === 'teams'))
      return [{ platform: 'teams', address: teams.address }]
    if (p.slackUserId && deps.notifiers.some((n) => n.platform === 'slack'))
      return [{ platform: 'slack', address: { channelId: p.slackUserId } }]
  }
  return []
}

/**
 * Whether a pending placeholder belongs to a poster that died. Old enough is not enough after a database
 * restart: its poster may be alive and about to record what it posted, so it gets the grace period too.
 */
async function isAbandoned(deps: DispatchDeps, createdAt: Date): Promise<boolean> {
  if (Date.now() - createdAt.getTime() < STALE_PLACEHOLDER_MS) return false
  const [row] = await deps.db.$queryRaw<{ started: Date }[]>`select pg_postmaster_start_time() as started`
  const started = row?.started ?? new Date(0)
  const grace = (deps.reclaimGraceSeconds ?? DEFAULT_RECLAIM_GRACE_SECONDS) * 1000
  return started.getTime() < createdAt.getTime() || Date.now() - started.getTime() >= grace
}

async function syncOne(
  deps: DispatchDeps,
  ledger: SentLedger,
  notifier: PlatformNotifier,
  platform: Platform,
  address: Prisma.JsonValue,
  payload: Extract<OutboxPayload, { kind: 'channel.sync' }>,
  message: Parameters<PlatformNotifier['postToChannel']>[1],
): Promise<MessageRef> {
  const { db } = deps
  const recordRef = async (id: string, ref: MessageRef) => {
    const recorded = await ledger.record(db, `posted:${id}`, (d) => recordPosted(d, id, ref))
    if (recorded !== 'recorded' && recorded !== 'kept')
      deps.log.error({ postedMessageId: id, err: errorSummary(recorded.error) }, 'posted, but could not be recorded')
  }
  const key = { subjectType: payload.subjectType, subjectId: payload.subjectId, purpose: payload.purpose, platform }
  const existing = await db.postedMessage.findUnique({ where: { subjectType_subjectId_purpose_platform: key } })
  if (existing && existing.ref !== null && (existing.ref as { pending?: boolean }).pending !== true) {
    let replaced: MessageRef | undefined
    try {
      replaced = await notifier.updateChannelMessage(existing.ref, message)
    } catch (error) {
      if (error instanceof PartiallyDelivered) await recordRef(existing.id, error.ref)
      throw error
    }
    if (replaced !== undefined) await recordRef(existing.id, replaced)
    return replaced ?? existing.ref
  }
  if (existing) {
    if (!(await isAbandoned(deps, existing.createdAt))) throw new Deferred('card is being posted')
    await db.postedMessage.delete({ where: { id: existing.id } })
  }
  let placeholderId: string
  try {
    // Wall-clock time: whether a placeholder is abandoned is about the poster, not the domain's clock.
    placeholderId = (await db.postedMessage.create({ data: { ...key, ref: { pending: true }, createdAt: new Date() } }))
      .id
  } catch (error) {
    if (isUniqueViolation(error)) throw new Deferred('card is being posted')
    throw error
  }
  let ref: MessageRef
  try {
    ref = await notifier.postToChannel(address, message)
  } catch (error) {
    // Part of it went out (a channel post without every chair's copy): keep it, and add the rest next time.
    if (error instanceof PartiallyDelivered) await recordRef(placeholderId, error.ref)
    // Nothing went out: free the key for the next attempt.
    else await db.postedMessage.delete({ where: { id: placeholderId } }).catch(() => undefined)
    throw error
  }
  await recordRef(placeholderId, ref)
  return ref
}
