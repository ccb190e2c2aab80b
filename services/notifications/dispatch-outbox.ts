/**
 * Delivers queued notifications through the platform notifiers.
 *
 * Claiming: rows are claimed with `FOR UPDATE SKIP LOCKED` and a lease (`lockedUntil`), so several app
 * instances can drain the same outbox without taking the same row; a row whose lease ran out (its
 * instance died mid-send) is claimed again. A channel card is posted once per platform: a placeholder
 * PostedMessage row is inserted before posting, and its unique key stops a second poster.
 */
import type { Prisma } from '@prisma/client'
import type { Clock } from '../../lib/clock.js'
import type { DbClient } from '../../lib/db.js'
import { isUniqueViolation } from '../../lib/db.js'
import type { Logger } from '../../lib/logger.js'
import { listPartnershipChannels } from '../people/partnership-channels.js'
import type { Platform } from '../people/people.schema.js'
import { loadReferralView } from '../referrals/referral.view.js'
import { ZOutboxPayload, type OutboxPayload } from './notification.schema.js'
import { DeliveryError, type PlatformNotifier } from './notifier.js'

export type DispatchDeps = { db: DbClient; notifiers: PlatformNotifier[]; log: Logger; clock: Clock }
export type DispatchReport = { sent: number; deferred: number; failed: number }

const LEASE_SECONDS = 120
const MAX_ATTEMPTS = 8
/** A placeholder older than this belongs to a poster that died; it is taken over. */
const STALE_PLACEHOLDER_MS = LEASE_SECONDS * 1000

type Claimed = { id: bigint; payload: unknown; attempts: number }

class Deferred extends Error {}

async function claim(db: DbClient, limit: number): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    update "Outbox" set status = 'SENDING', "lockedUntil" = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
    where id in (
      select id from "Outbox"
      where (status = 'PENDING' and "nextAttemptAt" <= now()) or (status = 'SENDING' and "lockedUntil" < now())
      order by id limit ${limit} for update skip locked)
    returning id, payload, attempts`
}

/** Drains the outbox until nothing is due (or `maxRows` were handled). */
export async function dispatchOutbox(deps: DispatchDeps, options: { batch?: number; maxRows?: number } = {}): Promise<DispatchReport> {
  const report: DispatchReport = { sent: 0, deferred: 0, failed: 0 }
  const maxRows = options.maxRows ?? 500
  let handled = 0
  while (handled < maxRows) {
    const rows = await claim(deps.db, options.batch ?? 10)
    if (rows.length === 0) break
    handled += rows.length
    await Promise.all(rows.map((row) => deliverRow(deps, row, report)))
  }
  return report
}

async function deliverRow(deps: DispatchDeps, row: Claimed, report: DispatchReport): Promise<void> {
  const parsed = ZOutboxPayload.safeParse(row.payload)
  try {
    if (!parsed.success) throw new DeliveryError('unreadable outbox payload', false)
    await deliver(deps, parsed.data)
    await deps.db.outbox.update({ where: { id: row.id }, data: { status: 'SENT', sentAt: new Date(), lockedUntil: null, lastError: null } })
    report.sent += 1
  } catch (error) {
    const deferred = error instanceof Deferred
    const retryable = deferred || !(error instanceof DeliveryError) || error.retryable
    const giveUp = !retryable || row.attempts >= MAX_ATTEMPTS
    const waitMs = deferred ? 1000 : error instanceof DeliveryError && error.retryAfterMs ? error.retryAfterMs : 2 ** row.attempts * 1000
    await deps.db.outbox.update({
      where: { id: row.id },
      data: {
        status: giveUp ? 'FAILED' : 'PENDING',
        lockedUntil: null,
        // Wall-clock time, like the claim's now(): retries are about the platform, not the domain's clock.
        nextAttemptAt: new Date(Date.now() + waitMs),
        lastError: error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
        // A deferral is not a failed attempt.
        ...(deferred ? { attempts: { decrement: 1 } } : {}),
      },
    })
    if (deferred) report.deferred += 1
    else {
      report.failed += giveUp ? 1 : 0
      report.deferred += giveUp ? 0 : 1
      deps.log.warn({ outboxId: String(row.id), kind: parsed.success ? parsed.data.kind : 'unknown', attempts: row.attempts, giveUp, err: error instanceof Error ? error.message : String(error) }, 'notification not delivered')
    }
  }
}

async function deliver(deps: DispatchDeps, payload: OutboxPayload): Promise<void> {
  if (payload.kind === 'channel.sync') return syncChannelCard(deps, payload)
  const { db } = deps
  const person = await db.person.findUnique({ where: { id: payload.personId }, include: { addresses: { orderBy: { updatedAt: 'desc' } } } })
  if (!person) throw new DeliveryError('person not found', false)
  const target = { personId: person.id, name: person.name, slackUserId: person.slackUserId }
  // The platform the person used last, then any other that can reach them.
  const byPlatform = new Map(person.addresses.map((a) => [a.platform, a.address]))
  const ordered = [...person.addresses.map((a) => a.platform), ...deps.notifiers.map((n) => n.platform)]
  for (const platform of ordered) {
    const notifier = deps.notifiers.find((n) => n.platform === platform)
    const address = byPlatform.get(platform) ?? null
    if (notifier && notifier.canReach(target, address)) {
      await notifier.sendToPerson(target, address, payload.notice)
      return
    }
  }
  throw new DeliveryError(`no way to reach person ${person.id}`, false)
}

async function syncChannelCard(deps: DispatchDeps, payload: Extract<OutboxPayload, { kind: 'channel.sync' }>): Promise<void> {
  const { db } = deps
  const view = await loadReferralView(db, payload.subjectId)
  if (!view) throw new DeliveryError('referral not found', false)
  const message = { template: 'referral.screening' as const, view }
  const channels = await listPartnershipChannels(db, payload.partnershipId, payload.purpose)
  let targets: { platform: string; address: Prisma.JsonValue }[] = channels.filter((c) => deps.notifiers.some((n) => n.platform === c.platform))
  if (targets.length === 0) targets = await chairFallback(deps, view.deciders.map((d) => d.personId))
  if (targets.length === 0) throw new DeliveryError(`no ${payload.purpose} channel is set and no chair can be reached`, true, 60_000)
  for (const channel of targets) {
    const notifier = deps.notifiers.find((n) => n.platform === channel.platform)!
    await syncOne(deps, notifier, channel.platform as Platform, channel.address, payload, message)
  }
}

/**
 * No channel is set for the Case Review Group yet: rather than hold the referral back, the card goes to
 * the chair 1:1, where the decision buttons work the same.
 */
async function chairFallback(deps: DispatchDeps, deciderIds: string[]): Promise<{ platform: string; address: Prisma.JsonValue }[]> {
  const people = await deps.db.person.findMany({ where: { id: { in: deciderIds } }, include: { addresses: true }, orderBy: { name: 'asc' } })
  for (const p of people) {
    const teams = p.addresses.find((a) => a.platform === 'teams')
    if (teams && deps.notifiers.some((n) => n.platform === 'teams')) return [{ platform: 'teams', address: teams.address }]
    if (p.slackUserId && deps.notifiers.some((n) => n.platform === 'slack')) return [{ platform: 'slack', address: { channelId: p.slackUserId } }]
  }
  return []
}

async function syncOne(
  deps: DispatchDeps,
  notifier: PlatformNotifier,
  platform: Platform,
  address: Prisma.JsonValue,
  payload: Extract<OutboxPayload, { kind: 'channel.sync' }>,
  message: Parameters<PlatformNotifier['postToChannel']>[1],
): Promise<void> {
  const { db } = deps
  const key = { subjectType: payload.subjectType, subjectId: payload.subjectId, purpose: payload.purpose, platform }
  const existing = await db.postedMessage.findUnique({ where: { subjectType_subjectId_purpose_platform: key } })
  if (existing && existing.ref !== null && (existing.ref as { pending?: boolean }).pending !== true) {
    await notifier.updateChannelMessage(existing.ref, message)
    return
  }
  if (existing) {
    if (deps.clock.now().getTime() - existing.createdAt.getTime() < STALE_PLACEHOLDER_MS) throw new Deferred('card is being posted')
    await db.postedMessage.delete({ where: { id: existing.id } })
  }
  let placeholderId: string
  try {
    placeholderId = (await db.postedMessage.create({ data: { ...key, ref: { pending: true }, createdAt: deps.clock.now() } })).id
  } catch (error) {
    if (isUniqueViolation(error)) throw new Deferred('card is being posted')
    throw error
  }
  try {
    const ref = await notifier.postToChannel(address, message)
    await db.postedMessage.update({ where: { id: placeholderId }, data: { ref: ref as Prisma.InputJsonValue } })
  } catch (error) {
    await db.postedMessage.delete({ where: { id: placeholderId } }).catch(() => undefined)
    throw error
  }
}
