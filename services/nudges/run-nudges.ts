/**
 * The daily nudge run: for every open milestone, works out who should hear about it today (3 working days
 * before, on the day, every 2 working days after; the owning sub-group's chair when it is 5 working days
 * late); the open tasks of serious incident notifications the same way (the notification lead, and the Case
 * Review Group's chair when 5 working days late); for actions, see collectActionItems. Everything is grouped into
 * one digest per person per day.
 *
 * Exactly once: each digest is claimed by inserting a NudgeRun row keyed (person, day, kind) in the same
 * transaction that queues the message. A second run the same day (another instance, a retry, a restart
 * after a crash) finds the claim and queues nothing; a crash before commit leaves nothing claimed, so the
 * next run sends it. Quiet hours: nothing is queued outside 08:00-19:00 on working days.
 */
import type { ServiceContext } from '../../lib/context.js'
import { recordAudit } from '../audit-log/index.js'
import { addDays, todayIn } from '../calendar/dates.js'
import { ESCALATE_AFTER_WORKING_DAYS, isWithinSendingHours, nudgeFor } from '../reviews/review.rules.js'
import { workingDaysBetween } from '../calendar/working-days.js'
import { NOTIFICATION_TASKS, type NotificationTaskKey } from '../referrals/incident-notification.schema.js'
import { findResponsible } from '../reviews/review.repo.js'
import { claimAndQueueDigests, readImpactChecksDue, readLiveActions, readNames } from './nudges.repo.js'
import { collectAuditItems } from '../audits/audit-nudges.js'

type Item = {
  milestoneId?: string
  actionId?: string
  returnId?: string
  reference: string
  label: string
  dueDate: string
  reason: 'due-soon' | 'due-today' | 'overdue' | 'escalation' | 'impact-due'
  daysLate: number
  responsible?: string
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
    const names = await readNames(ctx.db, partnership.id)
    const digests = new Map<string, Item[]>()
    const add = (personId: string, item: Item) => {
      const list = digests.get(personId)
      if (list) list.push(item)
      else digests.set(personId, [item])
    }
    for (const m of milestones) {
      const due = m.dueDate.toISOString().slice(0, 10)
      const base = { milestoneId: m.id, reference: m.review.reference, label: m.label, dueDate: due }
      const nudge = nudgeFor(due, today)
      // Snoozing quiets the person's own reminders; the chair still hears when it is late.
      const isSnoozed = m.snoozedUntil !== null && m.snoozedUntil > todayDate
      if (nudge && m.responsiblePersonId && !isSnoozed) add(m.responsiblePersonId, { ...base, ...nudge })
      if (workingDaysBetween(due, today) === ESCALATE_AFTER_WORKING_DAYS) {
        const type = await ctx.db.reviewType.findUnique({
          where: { partnershipId_key: { partnershipId: partnership.id, key: m.review.typeKey } },
        })
        const chair = who.chairOf(type?.owningSubGroupKey ?? 'case-review')
        if (chair && chair.id !== m.responsiblePersonId) {
          add(chair.id, {
            ...base,
            reason: 'escalation',
            daysLate: ESCALATE_AFTER_WORKING_DAYS,
            responsible: m.responsiblePersonId ? names.get(m.responsiblePersonId) : 'nobody assigned',
          })
        }
      }
    }
    // Serious incident notification tasks: statutory deadlines, nudged like milestones. The snooze button
    // carries the task's id in `milestoneId` (snoozeMilestone finds either).
    const tasks = await ctx.db.notificationTask.findMany({
      where: { status: 'OPEN', notification: { partnershipId: partnership.id } },
      include: { notification: { select: { reference: true } } },
      orderBy: [{ dueDate: 'asc' }, { key: 'asc' }],
    })
    const caseReviewChair = who.chairOf('case-review')
    for (const t of tasks) {
      const due = t.dueDate.toISOString().slice(0, 10)
      const label = NOTIFICATION_TASKS[t.key as NotificationTaskKey] ?? t.key
      const base = { milestoneId: t.id, reference: t.notification.reference, label, dueDate: due }
      const nudge = nudgeFor(due, today)
      const isSnoozed = t.snoozedUntil !== null && t.snoozedUntil > todayDate
      if (nudge && t.responsiblePersonId && !isSnoozed) add(t.responsiblePersonId, { ...base, ...nudge })
      if (
        workingDaysBetween(due, today) === ESCALATE_AFTER_WORKING_DAYS &&
        caseReviewChair &&
        caseReviewChair.id !== t.responsiblePersonId
      )
        add(caseReviewChair.id, {
          ...base,
          reason: 'escalation',
          daysLate: ESCALATE_AFTER_WORKING_DAYS,
          responsible: t.responsiblePersonId ? names.get(t.responsiblePersonId) : 'nobody assigned',
        })
    }
    const escalations = await collectActionItems(ctx, partnership.id, today, add, names, who)
    await collectAuditItems(ctx, partnership.id, today, add, names)
    const rank: Record<Item['reason'], number> = {
      overdue: 0,
      escalation: 1,
      'due-today': 2,
      'impact-due': 3,
      'due-soon': 4,
    }
    for (const items of digests.values())
      items.sort(
        (x, y) => rank[x.reason] - rank[y.reason] || (x.dueDate < y.dueDate ? -1 : x.dueDate > y.dueDate ? 1 : 0),
      )
    const people = [...digests.keys()]
    const batches: { personId: string; items: Item[] }[][] = []
    for (let i = 0; i < people.length; i += CLAIM_BATCH)
      batches.push(people.slice(i, i + CLAIM_BATCH).map((personId) => ({ personId, items: digests.get(personId)! })))
    // A few batches at once: one builds its statement while another's runs in the database. They claim
    // different people, and meet only at the audit chain's head, which orders their events.
    const claimNext = async (): Promise<void> => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        const claimed = await claimAndQueue(ctx, partnership.id, todayDate, batch, now, escalations)
        report.people += claimed.length
        report.items += claimed.reduce((n, personId) => n + digests.get(personId)!.length, 0)
        report.alreadySent += batch.length - claimed.length
      }
    }
    await Promise.all(Array.from({ length: CLAIMS_AT_ONCE }, claimNext))
  }
  return report
}

/**
 * Actions: owners hear about theirs due within 7 days, due today and overdue, every working day; the
 * verifying chair is told once at 10 working days overdue, and at 20 the partnership chair (the safeguarding
 * partner who chairs the Executive) is told and the action joins the escalation list; verified actions whose
 * impact check is due go to the verifying chair.
 */
async function collectActionItems(
  ctx: ServiceContext,
  partnershipId: string,
  today: string,
  add: (personId: string, item: Item) => void,
  names: Map<string, string>,
  who: Awaited<ReturnType<typeof findResponsible>>,
): Promise<Escalation[]> {
  // WT2023: the partners are accountable, so the last escalation goes to the partnership chair (an old
  // "independent chair" decides nothing and is not told).
  const partnershipChair = who.chairOf('executive')
  // One read of just what the digest needs, with the escalation levels already recorded: the owners' lists
  // can run to 100,000 rows, where loading full records (and their relations) would dominate the run.
  const live = await readLiveActions(ctx.db, partnershipId, addDays(today, 7))
  const escalations: Escalation[] = []
  const lateBy = new Map<string, number>()
  for (const a of live) {
    const due = a.due
    // Working days late, counted once per due date rather than once per action.
    if (!lateBy.has(due)) lateBy.set(due, due < today ? workingDaysBetween(due, today) : 0)
    const late = lateBy.get(due)!
    const base = { actionId: a.id, reference: a.reference, label: a.what, dueDate: due }
    add(a.ownerId, {
      ...base,
      reason: due === today ? 'due-today' : due < today ? 'overdue' : 'due-soon',
      daysLate: late,
    })
    const chair = who.chairOf(a.verifyingSubGroupKey)
    if (late >= 10 && !a.levels.includes(10) && chair) {
      add(chair.id, { ...base, reason: 'escalation', daysLate: late, responsible: names.get(a.ownerId) })
      escalations.push({ actionId: a.id, level: 10, personId: chair.id })
    }
    if (late >= 20 && !a.levels.includes(20) && partnershipChair) {
      add(partnershipChair.id, { ...base, reason: 'escalation', daysLate: late, responsible: names.get(a.ownerId) })
      escalations.push({ actionId: a.id, level: 20, personId: partnershipChair.id })
    }
  }
  const impact = await readImpactChecksDue(ctx.db, partnershipId, today)
  for (const a of impact) {
    const chair = who.chairOf(a.verifyingSubGroupKey)
    if (chair)
      add(chair.id, {
        actionId: a.id,
        reference: a.reference,
        label: a.what.slice(0, 140),
        dueDate: a.impactCheckDue,
        reason: 'impact-due',
        daysLate: 0,
      })
  }
  return escalations
}

/** Digests are claimed a batch of people per transaction, CLAIMS_AT_ONCE transactions at a time. */
const CLAIM_BATCH = 1000
const CLAIMS_AT_ONCE = 2
/** A NUDGE_SENT event lists at most 200 people: a batch records one event per 200 people it claimed. */
const AUDIT_PEOPLE = 200
/** Items carried in one digest message (most pressing first); the card shows fewer still. */
const DIGEST_ITEMS_KEPT = 50

/**
 * Claims the day's digest for each person in the batch (ON CONFLICT DO NOTHING on (person, day, kind)) and
 * queues a message for exactly the people it claimed, with their escalations, in one transaction. A
 * concurrent run waits on the same unique keys and claims nobody twice. Returns the people claimed.
 */
async function claimAndQueue(
  ctx: ServiceContext,
  partnershipId: string,
  day: Date,
  batch: { personId: string; items: Item[] }[],
  now: Date,
  escalations: Escalation[],
): Promise<string[]> {
  const mine = new Set(batch.map((b) => b.personId))
  return ctx.db.$transaction(
    async (tx) => {
      // The record of what was nudged and why, and the message (with the wording, the most pressing items
      // first and the rest counted as "and N more"), for exactly the people this run claims.
      const claimed = await claimAndQueueDigests(
        tx,
        day.toISOString().slice(0, 10),
        now,
        batch.map((b) => ({
          personId: b.personId,
          items: b.items.map((i) => ({ id: i.actionId ?? i.milestoneId ?? i.returnId, reason: i.reason })),
          payload: {
            kind: 'person.notice' as const,
            personId: b.personId,
            notice: {
              template: 'nudge.digest' as const,
              items: b.items.slice(0, DIGEST_ITEMS_KEPT),
              ...(b.items.length > DIGEST_ITEMS_KEPT ? { more: b.items.length - DIGEST_ITEMS_KEPT } : {}),
            },
          },
        })),
        escalations.filter((e) => mine.has(e.personId)),
      )
      const ids = claimed.people
      if (ids.length === 0) return []
      // Tokens only: the people claimed (at most AUDIT_PEOPLE ids an event) and, on the batch's first event, how
      // many escalations it recorded; which actions escalated, and to whom, is in ActionEscalation.
      for (let i = 0; i < ids.length; i += AUDIT_PEOPLE)
        await recordAudit(tx, {
          partnershipId,
          actorId: null,
          action: 'NUDGE_SENT',
          subjectType: 'nudge-run',
          subjectId: day.toISOString().slice(0, 10),
          after: {
            people: ids.slice(i, i + AUDIT_PEOPLE),
            ...(i === 0 ? { escalations: claimed.escalations } : {}),
          },
          at: now,
        })
      return ids
    },
    { timeout: 60_000 },
  )
}
