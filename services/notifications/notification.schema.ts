/**
 * Outbound notifications: what services want said, not how. Stored as JSON in the outbox (changing these
 * shapes needs care with rows already queued); bot/ renders each template for Teams and for Slack.
 */
import { z } from 'zod'
import type { ReferralView } from '../referrals/referral.view.js'

const ZNotice = z.discriminatedUnion('template', [
  z.object({
    template: z.literal('referral.outcome'),
    referralId: z.string(),
    reference: z.string(),
    status: z.string(),
    decidedBy: z.string(),
    rationale: z.string().optional(),
  }),
  z.object({
    template: z.literal('referral.question'),
    referralId: z.string(),
    reference: z.string(),
    questionId: z.string(),
    question: z.string(),
    askedBy: z.string(),
  }),
  /** The chair who asked: the referrer answered (case detail, 1:1 to a decider only). */
  z.object({
    template: z.literal('referral.answered'),
    referralId: z.string(),
    reference: z.string(),
    questionId: z.string(),
    question: z.string(),
    answer: z.string(),
    by: z.string(),
  }),
  /** The local authority's notification lead: a serious incident to notify (ids and dates; no case text). */
  z.object({
    template: z.literal('incident.notification-task'),
    notificationId: z.string(),
    reference: z.string(),
    /** The first task's due date. */
    dueDate: z.string(),
    /** Counted from the agency's awareness until the local authority's is recorded. */
    isProvisional: z.boolean(),
    panelRequired: z.boolean(),
    lookedAfterDeath: z.boolean(),
  }),
  /** The safeguarding partners: the local authority tells them of a serious incident (ids and dates only). */
  z.object({
    template: z.literal('incident.partners-told'),
    notificationId: z.string(),
    reference: z.string(),
    by: z.string(),
    /** When the Panel is to be notified by, and whether that date is still provisional. */
    panelDueDate: z.string().optional(),
    isProvisional: z.boolean(),
  }),
  /** The safeguarding partners: the notification lead's decision; reasons only when not notifiable. */
  z.object({
    template: z.literal('incident.decision'),
    notificationId: z.string(),
    reference: z.string(),
    /** notified | not-notifiable */
    decision: z.string(),
    /** The date the Panel was notified. */
    notifiedOn: z.string().optional(),
    reasons: z.string().optional(),
    by: z.string(),
  }),
  z.object({
    template: z.literal('review.information-request'),
    reviewId: z.string(),
    milestoneId: z.string(),
    reference: z.string(),
    agency: z.string(),
    dueDate: z.string(),
    /** Which case it is: an age band key, the incident date and criteria keys (no identifying details). */
    ageBand: z.string().optional(),
    incidentDate: z.string().optional(),
    criteria: z.array(z.string()).optional(),
    /** The referring agency's case reference: only to that agency's own safeguarding lead. */
    caseReference: z.string().optional(),
    /** The person is not of the agency asked (it has no safeguarding lead registered): the card says why. */
    isStandIn: z.boolean().optional(),
  }),
  z.object({
    template: z.literal('review.panel-notification'),
    reviewId: z.string(),
    reference: z.string(),
    dueDate: z.string(),
  }),
  z.object({
    template: z.literal('review.approval-request'),
    reviewId: z.string(),
    reference: z.string(),
    recommendation: z.string(),
    rationale: z.string(),
    recordedBy: z.string(),
    /** A safeguarding partner's sign-off (absent in requests queued before WT2023 decisions). */
    round: z.number().int().optional(),
    recommendationKey: z.string().optional(),
    /** The local review criteria (LOCAL_REVIEW_TESTS keys) the Case Review Group ticked. */
    tests: z.array(z.string()).optional(),
    immediateLearning: z.string().optional(),
  }),
  /** A decision on a review, for the partners, the business manager and independent scrutiny (ids, no case text). */
  z.object({
    template: z.literal('review.decision'),
    reviewId: z.string(),
    reference: z.string(),
    /** recommendation-agreed | recommendation-sent-back | not-published */
    decision: z.string(),
    round: z.number().int(),
    by: z.string(),
    recommendation: z.string().optional(),
    /** For the independent scrutineer: the card offers to record a challenge. */
    canChallenge: z.boolean().optional(),
  }),
  /** Independent scrutiny's challenge to a decision, for the partners and the business manager. */
  z.object({
    template: z.literal('review.challenge'),
    reviewId: z.string(),
    reference: z.string(),
    decision: z.string(),
    by: z.string(),
    text: z.string(),
  }),
  z.object({
    template: z.literal('review.published'),
    reviewId: z.string(),
    reference: z.string(),
    typeName: z.string(),
    url: z.string(),
    /** full | summary (absent: published before the choice existed, in full). */
    form: z.string().optional(),
  }),
  z.object({
    template: z.literal('review.perspective-invitation'),
    reviewId: z.string(),
    reference: z.string(),
    invitedBy: z.string(),
  }),
  z.object({
    template: z.literal('review.approved'),
    reviewId: z.string(),
    reference: z.string(),
    decision: z.string(),
    by: z.string(),
    note: z.string().optional(),
    /** The local review the agreement commissioned: the card opens it. */
    localReviewId: z.string().optional(),
  }),
  /** The referrer: the partners commissioned a local review from the rapid review of their referral. */
  z.object({
    template: z.literal('review.commissioned'),
    reviewId: z.string(),
    reference: z.string(),
    /** A RECOMMENDATIONS key: lcspr | learning-review. */
    recommendation: z.string(),
  }),
  z.object({
    template: z.literal('action.assigned'),
    actionId: z.string(),
    reference: z.string(),
    what: z.string(),
    dueDate: z.string(),
    measure: z.string(),
    by: z.string(),
    /** The owning agency's name, the review the action came from, and who verifies it (absent on older rows). */
    agency: z.string().optional(),
    reviewReference: z.string().optional(),
    verifiedBy: z.string().optional(),
  }),
  z.object({
    template: z.literal('action.date-change'),
    actionId: z.string(),
    reference: z.string(),
    what: z.string(),
    currentDue: z.string(),
    proposedDue: z.string(),
    reason: z.string(),
    by: z.string(),
  }),
  z.object({
    template: z.literal('action.handed-back'),
    actionId: z.string(),
    reference: z.string(),
    what: z.string(),
    reason: z.string(),
    by: z.string(),
  }),
  z.object({
    template: z.literal('action.verify-request'),
    actionId: z.string(),
    reference: z.string(),
    what: z.string(),
    measure: z.string(),
    evidence: z.string(),
    links: z.array(z.string()),
    by: z.string(),
  }),
  z.object({
    template: z.literal('action.update'),
    actionId: z.string(),
    reference: z.string(),
    message: z.string(),
    dueDate: z.string(),
    /** The action is the owner's again (sent back): the card offers what they can do next. */
    isOwnersAgain: z.boolean().optional(),
  }),
  z.object({
    template: z.literal('action.impact-check'),
    actionId: z.string(),
    reference: z.string(),
    what: z.string(),
    measure: z.string(),
  }),
  /** The learning chair: a learning product waits for approval (issue 14). */
  z.object({
    template: z.literal('learning.approval-request'),
    productId: z.string(),
    reference: z.string(),
    title: z.string(),
    kindLabel: z.string(),
    by: z.string(),
  }),
  /** The author: the learning chair approved their product. */
  z.object({
    template: z.literal('learning.approved'),
    productId: z.string(),
    reference: z.string(),
    title: z.string(),
    by: z.string(),
  }),
  /** An agency's safeguarding lead: staff of theirs Learning Loop could not reach with a learning product. */
  z.object({
    template: z.literal('learning.not-reachable'),
    productId: z.string(),
    reference: z.string(),
    title: z.string(),
    agency: z.string(),
    people: z.array(z.object({ name: z.string(), reason: z.string() })),
    more: z.number().int().min(0),
  }),
  z.object({
    /** A lesson came back (services/insight): a new finding on a theme whose earlier actions were verified. */
    template: z.literal('recurrence.flagged'),
    flagId: z.string(),
    theme: z.string(),
    /** The review the new finding belongs to. */
    findingReference: z.string(),
    /** The verified actions whose learning did not transfer, with the day each was verified. */
    earlier: z.array(z.object({ reference: z.string(), verifiedOn: z.string() })).max(20),
  }),
  /** A place on a training session: registered by the trainer, or the session moved or was cancelled. */
  z.object({
    template: z.literal('training.session'),
    sessionId: z.string(),
    courseTitle: z.string(),
    date: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    /** registered | rescheduled | cancelled, or (to the trainer) attendance-due after a session */
    change: z.enum(['registered', 'rescheduled', 'cancelled', 'attendance-due']),
    by: z.string(),
    /** The survey before the session, to rate confidence now (registered only). */
    beforeSurveyId: z.string().optional(),
  }),
  /** A survey to answer 1:1 (a stage of a course, or a survey sent to an audience), or a reminder of one. */
  z.object({
    template: z.literal('training.survey'),
    surveyId: z.string(),
    /** before | after | follow-up | manager | audience */
    kind: z.string(),
    title: z.string(),
    courseTitle: z.string().optional(),
    sessionDate: z.string().optional(),
    anonymous: z.boolean(),
    /** A line manager's card: the member of staff it asks about. */
    aboutPersonId: z.string().optional(),
    aboutName: z.string().optional(),
    closesOn: z.string().optional(),
    /** 1 or 2: a reminder (at most two). */
    reminder: z.number().int().optional(),
    /** "Don't ask me again" stops every survey of the course, not only this one. */
    isCourse: z.boolean(),
  }),
  /** A participant's lead: an audit opened and their return is waiting (issue 12). */
  z.object({
    template: z.literal('audit.opened'),
    returnId: z.string(),
    reference: z.string(),
    title: z.string(),
    /** An AUDIT_TYPES key. */
    type: z.string(),
    participant: z.string(),
    deadline: z.string(),
    openedBy: z.string(),
    /** Answers carried forward from the last cycle, to confirm or change. */
    carried: z.number().int().optional(),
    /** A case audit part: the case's label and this agency's own case reference (1:1 to its lead only). */
    caseLabel: z.string().optional(),
    caseReference: z.string().optional(),
  }),
  /** The people who may sign a return off: it was submitted. */
  z.object({
    template: z.literal('audit.sign-off-request'),
    returnId: z.string(),
    reference: z.string(),
    title: z.string(),
    participant: z.string(),
    by: z.string(),
    /** A school's return: the headteacher records the date of the governors' annual review. */
    isSchool: z.boolean(),
  }),
  /** The QA chair: a return is ready to moderate, a challenge was answered, or nobody can complete a return. */
  z.object({
    template: z.literal('audit.for-chair'),
    /** signed-off | responded | no-lead */
    event: z.string(),
    auditId: z.string(),
    returnId: z.string().optional(),
    reference: z.string(),
    participant: z.string(),
    by: z.string().optional(),
  }),
  /** A return's lead: moderation changed ratings (a challenge to respond to), or it is final, or it was reopened. */
  z.object({
    template: z.literal('audit.moderation'),
    /** challenged | moderated | reopened */
    event: z.string(),
    returnId: z.string(),
    reference: z.string(),
    participant: z.string(),
    by: z.string(),
    /** How many ratings were changed. */
    changed: z.number().int().optional(),
  }),
  z.object({
    template: z.literal('nudge.digest'),
    items: z.array(
      z.object({
        milestoneId: z.string().optional(),
        actionId: z.string().optional(),
        /** An audit return not yet sent in (issue 12): the card offers to continue it. */
        returnId: z.string().optional(),
        reference: z.string(),
        label: z.string(),
        dueDate: z.string(),
        reason: z.enum(['due-soon', 'due-today', 'overdue', 'escalation', 'impact-due', 'not-read']),
        /** A learning product not read 5 working days after it was sent (services/learning/reminders.ts). */
        productId: z.string().optional(),
        daysLate: z.number(),
        responsible: z.string().optional(),
      }),
    ),
    /** Items not carried in the message. */
    more: z.number().int().min(1).optional(),
  }),
])
export type Notice = z.infer<typeof ZNotice>

/**
 * The notice templates that hand someone a statutory task (notifying the national Panel, an agency's rapid
 * review information): the Case Review Group's chair is told when one cannot be delivered.
 */
export const STATUTORY_TASK_TEMPLATES = [
  'incident.notification-task',
  'review.panel-notification',
  'review.information-request',
] as const
export type StatutoryTaskTemplate = (typeof STATUTORY_TASK_TEMPLATES)[number]
/** Whether a notice template hands someone a statutory task. */
export const isStatutoryTask = (template: string): template is StatutoryTaskTemplate =>
  (STATUTORY_TASK_TEMPLATES as readonly string[]).includes(template)

/**
 * Sent by the outbox itself, not by a use case: a statutory task notice has not reached its person for
 * `hours` (no way to reach them yet, or the platform refused). Names a member of staff and a reference only.
 */
const ZUndeliverableNotice = z.object({
  template: z.literal('delivery.undeliverable'),
  task: z.enum(STATUTORY_TASK_TEMPLATES),
  reference: z.string(),
  personName: z.string(),
  /** When the task notice was queued (ISO date-time). */
  since: z.string(),
  hours: z.number().int(),
  reason: z.enum(['waiting-for-address', 'failed']),
})
export type UndeliverableNotice = z.infer<typeof ZUndeliverableNotice>

/** Everything that can go to one person 1:1: the domain's notices and the outbox's own. */
const ZPersonNotice = z.discriminatedUnion('template', [...ZNotice.options, ZUndeliverableNotice])
export type PersonNotice = z.infer<typeof ZPersonNotice>

export const ZOutboxPayload = z.discriminatedUnion('kind', [
  /** Post, or update in place, the card about a subject in a partnership channel, from its current state. */
  z.object({
    kind: z.literal('channel.sync'),
    partnershipId: z.string(),
    purpose: z.literal('case-review'),
    subjectType: z.literal('referral'),
    subjectId: z.string(),
  }),
  /** A 1:1 message to one person, on the platform they last used. */
  z.object({ kind: z.literal('person.notice'), personId: z.string(), notice: ZPersonNotice }),
])
export type OutboxPayload = z.infer<typeof ZOutboxPayload>

/** A channel card with its live data. */
export type ChannelMessage = { template: 'referral.screening'; view: ReferralView }

/** Who a 1:1 notice is for, with the platform identities a notifier may open a conversation from. */
export type PersonTarget = {
  personId: string
  name: string
  slackUserId: string | null
  teamsAadObjectId: string | null
  /** The Teams user id (29:…) last seen for the person, if any. */
  teamsUserId: string | null
  teamsTenantId: string | null
  /**
   * Per platform, an address of someone else in the same partnership (or its channel), from which a notifier
   * can learn where the platform's service is (Teams: the tenant's serviceUrl). Opaque to services.
   */
  serviceHints: Partial<Record<'teams' | 'slack', unknown>>
}
