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
import { plainTransaction } from '../../lib/db.js'
import { recordAudits } from '../audit-log/index.js'
import { addDays, todayIn } from '../calendar/dates.js'
import { ESCALATE_AFTER_WORKING_DAYS, isWithinSendingHours, nudgeFor } from '../reviews/review.rules.js'
import { workingDaysBetween } from '../calendar/working-days.js'
import { NOTIFICATION_TASKS, type NotificationTaskKey } from '../referrals/incident-notification.schema.js'
import { collectReadingReminders } from '../learning/index.js'
import {
  type Chair,
  claimAndQueueDigests,
  readChairs,
  readImpactChecksDue,
  readLiveActions,
  readNames,
  type ImpactCheckDue,
  type LiveAction,
} from './nudges.repo.js'
import { collectAuditItems } from '../audits/audit-nudges.js'

type Item = {
  milestoneId?: string
  actionId?: string
  productId?: string
  returnId?: string
  reference: string
  label: string
  dueDate: string
  reason: 'due-soon' | 'due-today' | 'overdue' | 'escalation' | 'impact-due' | 'not-read'
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
    // Every read at once: they are independent, and the pool runs them side by side.
    const [milestones, tasks, chairOf, names, live, impact] = await Promise.all([
      ctx.db.milestone.findMany({
        where: { status: 'OPEN', review: { partnershipId: partnership.id } },
        include: { review: true },
        orderBy: [{ dueDate: 'asc' }, { key: 'asc' }],
      }),
      ctx.db.notificationTask.findMany({
        where: { status: 'OPEN', notification: { partnershipId: partnership.id } },
        include: { notification: { select: { reference: true } } },
        orderBy: [{ dueDate: 'asc' }, { key: 'asc' }],
      }),
      readChairs(ctx.db, partnership.id),
      readNames(ctx.db, partnership.id),
      readLiveActions(ctx.db, partnership.id, addDays(today, 7)),
      readImpactChecksDue(ctx.db, partnership.id, today),
    ])
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
        const chair = chairOf(type?.owningSubGroupKey ?? 'case-review')
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
    const caseReviewChair = chairOf('case-review')
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
    const escalations = collectActionItems({ live, impact }, today, add, names, chairOf)
    // Learning products unread 5 working days after sending: one reminder each (services/learning/reminders.ts).
    for (const [personId, items] of await collectReadingReminders(ctx.db, partnership.id, today))
      for (const item of items) add(personId, item)
    await collectAuditItems(ctx, partnership.id, today, add, names)
    const rank: Record<Item['reason'], number> = {
      overdue: 0,
      escalation: 1,
      'due-today': 2,
      'impact-due': 3,
      'due-soon': 4,
      'not-read': 5,
    }
    for (const items of digests.values())
      items.sort(
        (x, y) => rank[x.reason] - rank[y.reason] || (x.dueDate < y.dueDate ? -1 : x.dueDate > y.dueDate ? 1 : 0),
      )
    // Batches of at most CLAIM_BATCH people or CLAIM_ITEMS items, heaviest people first: a chair with thousands
    // of escalations is claimed alone and early, while the other claims go on beside it.
    const people = [...digests.keys()].sort((x, y) => digests.get(y)!.length - digests.get(x)!.length)
    const batches: { personId: string; items: Item[] }[][] = []
    let current: { personId: string; items: Item[] }[] = []
    let weight = 0
    for (const personId of people) {
      const items = digests.get(personId)!
      if (current.length > 0 && (current.length >= CLAIM_BATCH || weight + items.length > CLAIM_ITEMS)) {
        batches.push(current)
        current = []
        weight = 0
      }
      current.push({ personId, items })
      weight += items.length
    }
    if (current.length > 0) batches.push(current)
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
function collectActionItems(
  reads: { live: LiveAction[]; impact: ImpactCheckDue[] },
  today: string,
  add: (personId: string, item: Item) => void,
  names: Map<string, string>,
  chairOf: (subGroupKey: string) => Chair | null,
): Escalation[] {
  // WT2023: the partners are accountable, so the last escalation goes to the partnership chair (an old
  // "independent chair" decides nothing and is not told).
  const partnershipChair = chairOf('executive')
  const { live, impact } = reads
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
    const chair = chairOf(a.verifyingSubGroupKey)
    if (late >= 10 && !a.levels.includes(10) && chair) {
      add(chair.id, { ...base, reason: 'escalation', daysLate: late, responsible: names.get(a.ownerId) })
      escalations.push({ actionId: a.id, level: 10, personId: chair.id })
    }
    if (late >= 20 && !a.levels.includes(20) && partnershipChair) {
      add(partnershipChair.id, { ...base, reason: 'escalation', daysLate: late, responsible: names.get(a.ownerId) })
      escalations.push({ actionId: a.id, level: 20, personId: partnershipChair.id })
    }
  }
  for (const a of impact) {
    const chair = chairOf(a.verifyingSubGroupKey)
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
const CLAIM_ITEMS = 20_000
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
  // On a plain connection: a batch's statement carries megabytes of digests, too much for Prisma's query compiler.
  return plainTransaction(
    ctx.db,
    async (tx) => {
      // The record of what was nudged and why, and the message (with the wording, the most pressing items
      // first and the rest counted as "and N more"), for exactly the people this run claims.
      const claimed = await claimAndQueueDigests(
        tx,
        day.toISOString().slice(0, 10),
        now,
        batch.map((b) => ({
          personId: b.personId,
          // An action's escalation is recorded in ActionEscalation (with the person and the time): the run's
          // record lists everything else, so a chair with thousands of escalations does not write them twice.
          items: b.items
            .filter((i) => !(i.reason === 'escalation' && i.actionId))
            .map((i) => ({ id: i.actionId ?? i.milestoneId ?? i.productId ?? i.returnId, reason: i.reason })),
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
      const events = []
      for (let i = 0; i < ids.length; i += AUDIT_PEOPLE)
        events.push({
          partnershipId,
          actorId: null,
          action: 'NUDGE_SENT' as const,
          subjectType: 'nudge-run' as const,
          subjectId: day.toISOString().slice(0, 10),
          after: {
            people: ids.slice(i, i + AUDIT_PEOPLE),
            ...(i === 0 ? { escalations: claimed.escalations } : {}),
          },
          at: now,
        })
      await recordAudits(tx, events)
      return ids
    },
    { timeoutMs: 60_000 },
  )
}
