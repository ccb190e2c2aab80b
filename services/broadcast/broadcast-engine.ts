/**
 * The broadcast engine: delivers one message to each of thousands of people (and to chosen channels) as fast
 * as the platforms allow, exactly once in the normal course, surviving crashes and restarts.
 *
 * Queue: one durable BroadcastDelivery row per recipient. A worker claims a row with `FOR UPDATE SKIP LOCKED`
 * inside a short transaction, sends it, and records the result in that same transaction before it commits.
 * The row lock is the lease: another instance skips a row while it is being sent, and a process that dies
 * (kill -9, a crash) drops its connection, PostgreSQL rolls its transactions back at once, and the rows are
 * claimable again at once: the send resumes where it stopped, nobody is skipped and nothing waits for a lease
 * to run out. What remains at-least-once is the platforms' doing (neither Teams nor Slack takes an idempotency
 * key): a process killed after a platform accepted a message and before its commit (the platform's answer plus
 * one database round trip, for each of the `concurrency` rows in flight) sends those again when it resumes.
 *
 * Pacing (pacing.ts): token buckets per tenant or workspace and per conversation; a 429 pauses every worker
 * for its Retry-After and lowers the rate, so one 429 slows the whole send. Conversations opened for people
 * who never wrote to the bot are kept (OpenedConversation) and reused. Someone no platform can reach is
 * installed for through Microsoft Graph when an installer is configured, else counted NOT_REACHABLE
 * (never opened Learning Loop); such a row is tried again once they first write to the bot.
 *
 * Progress: the sender's card is posted when the send starts and updated in place every few seconds and at
 * the end ("4,210 of 10,000 sent, about 2 minutes left").
 */
import { Prisma } from '@prisma/client'
import type { Clock } from '../../lib/clock.js'
import type { DbClient } from '../../lib/db.js'
import { errorSummary } from '../../lib/db-errors.js'
import type { Logger } from '../../lib/logger.js'
import type { PersonTarget } from '../notifications/notification.schema.js'
import { DeliveryError, NotReachable } from '../notifications/notifier.js'
import { findServiceHints } from '../notifications/service-hints.repo.js'
import type {
  AppInstaller,
  BroadcastPort,
  BroadcastSent,
  BroadcastStatus,
  NotReachableReason,
  ProductMessage,
  ProgressMessage,
  Recipient,
  SubjectHandler,
} from './broadcast.schema.js'
import { BROADCAST_LIMITS, Pacer } from './pacing.js'

export type EngineDeps = {
  db: DbClient
  log: Logger
  clock: Clock
  ports: BroadcastPort[]
  subjects: Record<string, SubjectHandler>
  installer?: AppInstaller
  pacer?: Pacer
  /** Rows in flight at once (each holds a connection while its platform answers). */
  concurrency?: number
  /** Asks the outbox to deliver what finishing a send queued (the safeguarding leads' lists). */
  deliver?: () => void
  /** How often the sender's card is updated while sending (ms). */
  progressEveryMs?: number
}

export type EngineReport = { sent: number; notReachable: number; failed: number; throttled: number; retried: number }

type ClaimedPerson = {
  id: string
  name: string
  active: boolean
  roles: string[]
  slackUserId: string | null
  teamsAadObjectId: string | null
  teamsUserId: string | null
  teamsTenantId: string | null
  partnershipId: string
  addresses: { platform: string; address: unknown }[]
  opened: { platform: string; address: unknown }[]
}

type Claimed = {
  person: ClaimedPerson | null
  id: bigint
  broadcastId: string
  personId: string | null
  channelPlatform: string | null
  channelId: string | null
  attempts: number
  subjectType: string
  subjectId: string
  partnershipId: string
}

const MAX_ATTEMPTS = 6
/** Timestamps are stored as UTC without a zone (Prisma's DateTime). */
const NOW = Prisma.sql`(now() at time zone 'utc')`

class Throttled extends Error {}

export class BroadcastEngine {
  private readonly pacer: Pacer
  private readonly messages = new Map<string, Promise<(r: Recipient) => ProductMessage>>()
  private readonly hints = new Map<string, { at: number; hints: PersonTarget['serviceHints'] }>()
  private readonly progressAt = new Map<string, number>()
  private readonly progressRunning = new Set<string>()
  private stopping = false
  /** The sends running in this run, the Teams tenant they pace against, and who manages someone. */
  private running: string[] = []
  private tenant = 'tenant'
  private managers = new Set<string>()

  constructor(private readonly deps: EngineDeps) {
    this.pacer = deps.pacer ?? new Pacer(BROADCAST_LIMITS)
  }

  /** Stops claiming; rows in flight finish (or roll back and are taken up by the next run). */
  stop(): void {
    this.stopping = true
  }

  /** Starts what is due, sends until nothing is claimable, finishes what is done, and updates the cards. */
  async run(): Promise<EngineReport> {
    const report: EngineReport = { sent: 0, notReachable: 0, failed: 0, throttled: 0, retried: 0 }
    if (this.stopping) return report
    await this.startDue()
    await this.reviveReachable()
    const running = await this.deps.db.broadcast.findMany({
      where: { status: 'SENDING' },
      select: { id: true, partnershipId: true },
    })
    this.running = running.map((b) => b.id)
    const touched = new Set<string>()
    // Nothing sending (the usual case): no workers, so no transactions that would claim nothing.
    if (this.running.length > 0) {
      const partnerships = await this.deps.db.partnership.findMany({
        where: { id: { in: running.map((b) => b.partnershipId) } },
        select: { teamsTenantId: true },
      })
      this.tenant = partnerships[0]?.teamsTenantId ?? 'tenant'
      const managers = await this.deps.db.person.findMany({
        where: { managerId: { not: null } },
        select: { managerId: true },
        distinct: ['managerId'],
      })
      this.managers = new Set(managers.map((m) => m.managerId!))
      const workers = Array.from({ length: this.deps.concurrency ?? 10 }, () => this.worker(report, touched))
      await Promise.all(workers)
    }
    for (const id of await this.openBroadcasts()) touched.add(id)
    // A row that was in flight when its send was cancelled, and did not go out, is cancelled now.
    await this.deps.db.$executeRaw`
      update "BroadcastDelivery" set status = 'CANCELLED' where id in (
        select d.id from "BroadcastDelivery" d join "Broadcast" b on b.id = d."broadcastId"
        where b.status = 'CANCELLED' and d.status = 'PENDING' for update of d skip locked)`
    for (const id of touched) await this.finishIfDone(id)
    await this.refreshCards(touched)
    return report
  }

  private async worker(report: EngineReport, touched: Set<string>): Promise<void> {
    while (!this.stopping) {
      let outcome: { broadcastId: string } | null
      try {
        outcome = await this.deps.db.$transaction((tx) => this.sendOne(tx, report), {
          timeout: 120_000,
          maxWait: 30_000,
        })
      } catch (error) {
        if (error instanceof Throttled) {
          report.throttled += 1
          continue
        }
        this.deps.log.warn({ err: errorSummary(error) }, 'broadcast: a delivery could not be recorded')
        await new Promise((r) => setTimeout(r, 500))
        return
      }
      if (!outcome) return
      touched.add(outcome.broadcastId)
      this.maybeProgress(outcome.broadcastId)
    }
  }

  /**
   * Claims one due row of a running send, with what sending it needs (the person's identities, addresses and
   * opened conversations), sends it and records the result, all in `tx` (see the file comment).
   */
  private async sendOne(tx: Prisma.TransactionClient, report: EngineReport): Promise<{ broadcastId: string } | null> {
    if (this.running.length === 0) return null
    const [row] = await tx.$queryRaw<Claimed[]>`
      select d.id, d."broadcastId", d."personId", d."channelPlatform", d."channelId", d.attempts,
             b."subjectType", b."subjectId", b."partnershipId",
             case when p.id is null then null else json_build_object(
               'id', p.id, 'name', p.name, 'active', p.active, 'roles', p.roles, 'slackUserId', p."slackUserId",
               'teamsAadObjectId', p."teamsAadObjectId", 'teamsUserId', p."teamsUserId",
               'teamsTenantId', pa."teamsTenantId", 'partnershipId', p."partnershipId",
               'addresses', coalesce((select json_agg(json_build_object('platform', a.platform, 'address', a.address)
                   order by a."updatedAt" desc) from "ChannelAddress" a where a."personId" = p.id), '[]'),
               'opened', coalesce((select json_agg(json_build_object('platform', o.platform, 'address', o.address))
                   from "OpenedConversation" o where o."personId" = p.id), '[]')) end as person
      from "BroadcastDelivery" d
        join "Broadcast" b on b.id = d."broadcastId"
        left join "Person" p on p.id = d."personId"
        left join "Partnership" pa on pa.id = p."partnershipId"
      where d."broadcastId" = any(${this.running}) and d.status = 'PENDING' and d."nextAttemptAt" <= ${NOW}
      limit 1
      for update of d skip locked`
    if (!row) return null
    const handler = this.deps.subjects[row.subjectType]
    if (!handler) {
      await this.settle(tx, row, { status: 'FAILED', reason: 'unknown-subject' })
      report.failed += 1
      return { broadcastId: row.broadcastId }
    }
    const build = await this.messageFor(row, handler)
    try {
      const sent = row.personId ? await this.toPerson(tx, row, build) : await this.toChannel(tx, row, build)
      if (sent === 'not-reachable' || sent === 'install-failed') {
        await this.settle(tx, row, {
          status: 'NOT_REACHABLE',
          reason: sent === 'not-reachable' ? 'never-opened' : sent,
        })
        report.notReachable += 1
      } else {
        await tx.$executeRaw`
          update "BroadcastDelivery" set status = 'SENT', platform = ${sent.platform},
            "conversationId" = ${sent.sent.conversationId}, "messageId" = ${sent.sent.messageId},
            "sentAt" = ${this.deps.clock.now()}, attempts = attempts + 1, reason = null
          where id = ${row.id}`
        report.sent += 1
      }
    } catch (error) {
      if (error instanceof Throttled) throw error
      const retryable = !(error instanceof DeliveryError) || error.retryable
      if (retryable && row.attempts + 1 < MAX_ATTEMPTS) {
        const waitMs = (error instanceof DeliveryError && error.retryAfterMs) || 2 ** row.attempts * 1000
        await tx.$executeRaw`
          update "BroadcastDelivery" set attempts = attempts + 1,
            "nextAttemptAt" = ${NOW} + make_interval(secs => ${waitMs / 1000}) where id = ${row.id}`
        report.retried += 1
      } else {
        await this.settle(tx, row, { status: 'FAILED', reason: 'refused' })
        report.failed += 1
      }
      this.deps.log.warn(
        { broadcastId: row.broadcastId, deliveryId: String(row.id), err: describe(error) },
        'broadcast: not delivered',
      )
    }
    return { broadcastId: row.broadcastId }
  }

  private async settle(
    tx: Prisma.TransactionClient,
    row: Claimed,
    outcome: { status: 'FAILED' | 'NOT_REACHABLE'; reason: NotReachableReason | 'unknown-subject' },
  ): Promise<void> {
    // nextAttemptAt doubles as "last tried": a NOT_REACHABLE row is tried again once the person writes later.
    await tx.$executeRaw`
      update "BroadcastDelivery" set status = ${outcome.status}, reason = ${outcome.reason},
        attempts = attempts + 1, "nextAttemptAt" = ${NOW}
      where id = ${row.id}`
  }

  private messageFor(row: Claimed, handler: SubjectHandler): Promise<(r: Recipient) => ProductMessage> {
    let built = this.messages.get(row.broadcastId)
    if (!built) {
      built = handler.message(this.deps.db, row.subjectId)
      built.catch(() => this.messages.delete(row.broadcastId))
      this.messages.set(row.broadcastId, built)
    }
    return built
  }

  /**
   * A 1:1 message on the platform the person used last, then any other that may reach them, then (Teams) an
   * install through Graph. Returns what was sent, or why nobody could be reached.
   */
  private async toPerson(
    tx: Prisma.TransactionClient,
    row: Claimed,
    build: (r: Recipient) => ProductMessage,
  ): Promise<{ platform: string; sent: BroadcastSent } | 'not-reachable' | 'install-failed'> {
    const person = row.person
    if (!person?.active) return 'not-reachable'
    const opened = person.opened
    const message = build({ personId: person.id, roles: person.roles, hasReports: this.managers.has(person.id) })
    const byPlatform = new Map<string, unknown>([
      ...opened.map((o) => [o.platform, o.address] as const),
      ...person.addresses.map((a) => [a.platform, a.address] as const),
    ])
    const ordered = [
      ...new Set([
        ...person.addresses.map((a) => a.platform),
        ...opened.map((o) => o.platform),
        ...this.deps.ports.map((p) => p.platform),
      ]),
    ]
    const target: PersonTarget = {
      personId: person.id,
      name: person.name,
      slackUserId: person.slackUserId,
      teamsAadObjectId: person.teamsAadObjectId,
      teamsUserId: person.teamsUserId,
      teamsTenantId: person.teamsTenantId,
      serviceHints: await this.serviceHints(tx, person.partnershipId),
    }
    for (const platform of ordered) {
      const port = this.deps.ports.find((p) => p.platform === platform)
      const address = byPlatform.get(platform) ?? null
      if (!port?.canReach(target, address)) continue
      try {
        const sent = await this.paced(port, target, address, () => port.sendToPerson(target, address, message))
        if (sent.opened) await this.keepOpened(tx, person.id, platform, sent.opened, 'created')
        return { platform, sent }
      } catch (error) {
        if (!(error instanceof NotReachable)) throw error
      }
    }
    const installer = this.deps.installer
    const port = installer && this.deps.ports.find((p) => p.platform === installer.platform)
    if (!installer || !port) return 'not-reachable'
    let address: Prisma.InputJsonValue
    try {
      address = await installer.install(target)
    } catch (error) {
      if (error instanceof NotReachable) return 'install-failed'
      throw error
    }
    await this.keepOpened(tx, person.id, installer.platform, address, 'graph-installed')
    try {
      const sent = await this.paced(port, target, address, () => port.sendToPerson(target, address, message))
      return { platform: installer.platform, sent }
    } catch (error) {
      if (error instanceof NotReachable) return 'install-failed'
      throw error
    }
  }

  private async keepOpened(
    tx: Prisma.TransactionClient,
    personId: string,
    platform: string,
    address: Prisma.InputJsonValue,
    via: 'created' | 'graph-installed',
  ): Promise<void> {
    const now = this.deps.clock.now()
    await tx.openedConversation.upsert({
      where: { personId_platform: { personId, platform } },
      create: { personId, platform, address, via, createdAt: now },
      update: { address, via },
    })
  }

  private async toChannel(
    tx: Prisma.TransactionClient,
    row: Claimed,
    build: (r: Recipient) => ProductMessage,
  ): Promise<{ platform: string; sent: BroadcastSent } | 'not-reachable'> {
    const channel = await tx.partnershipChannel.findUnique({
      where: {
        partnershipId_purpose_platform: {
          partnershipId: row.partnershipId,
          purpose: row.channelId ?? '',
          platform: row.channelPlatform ?? '',
        },
      },
    })
    const port = this.deps.ports.find((p) => p.platform === row.channelPlatform)
    if (!channel || !port) return 'not-reachable'
    const message = { ...build({ personId: null, roles: [], hasReports: false }), inChannel: true }
    const conversation = conversationOf(channel.address)
    const sent = await this.pacedCall(port.platform, row.partnershipId, conversation, () =>
      port.postToChannel(channel.address, message),
    )
    return { platform: port.platform, sent }
  }

  /** One paced attempt: a 429 pauses everyone and slows the scope, and the row goes back to the queue. */
  private paced<T>(port: BroadcastPort, target: PersonTarget, address: unknown, send: () => Promise<T>): Promise<T> {
    return this.pacedCall(port.platform, port.scopeOf(target), conversationOf(address), send)
  }

  private async pacedCall<T>(platform: string, scope: string, conversation: string | null, send: () => Promise<T>) {
    // Right before the request: a row waiting for its turn holds its lock, but nothing was sent, so a crash
    // now only puts it back; and the platform sees the pace the pacer keeps, without the claim's jitter.
    await this.pacer.take(platform, scope, conversation)
    try {
      return await send()
    } catch (error) {
      if (error instanceof DeliveryError && error.status === 429) {
        this.pacer.throttled(platform, scope, error.retryAfterMs)
        throw new Throttled('throttled')
      }
      throw error
    }
  }

  /** Per partnership, where each platform's service is (someone's 1:1 chat or a channel), kept a minute. */
  private async serviceHints(
    tx: Prisma.TransactionClient,
    partnershipId: string,
  ): Promise<PersonTarget['serviceHints']> {
    const cached = this.hints.get(partnershipId)
    if (cached && Date.now() - cached.at < 60_000) return cached.hints
    const hints = await findServiceHints(tx, partnershipId, ['teams', 'slack'])
    this.hints.set(partnershipId, { at: Date.now(), hints })
    return hints
  }

  /** Someone counted not reachable who has since written to the bot gets the send after all. */
  private async reviveReachable(): Promise<void> {
    await this.deps.db.$executeRaw`
      update "BroadcastDelivery" d set status = 'PENDING' where d.status = 'NOT_REACHABLE'
        and exists (select 1 from "Broadcast" b where b.id = d."broadcastId" and b.status in ('SENDING', 'DONE'))
        and exists (select 1 from "ChannelAddress" a where a."personId" = d."personId" and a."updatedAt" > d."nextAttemptAt")`
    await this.deps.db.$executeRaw`
      update "Broadcast" b set status = 'SENDING' where b.status = 'DONE'
        and exists (select 1 from "BroadcastDelivery" d where d."broadcastId" = b.id and d.status = 'PENDING')`
  }

  /** Scheduled sends whose time has come start now; the one instance that flips each posts its progress card. */
  private async startDue(): Promise<void> {
    const started = await this.deps.db.$queryRaw<{ id: string }[]>`
      update "Broadcast" set status = 'SENDING', "startedAt" = ${this.deps.clock.now()}
      where status = 'SCHEDULED' and "scheduledFor" <= ${this.deps.clock.now()} returning id`
    for (const b of started) await this.postProgressCard(b.id)
  }

  private async openBroadcasts(): Promise<string[]> {
    const rows = await this.deps.db.broadcast.findMany({ where: { status: 'SENDING' }, select: { id: true } })
    return rows.map((r) => r.id)
  }

  /** Marks a send DONE once no row waits, with the subject's own finishing (in the same transaction). */
  private async finishIfDone(broadcastId: string): Promise<void> {
    let finished = false
    await this.deps.db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; subjectType: string; subjectId: string }[]>`
        update "Broadcast" b set status = 'DONE', "finishedAt" = ${this.deps.clock.now()}
        where b.id = ${broadcastId} and b.status = 'SENDING' and not exists (
          select 1 from "BroadcastDelivery" d where d."broadcastId" = b.id and d.status = 'PENDING')
        returning b.id, b."subjectType", b."subjectId"`
      const b = rows[0]
      if (!b) return
      finished = true
      await this.deps.subjects[b.subjectType]?.onFinished?.(tx, { id: b.id, subjectId: b.subjectId, status: 'DONE' })
    })
    if (finished) {
      this.messages.delete(broadcastId)
      this.deps.deliver?.()
    }
  }

  /** The sender's card, now: sends still running at most every few seconds, finished and cancelled ones once. */
  private async refreshCards(touched: Set<string>): Promise<void> {
    const stale = await this.deps.db.broadcast.findMany({
      where: {
        progressRef: { not: Prisma.AnyNull },
        OR: [
          { id: { in: [...touched] } },
          { status: { in: ['DONE', 'CANCELLED'] }, progressAt: null },
          { status: 'CANCELLED', cancelledAt: { not: null } },
        ],
      },
      select: { id: true, status: true, progressAt: true, finishedAt: true, cancelledAt: true },
    })
    for (const b of stale) {
      const endedAt = b.finishedAt ?? b.cancelledAt
      if (!touched.has(b.id) && b.progressAt && endedAt && b.progressAt >= endedAt) continue
      await this.updateProgress(b.id)
    }
  }

  private maybeProgress(broadcastId: string): void {
    const last = this.progressAt.get(broadcastId) ?? 0
    if (Date.now() - last < (this.deps.progressEveryMs ?? 3000) || this.progressRunning.has(broadcastId)) return
    this.progressAt.set(broadcastId, Date.now())
    this.progressRunning.add(broadcastId)
    void this.updateProgress(broadcastId).finally(() => this.progressRunning.delete(broadcastId))
  }

  /** The progress message of a send, from the queue's counts. */
  async progressOf(broadcastId: string): Promise<ProgressMessage | null> {
    const b = await this.deps.db.broadcast.findUnique({ where: { id: broadcastId } })
    if (!b) return null
    const label = await this.deps.subjects[b.subjectType]?.label(this.deps.db, b.subjectId)
    const counts = await this.deps.db.broadcastDelivery.groupBy({
      by: ['status'],
      where: { broadcastId },
      _count: { _all: true },
    })
    const n = (s: string) => counts.find((c) => c.status === s)?._count._all ?? 0
    const pending = n('PENDING')
    const rate = this.pacer.rateOf('teams', 'any')
    return {
      template: 'broadcast.progress',
      broadcastId,
      productId: b.subjectId,
      reference: label?.reference ?? '',
      title: label?.title ?? '',
      status: b.status as BroadcastStatus,
      total: b.total,
      sent: n('SENT'),
      notReachable: n('NOT_REACHABLE'),
      failed: n('FAILED'),
      cancelled: n('CANCELLED'),
      secondsLeft: b.status === 'SENDING' || b.status === 'SCHEDULED' ? Math.ceil(pending / Math.max(1, rate)) : null,
      ...(label?.read !== undefined ? { read: label.read } : {}),
      ...(label?.teamsBriefed !== undefined ? { teamsBriefed: label.teamsBriefed } : {}),
    }
  }

  private async updateProgress(broadcastId: string): Promise<void> {
    try {
      const b = await this.deps.db.broadcast.findUnique({ where: { id: broadcastId }, select: { progressRef: true } })
      const stored = b?.progressRef as { platform?: string; ref?: unknown } | null
      const port = this.deps.ports.find((p) => p.platform === stored?.platform)
      const message = await this.progressOf(broadcastId)
      if (!stored || !port || !message) return
      // The tenant's budget too: the connector counts card updates with the messages.
      await this.pacer.take(
        port.platform,
        port.platform === 'teams' ? this.tenant : 'progress',
        conversationOf(stored.ref),
      )
      await port.update(stored.ref, message)
      await this.deps.db.broadcast.update({ where: { id: broadcastId }, data: { progressAt: this.deps.clock.now() } })
    } catch (error) {
      this.deps.log.warn({ broadcastId, err: describe(error) }, 'broadcast: progress card not updated')
    }
  }

  /** Posts the sender's progress card 1:1 (where they used the app last) and keeps where it is. */
  private async postProgressCard(broadcastId: string): Promise<void> {
    try {
      const b = await this.deps.db.broadcast.findUnique({ where: { id: broadcastId } })
      const message = await this.progressOf(broadcastId)
      if (!b || !message) return
      const person = await this.deps.db.person.findUnique({
        where: { id: b.createdById },
        include: { addresses: { orderBy: { updatedAt: 'desc' } }, partnership: { select: { teamsTenantId: true } } },
      })
      if (!person) return
      const target: PersonTarget = {
        personId: person.id,
        name: person.name,
        slackUserId: person.slackUserId,
        teamsAadObjectId: person.teamsAadObjectId,
        teamsUserId: person.teamsUserId,
        teamsTenantId: person.partnership.teamsTenantId,
        serviceHints: await this.serviceHints(
          this.deps.db as unknown as Prisma.TransactionClient,
          person.partnershipId,
        ),
      }
      for (const a of person.addresses) {
        const port = this.deps.ports.find((p) => p.platform === a.platform)
        if (!port) continue
        try {
          const sent = await this.paced(port, target, a.address, () => port.sendToPerson(target, a.address, message))
          await this.deps.db.broadcast.update({
            where: { id: broadcastId },
            data: { progressRef: { platform: port.platform, ref: sent.ref }, progressAt: this.deps.clock.now() },
          })
          return
        } catch (error) {
          if (!(error instanceof NotReachable)) throw error
        }
      }
    } catch (error) {
      this.deps.log.warn({ broadcastId, err: describe(error) }, 'broadcast: progress card not posted')
    }
  }
}

/** The conversation a platform address is about (a Teams conversation id, a Slack channel), for pacing. */
function conversationOf(address: unknown): string | null {
  const a = address as {
    conversation?: { id?: unknown }
    channelId?: unknown
    channel?: unknown
    userId?: unknown
  } | null
  const id = a?.conversation?.id ?? a?.channel ?? a?.userId ?? a?.channelId
  return typeof id === 'string' ? id : null
}

/** Our own errors say ids and codes; anything else by name and code only. */
function describe(error: unknown): string {
  if (error instanceof DeliveryError) return error.message
  const s = errorSummary(error)
  return s.code ? `${s.name} (${s.code})` : s.name
}
