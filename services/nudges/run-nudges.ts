/**
 * The daily nudge run: for every open milestone, works out who should hear about it today (3 working days
 * before, on the day, every 2 working days after; the owning sub-group's chair when it is 5 working days
 * late); for actions, see collectActionItems. Everything is grouped into one digest per person per day.
 *
 * Exactly once: each digest is claimed by inserting a NudgeRun row keyed (person, day, kind) in the same
 * transaction that queues the message. A second run the same day (another instance, a retry, a restart
 * after a crash) finds the claim and queues nothing; a crash before commit leaves nothing claimed, so the
 * next run sends it. Quiet hours: nothing is queued outside 08:00-19:00 on working days.
 */
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { recordAudit } from '../audit-log/index.js'
import { addDays, todayIn } from '../calendar/dates.js'
import { enqueue } from '../notifications/outbox.js'
import { ESCALATE_AFTER_WORKING_DAYS, isWithinSendingHours, nudgeFor } from '../reviews/review.rules.js'
import { workingDaysBetween } from '../calendar/working-days.js'
import { findResponsible } from '../reviews/review.repo.js'

type Item = {
  milestoneId?: string; actionId?: string; reference: string; label: string; dueDate: string
  reason: 'due-soon' | 'due-today' | 'overdue' | 'escalation' | 'impact-due'; daysLate: number; responsible?: string
}
type Escalation = { actionId: string; level: 10 | 20; personId: string }
export type NudgeRunReport = { skipped?: 'quiet-hours'; people: number; items: number; alreadySent: number }

export async function runNudges(ctx: ServiceContext): Promise<NudgeRunReport> {
  const now = ctx.clock.now()
  const report: NudgeRunReport = { people: 0, items: 0, alreadySent: 0 }
  for (const partnership of await ctx.db.partnership.findMany()) {
    if (!isWithinSendingHours(now, partnership.timeZone)) return { ...report, skipped: 'quiet-hours' }
    const today = todayIn(partnership.timeZone, now)
    const todayDate = new Date(`${today}T00:00:00Z`)
    const milestones = await ctx.db.milestone.findMany({
      where: { status: 'OPEN', review: { partnershipId: partnership.id } },
      include: { review: true },
      orderBy: [{ dueDate: 'asc' }, { key: 'asc' }],
    })
    const who = await findResponsible(ctx.db, partnership.id)
    const names = new Map((await ctx.db.person.findMany({ where: { partnershipId: partnership.id }, select: { id: true, name: true } })).map((p) => [p.id, p.name]))
    const digests = new Map<string, Item[]>()
    const add = (personId: string, item: Item) => digests.set(personId, [...(digests.get(personId) ?? []), item])
    for (const m of milestones) {
      const due = m.dueDate.toISOString().slice(0, 10)
      const base = { milestoneId: m.id, reference: m.review.reference, label: m.label, dueDate: due }
      const nudge = nudgeFor(due, today)
      // Snoozing quiets the person's own reminders; the chair still hears when it is late.
      const isSnoozed = m.snoozedUntil !== null && m.snoozedUntil > todayDate
      if (nudge && m.responsiblePersonId && !isSnoozed) add(m.responsiblePersonId, { ...base, ...nudge })
      if (workingDaysBetween(due, today) === ESCALATE_AFTER_WORKING_DAYS) {
        const type = await ctx.db.reviewType.findUnique({ where: { partnershipId_key: { partnershipId: partnership.id, key: m.review.typeKey } } })
        const chair = who.chairOf(type?.owningSubGroupKey ?? 'case-review')
        if (chair && chair.id !== m.responsiblePersonId) {
          add(chair.id, { ...base, reason: 'escalation', daysLate: ESCALATE_AFTER_WORKING_DAYS, responsible: m.responsiblePersonId ? names.get(m.responsiblePersonId) : 'nobody assigned' })
        }
      }
    }
    const escalations = await collectActionItems(ctx, partnership.id, today, add, names)
    const people = [...digests.keys()]
    for (let i = 0; i < people.length; i += CLAIM_BATCH) {
      const batch = people.slice(i, i + CLAIM_BATCH).map((personId) => ({ personId, items: digests.get(personId)! }))
      const claimed = await claimAndQueue(ctx, partnership.id, todayDate, batch, now, escalations)
      report.people += claimed.length
      report.items += claimed.reduce((n, personId) => n + digests.get(personId)!.length, 0)
      report.alreadySent += batch.length - claimed.length
    }
  }
  return report
}

/**
 * Actions: owners hear about theirs due within 7 days, due today and overdue, every working day; the
 * verifying chair is told once at 10 working days overdue, and at 20 the action joins the independent
 * chair's escalation list; verified actions whose impact check is due go to the verifying chair.
 */
async function collectActionItems(
  ctx: ServiceContext, partnershipId: string, today: string, add: (personId: string, item: Item) => void, names: Map<string, string>,
): Promise<Escalation[]> {
  const who = await findResponsible(ctx.db, partnershipId)
  const independentChair = who.withRole('independent-chair')
  const horizon = new Date(`${addDays(today, 7)}T00:00:00Z`)
  const todayDate = new Date(`${today}T00:00:00Z`)
  const live = await ctx.db.action.findMany({
    where: { partnershipId, status: { in: ['PROPOSED', 'OPEN', 'DATE_CHANGE_REQUESTED'] }, dueDate: { lte: horizon } },
    include: { escalations: { select: { level: true } } },
    orderBy: { dueDate: 'asc' },
  })
  const escalations: Escalation[] = []
  for (const a of live) {
    const due = a.dueDate.toISOString().slice(0, 10)
    const late = due < today ? workingDaysBetween(due, today) : 0
    const base = { actionId: a.id, reference: a.reference, label: a.what.slice(0, 140), dueDate: due }
    add(a.ownerId, { ...base, reason: due === today ? 'due-today' : due < today ? 'overdue' : 'due-soon', daysLate: late })
    const levels = new Set(a.escalations.map((e) => e.level))
    const chair = who.chairOf(a.verifyingSubGroupKey)
    if (late >= 10 && !levels.has(10) && chair) {
      add(chair.id, { ...base, reason: 'escalation', daysLate: late, responsible: names.get(a.ownerId) })
      escalations.push({ actionId: a.id, level: 10, personId: chair.id })
    }
    if (late >= 20 && !levels.has(20) && independentChair) {
      add(independentChair.id, { ...base, reason: 'escalation', daysLate: late, responsible: names.get(a.ownerId) })
      escalations.push({ actionId: a.id, level: 20, personId: independentChair.id })
    }
  }
  const impact = await ctx.db.action.findMany({ where: { partnershipId, status: 'VERIFIED', impactCheckDue: { lte: todayDate } }, orderBy: { impactCheckDue: 'asc' } })
  for (const a of impact) {
    const chair = who.chairOf(a.verifyingSubGroupKey)
    if (chair) add(chair.id, { actionId: a.id, reference: a.reference, label: a.what.slice(0, 140), dueDate: a.impactCheckDue!.toISOString().slice(0, 10), reason: 'impact-due', daysLate: 0 })
  }
  return escalations
}

/** Digests are claimed a batch of people per transaction. */
const CLAIM_BATCH = 200

/**
 * Claims the day's digest for each person in the batch (ON CONFLICT DO NOTHING on (person, day, kind)) and
 * queues a message for exactly the people it claimed, with their escalations, in one transaction. A
 * concurrent run waits on the same unique keys and claims nobody twice. Returns the people claimed.
 */
async function claimAndQueue(
  ctx: ServiceContext, partnershipId: string, day: Date, batch: { personId: string; items: Item[] }[], now: Date, escalations: Escalation[],
): Promise<string[]> {
  return ctx.db.$transaction(async (tx) => {
    const claimed = await tx.nudgeRun.createManyAndReturn({
      // The record of what was nudged and why; the message itself (with the wording) is in the outbox.
      data: batch.map((b) => ({ personId: b.personId, day, kind: 'daily', items: b.items.map((i) => ({ id: i.actionId ?? i.milestoneId, reason: i.reason })) as Prisma.InputJsonValue })),
      skipDuplicates: true,
      select: { personId: true },
    })
    const ids = new Set(claimed.map((c) => c.personId))
    if (ids.size === 0) return []
    const mine = escalations.filter((e) => ids.has(e.personId))
    // One row per (action, level), so a level is recorded once however many runs see it.
    const escalated = mine.length
      ? await tx.actionEscalation.createMany({ data: mine.map((e) => ({ actionId: e.actionId, level: e.level, personId: e.personId, at: now })), skipDuplicates: true })
      : { count: 0 }
    await enqueue(tx, batch.filter((b) => ids.has(b.personId)).map((b) => ({ kind: 'person.notice' as const, personId: b.personId, notice: { template: 'nudge.digest' as const, items: b.items } })))
    await recordAudit(tx, {
      partnershipId, actorId: null, action: 'NUDGE_SENT', subjectType: 'nudge-run', subjectId: day.toISOString().slice(0, 10),
      after: { people: [...ids], escalations: escalated.count ? mine.map((e) => ({ actionId: e.actionId, level: e.level })) : [] }, at: now,
    })
    return [...ids]
  }, { timeout: 60_000 })
}
