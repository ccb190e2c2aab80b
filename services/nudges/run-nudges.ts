/**
 * The daily nudge run: for every open milestone, works out who should hear about it today (3 working days
 * before, on the day, every 2 working days after; the owning sub-group's chair when it is 5 working days
 * late), groups everything into one digest per person, and queues it.
 *
 * Exactly once: each digest is claimed by inserting a NudgeRun row keyed (person, day, kind) in the same
 * transaction that queues the message. A second run the same day (another instance, a retry, a restart
 * after a crash) finds the claim and queues nothing; a crash before commit leaves nothing claimed, so the
 * next run sends it. Quiet hours: nothing is queued outside 08:00-19:00 on working days.
 */
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { isUniqueViolation } from '../../lib/db.js'
import { recordAudit } from '../audit-log/index.js'
import { todayIn } from '../calendar/dates.js'
import { enqueue } from '../notifications/outbox.js'
import { ESCALATE_AFTER_WORKING_DAYS, isWithinSendingHours, nudgeFor } from '../reviews/review.rules.js'
import { workingDaysBetween } from '../calendar/working-days.js'
import { findResponsible } from '../reviews/review.repo.js'

type Item = { milestoneId: string; reference: string; label: string; dueDate: string; reason: 'due-soon' | 'due-today' | 'overdue' | 'escalation'; daysLate: number; responsible?: string }
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
    for (const [personId, items] of digests) {
      const claimed = await claimAndQueue(ctx, partnership.id, personId, todayDate, items, now)
      if (claimed) {
        report.people += 1
        report.items += items.length
      } else report.alreadySent += 1
    }
  }
  return report
}

async function claimAndQueue(ctx: ServiceContext, partnershipId: string, personId: string, day: Date, items: Item[], now: Date): Promise<boolean> {
  try {
    await ctx.db.$transaction(async (tx) => {
      const run = await tx.nudgeRun.create({ data: { personId, day, kind: 'milestones', items: items as unknown as Prisma.InputJsonValue } })
      await enqueue(tx, [{ kind: 'person.notice', personId, notice: { template: 'nudge.digest', items } }])
      await recordAudit(tx, {
        partnershipId, actorId: null, action: 'NUDGE_SENT', subjectType: 'person', subjectId: personId,
        after: { nudgeRunId: run.id, items: items.map((i) => ({ milestoneId: i.milestoneId, reason: i.reason })) }, at: now,
      })
    })
    return true
  } catch (error) {
    if (isUniqueViolation(error)) return false
    throw error
  }
}
