/**
 * What cards show about a referral. Need to know: the channel card shows only what the channel needs (reference,
 * status, agencies, age band, clocks); everything else (the case details, the criteria, where it happened, the
 * questions and answers, the rationale, the notification's reasons) is case detail, for the people deciding and
 * the referrer only. `withoutCaseDetail` removes it, and queries hand it only to those allowed to see it.
 *
 * The clocks come from one place: the notification's stored tasks (statutory timescales) and, for a rapid
 * review, its stored milestones once it has started, or the same planning code before it starts.
 */
import type { Db } from '../../lib/db.js'
import { todayIn } from '../calendar/dates.js'
import { listChairs, namesOf } from '../people/people.repo.js'
import { REVIEW_STATUSES } from '../reviews/review.schema.js'
import { initialReviewStatus } from '../reviews/review.transitions.js'
import { reviewStatusLabel } from '../reviews/review-status-label.js'
import { previewTimelineDates } from '../reviews/review-timeline.js'
import { findNotificationByReferral } from './incident-notification.repo.js'
import type { NotificationView } from './incident-notification.schema.js'
import { notificationViewOf } from './incident-notification.view.js'
import { findReferralById, findReferralReview, type ReferralReview, type ReferralRow } from './referral.repo.js'
import { isRapidReviewCase, isSeriousIncident } from './referral.rules.js'
import {
  AGE_BANDS,
  CRITERIA,
  type Decision,
  LOCATIONS,
  OTHER_DECISIONS,
  REFERRAL_STATUSES,
  type ReferralStatus,
} from './referral.schema.js'
import { UNDECIDED } from './referral.transitions.js'

type Decider = {
  personId: string
  name: string
  teamsAadObjectId: string | null
  teamsUserId: string | null
  slackUserId: string | null
}

/** The dates a referral's card shows, each from its one source. */
type ReferralClocks = {
  notifyPanelBy: string | null
  partnersToldBy: string | null
  secretaryOfStateBy: string | null
  ofstedBy: string | null
  /** Counted from the agency's awareness until the local authority's is recorded. */
  isProvisional: boolean
  /** Only for a notified (or to be notified) serious incident: no rapid review follows any other case. */
  rapidReviewMeetingBy: string | null
  rapidReviewDue: string | null
  /** The clocks above whose date has passed with the step not done: the cards flag them as overdue. */
  overdue: OverdueClock[]
}

export type OverdueClock = Exclude<keyof ReferralClocks, 'isProvisional' | 'overdue'>

/** The case detail: for the people deciding and the referrer only. */
type ReferralDetails = {
  caseReference: string
  whatHappened: string
  whyReview: string
  referrerName: string
  criteria: string[]
  location: string
  lookedAfter: boolean
}

export type ReferralView = {
  id: string
  reference: string
  status: ReferralStatus
  statusLabel: string
  isOpen: boolean
  ageBand: string
  isSeriousIncident: boolean
  referrerAgency: string
  agencies: string[]
  submittedAt: string
  notification: NotificationView | null
  /** A rapid review is mandatory and the only decision (a serious incident notified or to be notified). */
  isRapidReviewCase: boolean
  /** The decisions the chair may make now (none once decided). */
  decisions: Decision[]
  clocks: ReferralClocks
  /** Who decided, when; the rationale is case detail (null without it). */
  decision: { by: string; at: string; rationale: string | null } | null
  questionCount: { asked: number; answered: number }
  /** The questions and answers: case detail (empty without it). */
  questions: {
    id: string
    question: string
    askedBy: string
    askedAt: string
    answer: string | null
    answeredAt: string | null
  }[]
  /** Case detail: null in the channel's view. */
  details: ReferralDetails | null
  /** The partnership's agencies, for the single-agency review's choice. */
  agencyChoices: { value: string; label: string }[]
  deciders: Decider[]
}

/** The view without any case detail: what a channel, or anyone not deciding, may see. */
export function withoutCaseDetail(view: ReferralView): ReferralView {
  return {
    ...view,
    details: null,
    questions: [],
    decision: view.decision ? { ...view.decision, rationale: null } : null,
    notification: view.notification ? { ...view.notification, reasons: null } : null,
  }
}

type Extra = {
  agencyNames: Map<string, string>
  agencies: { key: string; name: string }[]
  personNames: Map<string, string>
  deciders: Decider[]
  notification: NotificationView | null
  rapidReview: { meetingBy: string | null; due: string | null; meetingDone?: boolean; sent?: boolean } | null
  /** The partnership's today, to flag the clocks that have passed. */
  today?: string
  /** How the review it started is going, once it has moved past its first status (no case detail). */
  reviewProgress?: string | null
}

/** The statutory clocks, each flagged overdue once its date has passed with its step not done. */
function clocksOf(extra: Extra, taskDue: (key: string) => string | null, rapidReviewCase: boolean): ReferralClocks {
  const rr = rapidReviewCase ? extra.rapidReview : null
  const dates = {
    notifyPanelBy: taskDue('panel'),
    partnersToldBy: taskDue('partners'),
    secretaryOfStateBy: taskDue('secretary-of-state'),
    ofstedBy: taskDue('ofsted'),
    rapidReviewMeetingBy: rr?.meetingBy ?? null,
    rapidReviewDue: rr?.due ?? null,
  }
  const done: Partial<Record<OverdueClock, boolean>> = {
    rapidReviewMeetingBy: rr?.meetingDone,
    rapidReviewDue: rr?.sent,
  }
  const today = extra.today
  const overdue = (Object.keys(dates) as OverdueClock[]).filter((k) => {
    const date = dates[k]
    return today !== undefined && date !== null && date < today && !done[k]
  })
  return { ...dates, isProvisional: extra.notification?.isProvisional ?? false, overdue }
}

/** A referral row and what was loaded with it, as cards show it. */
function toReferralView(r: ReferralRow, extra: Extra): ReferralView {
  const status = r.status as ReferralStatus
  const n = extra.notification
  const isOpen = UNDECIDED.includes(status)
  const rapidReviewCase = isRapidReviewCase(n)
  const taskDue = (key: string) => n?.tasks.find((t) => t.key === key && t.status === 'OPEN')?.dueDate ?? null
  return {
    id: r.id,
    reference: r.reference,
    status,
    statusLabel: extra.reviewProgress ?? REFERRAL_STATUSES[status] ?? status,
    isOpen,
    ageBand: AGE_BANDS[r.ageBand as keyof typeof AGE_BANDS] ?? r.ageBand,
    isSeriousIncident: isSeriousIncident(r.criteria),
    referrerAgency: r.referrerAgencyId ? (extra.agencyNames.get(r.referrerAgencyId) ?? 'Unknown agency') : 'No agency',
    agencies: r.agencyKeys.map((k) => extra.agencyNames.get(k) ?? k),
    submittedAt: r.submittedAt.toISOString(),
    notification: n,
    isRapidReviewCase: rapidReviewCase,
    decisions: !isOpen ? [] : rapidReviewCase ? ['start-rapid-review'] : [...OTHER_DECISIONS],
    clocks: clocksOf(extra, taskDue, rapidReviewCase),
    decision: r.decidedAt
      ? {
          by: extra.personNames.get(r.decidedById ?? '') ?? 'Unknown',
          at: r.decidedAt.toISOString(),
          rationale: r.decisionRationale,
        }
      : null,
    questionCount: { asked: r.questions.length, answered: r.questions.filter((q) => q.answer !== null).length },
    questions: r.questions.map((q) => ({
      id: q.id,
      question: q.question,
      askedBy: extra.personNames.get(q.askedById) ?? 'Unknown',
      askedAt: q.askedAt.toISOString(),
      answer: q.answer,
      answeredAt: q.answeredAt?.toISOString() ?? null,
    })),
    details: {
      caseReference: r.caseReference,
      whatHappened: r.whatHappened,
      whyReview: r.whyReview,
      referrerName: extra.personNames.get(r.referrerId) ?? 'Unknown',
      criteria: r.criteria.map((c) => CRITERIA[c as keyof typeof CRITERIA] ?? c),
      location: LOCATIONS[r.location as keyof typeof LOCATIONS] ?? r.location,
      lookedAfter: r.lookedAfter,
    },
    agencyChoices: extra.agencies.map((a) => ({ value: a.key, label: a.name })),
    deciders: extra.deciders,
  }
}

/**
 * The rapid review's meeting and Panel dates: its stored milestones once started, else the dates it would get
 * if it started now (the same planning code), both from the notification's anchor.
 */
async function rapidReviewDates(
  db: Db,
  r: ReferralRow,
  review: ReferralReview | null,
  notification: NotificationView | null,
  today: string,
) {
  if (!isRapidReviewCase(notification)) return null
  const pick = (ms: { key: string; dueDate: string; isDone?: boolean }[]) => ({
    meetingBy: ms.find((m) => m.key === 'rapid-review-meeting')?.dueDate ?? null,
    due: ms.find((m) => m.key === 'sent-to-panel')?.dueDate ?? null,
    meetingDone: ms.find((m) => m.key === 'rapid-review-meeting')?.isDone ?? false,
    sent: ms.find((m) => m.key === 'sent-to-panel')?.isDone ?? false,
  })
  if (review?.typeKey === 'rapid-review') return pick(review.clockMilestones)
  const planned = await previewTimelineDates(db, {
    partnershipId: r.partnershipId,
    typeKey: 'rapid-review',
    today,
    awarenessDate: notification!.anchor,
    agencies: [],
    isSeriousIncident: true,
  })
  return pick(planned)
}

/**
 * The review the referral started, in words, once it has moved on from its first status: the rapid review's
 * own status, then the local review the partners commissioned from it. Null while nothing has moved.
 */
function reviewProgressOf(review: ReferralReview | null): string | null {
  if (!review) return null
  const { child } = review
  const shown = child ?? review
  const label = reviewStatusLabel(shown.status, shown.typeKey, child ? 0 : review.openAgencyInformation)
  if (!child && label === REVIEW_STATUSES[initialReviewStatus(review.typeKey)]) return null
  return `${review.shownTypeName ?? 'Review'}: ${label}`
}

/** Loads a referral with everything its cards need (with case detail: strip it for anyone not deciding). */
export async function loadReferralView(db: Db, referralId: string, now: Date): Promise<ReferralView | null> {
  const r = await findReferralById(db, referralId)
  if (!r) return null
  const [partnership, agencies, chairs, notificationRow] = await Promise.all([
    db.partnership.findUniqueOrThrow({ where: { id: r.partnershipId }, select: { timeZone: true } }),
    db.agency.findMany({ where: { partnershipId: r.partnershipId }, select: { id: true, key: true, name: true } }),
    listChairs(db, r.partnershipId, 'case-review'),
    findNotificationByReferral(db, r.id),
  ])
  const notification = notificationRow ? await notificationViewOf(db, notificationRow) : null
  const today = todayIn(partnership.timeZone, now)
  const review = await findReferralReview(db, r.id)
  const rapidReview = await rapidReviewDates(db, r, review, notification, today)
  const reviewProgress = reviewProgressOf(review)
  const personNames = await namesOf(db, [
    r.referrerId,
    r.decidedById,
    ...r.questions.flatMap((q) => [q.askedById, q.answeredById]),
  ])
  const agencyNames = new Map<string, string>()
  for (const a of agencies) {
    agencyNames.set(a.id, a.name)
    agencyNames.set(a.key, a.name)
  }
  return toReferralView(r, {
    agencyNames,
    agencies: [...agencies].sort((a, b) => a.name.localeCompare(b.name)),
    personNames,
    notification,
    rapidReview,
    today,
    reviewProgress,
    deciders: chairs.map((c) => ({
      personId: c.id,
      name: c.name,
      teamsAadObjectId: c.teamsAadObjectId,
      teamsUserId: c.teamsUserId,
      slackUserId: c.slackUserId,
    })),
  })
}
