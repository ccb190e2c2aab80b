/**
 * `my tasks`: everything waiting for one person, across referrals, reviews and actions, each with the button
 * that takes the next step. Read only, from the actor's partnership; each source is filtered to what this
 * person may act on (the use case behind the button checks again).
 */
import type { ServiceContext } from '../../lib/context.js'
import { formatDate, todayIn } from '../calendar/dates.js'
import { NOTIFICATION_TASKS, type NotificationTaskKey } from '../referrals/incident-notification.schema.js'
import { UNDECIDED } from '../referrals/referral.transitions.js'
import type { Actor } from '../people/people.schema.js'
import { can } from '../people/policy.js'
import { RECOMMENDATIONS } from '../reviews/review.schema.js'
import { surveysWaiting } from '../training/survey.queries.js'
import { listMyAudits } from '../audits/audit.queries.js'

/** Where an item is listed on the card. */
export type TaskGroup = 'referrals' | 'reviews' | 'actions' | 'surveys' | 'audits'

/**
 * A button: the verb it runs (cards/verbs.ts), with its data; `open` loads the verb's form, `submit` runs it,
 * `dialog` opens its dialog (an audit return).
 */
type TaskStep = {
  type: 'open' | 'submit' | 'dialog'
  verb: string
  label: string
  data: Record<string, string>
  positive?: boolean
}

export type MyTask = {
  group: TaskGroup
  /** What is waiting, in words: "Answer the Case Review Group chair's question". */
  what: string
  /** The referral, review or action reference. */
  reference: string
  /** The agency's case reference: only for the people allowed the referral's detail. */
  caseReference?: string
  /** YYYY-MM-DD, or null when nothing sets a date. */
  dueDate: string | null
  isOverdue: boolean
  steps: TaskStep[]
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString().slice(0, 10) : null)

/** Everything waiting for this person, overdue first, then by due date (undated last). */
export async function listMyTasks(ctx: ServiceContext, actor: Actor): Promise<MyTask[]> {
  const partnership = await ctx.db.partnership.findUniqueOrThrow({
    where: { id: actor.partnershipId },
    select: { timeZone: true },
  })
  const today = todayIn(partnership.timeZone, ctx.clock.now())
  const parts = await Promise.all([
    questions(ctx, actor),
    screening(ctx, actor),
    notificationTasks(ctx, actor),
    milestones(ctx, actor),
    perspectives(ctx, actor),
    signOffs(ctx, actor),
    ownedActions(ctx, actor),
    verifying(ctx, actor, today),
    surveys(ctx, actor),
    audits(ctx, actor),
  ])
  const tasks = parts.flat().map((t) => ({ ...t, isOverdue: t.dueDate !== null && t.dueDate < today }))
  return tasks.sort(
    (a, b) =>
      Number(b.isOverdue) - Number(a.isOverdue) ||
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
      a.reference.localeCompare(b.reference),
  )
}

type Draft = Omit<MyTask, 'isOverdue'>

/** The case reference, when this person may see the referral's detail. */
function caseRef(actor: Actor, referral: { referrerId: string; caseReference: string } | null | undefined) {
  if (!referral || !can(actor, 'referral.view-details', { referrerId: referral.referrerId })) return {}
  return { caseReference: referral.caseReference }
}

/** The Case Review Group chair's questions on referrals this person raised, not yet answered. */
async function questions(ctx: ServiceContext, actor: Actor): Promise<Draft[]> {
  const rows = await ctx.db.referralQuestion.findMany({
    where: {
      answer: null,
      referral: { referrerId: actor.personId, partnershipId: actor.partnershipId, status: { in: [...UNDECIDED] } },
    },
    include: { referral: { select: { reference: true, referrerId: true, caseReference: true } } },
    orderBy: { askedAt: 'asc' },
  })
  return rows.map((q) => ({
    group: 'referrals',
    what: "Answer the Case Review Group chair's question",
    reference: q.referral.reference,
    ...caseRef(actor, q.referral),
    dueDate: null,
    steps: [{ type: 'open', verb: 'referral.answer', label: 'Answer', data: { questionId: q.id }, positive: true }],
  }))
}

/** Referrals waiting for the screening decision: the Case Review Group chair's. */
async function screening(ctx: ServiceContext, actor: Actor): Promise<Draft[]> {
  if (!can(actor, 'referral.decide')) return []
  const rows = await ctx.db.referral.findMany({
    where: { partnershipId: actor.partnershipId, status: { in: [...UNDECIDED] } },
    select: { id: true, reference: true, referrerId: true, caseReference: true },
    orderBy: { submittedAt: 'asc' },
  })
  return rows.map((r) => ({
    group: 'referrals',
    what: 'Screen the referral and decide',
    reference: r.reference,
    ...caseRef(actor, r),
    dueDate: null,
    steps: [
      {
        type: 'submit',
        verb: 'referral.refresh',
        label: 'Open the referral',
        data: { referralId: r.id },
        positive: true,
      },
    ],
  }))
}

/** The open tasks of serious incident notifications this person is responsible for (the notification lead). */
async function notificationTasks(ctx: ServiceContext, actor: Actor): Promise<Draft[]> {
  const rows = await ctx.db.notificationTask.findMany({
    where: {
      status: 'OPEN',
      responsiblePersonId: actor.personId,
      notification: { partnershipId: actor.partnershipId },
    },
    include: {
      notification: {
        select: { id: true, reference: true, referral: { select: { referrerId: true, caseReference: true } } },
      },
    },
  })
  return rows.map((t) => ({
    group: 'referrals',
    what: NOTIFICATION_TASKS[t.key as NotificationTaskKey] ?? 'A serious incident notification task',
    reference: t.notification.reference,
    ...caseRef(actor, t.notification.referral),
    dueDate: iso(t.dueDate),
    steps: [
      {
        type: 'submit',
        verb: 'notification.open',
        label: 'Open the notification',
        data: { notificationId: t.notification.id },
        positive: true,
      },
    ],
  }))
}

/** Review milestones this person is responsible for: an agency's information request, a lead reviewer's step. */
async function milestones(ctx: ServiceContext, actor: Actor): Promise<Draft[]> {
  const rows = await ctx.db.milestone.findMany({
    where: { status: 'OPEN', responsiblePersonId: actor.personId, review: { partnershipId: actor.partnershipId } },
    include: { review: { select: { reference: true, referralId: true } } },
  })
  const referrals = await referralsById(
    ctx,
    rows.map((m) => m.review.referralId),
  )
  return rows.map((m) => {
    const base = {
      group: 'reviews' as const,
      reference: m.review.reference,
      ...caseRef(actor, m.review.referralId ? referrals.get(m.review.referralId) : null),
      dueDate: iso(m.dueDate),
    }
    if (m.key.startsWith('agency-information'))
      return {
        ...base,
        what: "Send your agency's chronology summary and immediate learning",
        steps: [
          {
            type: 'open' as const,
            verb: 'review.answer-information',
            label: 'Send the information',
            data: { milestoneId: m.id },
            positive: true,
          },
        ],
      }
    return {
      ...base,
      what: m.label,
      steps: [{ type: 'submit' as const, verb: 'milestone.complete', label: 'Mark done', data: { milestoneId: m.id } }],
    }
  })
}

async function referralsById(ctx: ServiceContext, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))]
  if (!wanted.length) return new Map<string, { referrerId: string; caseReference: string }>()
  const rows = await ctx.db.referral.findMany({
    where: { id: { in: wanted } },
    select: { id: true, referrerId: true, caseReference: true },
  })
  return new Map(rows.map((r) => [r.id, r]))
}

/** Local reviews this person was invited to add their perspective to, and has not yet. */
async function perspectives(ctx: ServiceContext, actor: Actor): Promise<Draft[]> {
  const rows = await ctx.db.reviewContribution.findMany({
    where: { personId: actor.personId, submittedAt: null, review: { partnershipId: actor.partnershipId } },
    include: {
      review: {
        select: {
          id: true,
          reference: true,
          milestones: { where: { key: 'practitioner-event', status: 'OPEN' }, select: { dueDate: true } },
        },
      },
    },
  })
  return rows.map((c) => ({
    group: 'reviews',
    what: 'Add your perspective before the learning event',
    reference: c.review.reference,
    dueDate: iso(c.review.milestones[0]?.dueDate),
    steps: [
      {
        type: 'open',
        verb: 'review.add-perspective',
        label: 'Add my perspective',
        data: { reviewId: c.review.id },
        positive: true,
      },
    ],
  }))
}

/**
 * A safeguarding partner's pending sign-offs: a rapid review awaiting the partners in its current round, which
 * no one has yet signed off for the partner this person acts for.
 */
async function signOffs(ctx: ServiceContext, actor: Actor): Promise<Draft[]> {
  if (!can(actor, 'review.partner-decide') || !actor.partnerFor) return []
  const rows = await ctx.db.review.findMany({
    where: {
      partnershipId: actor.partnershipId,
      typeKey: 'rapid-review',
      status: 'AWAITING_APPROVAL',
      signOffRound: { gt: 0 },
    },
    include: { signOffs: { select: { round: true, partnerFor: true } } },
    orderBy: { outcomeAt: 'asc' },
  })
  const pending = rows.filter(
    (r) => !r.signOffs.some((s) => s.round === r.signOffRound && s.partnerFor === actor.partnerFor),
  )
  const referrals = await referralsById(
    ctx,
    pending.map((r) => r.referralId),
  )
  return pending.map((r) => {
    const key = (r.outcome as { recommendation?: string } | null)?.recommendation
    const recommendation = key && key in RECOMMENDATIONS ? RECOMMENDATIONS[key as keyof typeof RECOMMENDATIONS] : null
    const data = { reviewId: r.id, round: String(r.signOffRound) }
    return {
      group: 'reviews' as const,
      what: `Sign off the rapid review's recommendation${recommendation ? `: ${recommendation}` : ''}`,
      reference: r.reference,
      ...caseRef(actor, r.referralId ? referrals.get(r.referralId) : null),
      dueDate: null,
      steps: [
        {
          type: 'submit' as const,
          verb: 'review.approve',
          label: 'Agree',
          data: { ...data, decision: 'agree' },
          positive: true,
        },
        { type: 'open' as const, verb: 'review.send-back', label: 'Send back', data },
      ],
    }
  })
}

/** Actions this person owns that wait for them: to accept, or in progress (overdue ones first on the card). */
async function ownedActions(ctx: ServiceContext, actor: Actor): Promise<Draft[]> {
  const rows = await ctx.db.action.findMany({
    where: { partnershipId: actor.partnershipId, ownerId: actor.personId, status: { in: ['PROPOSED', 'OPEN'] } },
    select: { id: true, reference: true, what: true, status: true, dueDate: true },
    orderBy: [{ dueDate: 'asc' }, { reference: 'asc' }],
  })
  return rows.map((a) => {
    const data = { actionId: a.id }
    const what = a.what.length > 140 ? `${a.what.slice(0, 139)}\u2026` : a.what
    if (a.status === 'PROPOSED')
      return {
        group: 'actions' as const,
        what: `Accept the action: ${what}`,
        reference: a.reference,
        dueDate: iso(a.dueDate),
        steps: [
          { type: 'submit' as const, verb: 'action.accept', label: 'Accept', data, positive: true },
          { type: 'open' as const, verb: 'action.hand-back', label: 'It belongs to someone else', data },
        ],
      }
    return {
      group: 'actions' as const,
      what,
      reference: a.reference,
      dueDate: iso(a.dueDate),
      steps: [
        { type: 'open' as const, verb: 'action.progress', label: 'Update', data },
        { type: 'open' as const, verb: 'action.complete', label: 'Mark complete', data, positive: true },
        { type: 'open' as const, verb: 'action.propose-date', label: 'Ask for more time', data },
      ],
    }
  })
}

/**
 * The verifying chair's part: completed actions to verify, new dates to decide, and impact checks now due, for
 * the sub-groups this person chairs.
 */
async function verifying(ctx: ServiceContext, actor: Actor, today: string): Promise<Draft[]> {
  if (!actor.chairs.length) return []
  const rows = await ctx.db.action.findMany({
    where: {
      partnershipId: actor.partnershipId,
      verifyingSubGroupKey: { in: actor.chairs },
      OR: [
        { status: { in: ['AWAITING_VERIFICATION', 'DATE_CHANGE_REQUESTED'] } },
        { status: 'VERIFIED', impactCheckDue: { lte: new Date(`${today}T00:00:00Z`) } },
      ],
    },
    select: {
      id: true,
      reference: true,
      what: true,
      status: true,
      dueDate: true,
      proposedDueDate: true,
      impactCheckDue: true,
      verifyingSubGroupKey: true,
    },
    orderBy: [{ dueDate: 'asc' }, { reference: 'asc' }],
  })
  return rows
    .filter((a) => can(actor, 'action.verify', { subGroupKey: a.verifyingSubGroupKey }))
    .map((a) => {
      const data = { actionId: a.id }
      const what = a.what.length > 120 ? `${a.what.slice(0, 119)}\u2026` : a.what
      const base = { group: 'actions' as const, reference: a.reference }
      if (a.status === 'AWAITING_VERIFICATION')
        return {
          ...base,
          what: `Verify that it is done: ${what}`,
          dueDate: null,
          steps: [
            { type: 'submit' as const, verb: 'action.verify', label: 'Accept as done', data, positive: true },
            { type: 'open' as const, verb: 'action.send-back', label: 'Send back', data },
          ],
        }
      if (a.status === 'DATE_CHANGE_REQUESTED')
        return {
          ...base,
          what: `Decide a new date${a.proposedDueDate ? ` (${formatDate(iso(a.proposedDueDate)!)})` : ''}: ${what}`,
          dueDate: iso(a.dueDate),
          steps: [
            { type: 'submit' as const, verb: 'action.approve-date', label: 'Agree the new date', data, positive: true },
            { type: 'submit' as const, verb: 'action.reject-date', label: 'Keep the date', data },
          ],
        }
      return {
        ...base,
        what: `Record whether the measure of success was met: ${what}`,
        dueDate: iso(a.impactCheckDue),
        steps: [{ type: 'open' as const, verb: 'action.impact', label: 'Record impact', data, positive: true }],
      }
    })
}

/** Surveys sent to this person and not yet answered (training stages, a line manager's card, audience surveys). */
async function surveys(ctx: ServiceContext, actor: Actor): Promise<Omit<MyTask, 'isOverdue'>[]> {
  return (await surveysWaiting(ctx, actor)).map((s) => ({
    group: 'surveys' as const,
    what: s.what,
    reference: s.reference,
    dueDate: s.dueDate,
    steps: [{ type: 'open' as const, verb: 'survey.answer', label: 'Answer the survey', data: s.data, positive: true }],
  }))
}

/** Audit returns to complete, sign off, respond to or moderate (services/audits `my audits`). */
async function audits(ctx: ServiceContext, actor: Actor): Promise<Draft[]> {
  const WHAT = {
    complete: 'Complete the audit return',
    'sign-off': 'Sign off the audit return',
    respond: 'Respond to the challenge to your audit return',
    moderate: 'Moderate the audit return',
    reopen: 'Reopen the audit return',
    view: 'Read the audit return',
  } as const
  return (await listMyAudits(ctx, actor)).map((r) => ({
    group: 'audits',
    what: `${WHAT[r.next]}: ${r.caseLabel ? `${r.caseLabel}, ` : ''}${r.participant}`,
    reference: r.auditReference,
    dueDate: r.next === 'complete' ? r.deadline : null,
    steps: [
      r.next === 'complete'
        ? {
            type: 'dialog',
            verb: 'audit.return',
            label: 'Continue the return',
            data: { returnId: r.id },
            positive: true,
          }
        : {
            type: 'submit',
            verb: 'audit.view-return',
            label: 'Open the return',
            data: { returnId: r.id },
            positive: true,
          },
    ],
  }))
}
