/**
 * Every card and form the app can emit, with realistic and worst-case inputs, rendered for both platforms:
 * - Teams: parsed by the Adaptive Cards SDK (`adaptivecards`, schema 1.5) with no parse or validation
 *   events, and under the 40 KB Teams message limit;
 * - Slack: within Block Kit's limits for messages and modals.
 */
import * as AC from 'adaptivecards'
import { beforeAll, describe, expect, it } from 'vitest'
import { CONFIRM_SENSITIVE_FIELD } from '../cards/forms/shared.js'
import { type AnyForm, formOf } from '../cards/interaction.js'
import * as general from '../cards/messages/general.js'
import {
  cancelledCard, helpCard, messageCard, nothingToCancelCard, notUnderstoodCard, signOffsCard,
} from '../cards/messages/general.js'
import * as localReviewCards from '../cards/messages/local-review-card.js'
import { localReviewCard } from '../cards/messages/local-review-card.js'
import * as notices from '../cards/messages/notices.js'
import { digestCard, noticeCard } from '../cards/messages/notices.js'
import * as referralCards from '../cards/messages/referral-cards.js'
import { awaitingDecisionCard, myReferralsCard, referralConfirmationCard, screeningCard } from '../cards/messages/referral-cards.js'
import * as reviewCards from '../cards/messages/review-cards.js'
import { reviewStatusCard, reviewTypesCard, themesCard } from '../cards/messages/review-cards.js'
import * as actionCards from '../cards/messages/action-cards.js'
import { actionOverviewCard, escalationsCard, myActionsCard } from '../cards/messages/action-cards.js'
import type { ActionLine } from '../services/actions/index.js'
import type { Action, Card, Field, FieldValue, Form } from '../cards/model.js'
import { INTERACTIONS } from '../cards/registry.js'
import type { Verb } from '../cards/verbs.js'
import { cardToAdaptive, formToAdaptive } from '../cards/render/adaptive.js'
import { cardToBlocks, cardToModal, formToModal, type SlackView } from '../cards/render/blockkit.js'
import { SLACK, TEAMS_MAX_CARD_BYTES } from '../cards/render/limits.js'
import type { Notice } from '../services/notifications/notification.schema.js'
import { CRITERIA, type NotificationView, type ReferralSummary, type ReferralView } from '../services/referrals/index.js'
import { notificationCard, notificationsListCard } from '../cards/messages/notification-cards.js'
import type { ReviewStatusLine } from '../services/reviews/index.js'
import type { LocalReviewView } from '../services/reviews/local-review.view.js'

// ------------------------------------------------------------------ realistic inputs

/** Ordinary case prose of exactly `n` characters, with characters Slack must escape (A&E, <, >). */
const prose = (n: number) =>
  'Seen in A&E with bruising <2cm>; health visitor & GP were not told. Police and social care held different records. '
    .repeat(Math.ceil(n / 110))
    .slice(0, n)

const AGENCIES = [
  { key: 'csc', name: "Northshire Council Children's Social Care" },
  { key: 'police', name: 'Northshire Police' },
  { key: 'icb', name: 'Northshire Integrated Care Board' },
  { key: 'education', name: 'Northshire Schools and Colleges' },
  { key: 'probation', name: 'Probation Service (Northshire)' },
]
const REFERRAL_ID = '6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c'

const notificationView = (overrides: Partial<NotificationView> = {}): NotificationView => ({
  id: '7f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c', referralId: REFERRAL_ID, reference: 'NSCP-2026-0001', status: 'PENDING',
  statusLabel: 'Notification to the national Panel due', panelRequired: true, lookedAfterDeath: true,
  anchor: '2026-11-27', anchorIs: 'agency-aware', isProvisional: true, agencyAwareOn: '2026-11-27', laAwareOn: null,
  notifiedOn: null, decidedBy: null, decidedAt: null, reasons: null, lead: 'Kate Morgan',
  tasks: (['panel', 'partners', 'secretary-of-state', 'ofsted'] as const).map((key, i) => ({
    id: `t${i}`, key, label: `Task ${key}`, dueDate: '2026-12-04', status: 'OPEN' as const, doneOn: null,
  })),
  ...overrides,
})

function referralView(overrides: Partial<ReferralView> = {}): ReferralView {
  return {
    id: REFERRAL_ID,
    reference: 'NSCP-2026-0001',
    status: 'INFO_REQUESTED',
    statusLabel: 'More information requested',
    isOpen: true,
    ageBand: 'Under 1',
    isSeriousIncident: true,
    referrerAgency: 'Northshire NHS Foundation Trust',
    agencies: AGENCIES.map((a) => a.name),
    submittedAt: '2026-12-01T10:00:00.000Z',
    notification: notificationView(),
    isRapidReviewCase: true,
    decisions: ['start-rapid-review'],
    clocks: {
      notifyPanelBy: '2026-12-04', partnersToldBy: '2026-12-04', secretaryOfStateBy: '2026-12-04', ofstedBy: '2026-12-04',
      isProvisional: true, rapidReviewMeetingBy: '2026-12-15', rapidReviewDue: '2026-12-18',
    },
    decision: null,
    questionCount: { asked: 3, answered: 2 },
    questions: [1, 2, 3].map((n) => ({
      id: `0000000${n}-0000-4000-8000-000000000000`,
      question: prose(1000),
      askedBy: 'Helen Marsh',
      askedAt: `2026-12-0${n}T09:00:00.000Z`,
      answer: n < 3 ? prose(2000) : null,
      answeredAt: n < 3 ? `2026-12-0${n}T15:00:00.000Z` : null,
    })),
    details: {
      caseReference: 'HV-2026-1182', whatHappened: prose(4000), whyReview: prose(2000), referrerName: 'Priya Shah',
      criteria: Object.values(CRITERIA), location: "In the partnership's area", lookedAfter: true,
    },
    agencyChoices: AGENCIES.map((a) => ({ value: a.key, label: a.name })),
    deciders: [
      { personId: 'p-helen', name: 'Helen Marsh', teamsAadObjectId: 'a0000000-0000-4000-8000-000000000005', teamsUserId: '29:helen', slackUserId: 'U0HELENM05' },
      { personId: 'p-deputy', name: 'Deputy Chair', teamsAadObjectId: 'a0000000-0000-4000-8000-000000000010', teamsUserId: null, slackUserId: null },
    ],
    ...overrides,
  }
}
const decidedView = referralView({
  status: 'NO_REVIEW', statusLabel: 'No review', isOpen: false, isSeriousIncident: false, notification: null,
  isRapidReviewCase: false, decisions: [],
  clocks: {
    notifyPanelBy: null, partnersToldBy: null, secretaryOfStateBy: null, ofstedBy: null, isProvisional: false,
    rapidReviewMeetingBy: null, rapidReviewDue: null,
  },
  decision: { by: 'Helen Marsh', at: '2026-12-04T16:30:00.000Z', rationale: prose(2000) },
})
/** Not a serious incident: the chair chooses another review or none. */
const otherView = referralView({
  isSeriousIncident: false, notification: null, isRapidReviewCase: false, decisions: ['learning-review', 'single-agency', 'good-practice', 'no-review'],
  clocks: decidedView.clocks,
})
/** Found not notifiable, with the lead's reasons. */
const notNotifiableView = referralView({
  notification: notificationView({ status: 'NOT_NOTIFIABLE', statusLabel: 'Found not notifiable by the local authority', reasons: prose(2000), decidedBy: 'Kate Morgan', decidedAt: '2026-12-02T10:00:00.000Z' }),
  isRapidReviewCase: false, decisions: ['learning-review', 'single-agency', 'good-practice', 'no-review'],
})

const summaries: ReferralSummary[] = Array.from({ length: 20 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  reference: `NSCP-2026-${String(i + 1).padStart(4, '0')}`,
  status: (['AWAITING_SCREENING', 'INFO_REQUESTED', 'RAPID_REVIEW', 'NO_REVIEW'] as const)[i % 4]!,
  statusLabel: ['Awaiting screening', 'More information requested', 'Rapid review started', 'No review'][i % 4]!,
  submittedAt: `2026-${String((i % 12) + 1).padStart(2, '0')}-15T10:00:00.000Z`,
}))

/** One of each notice template; typed so a new template does not compile until it has a sample here. */
const NOTICES: { [T in Notice['template']]: Extract<Notice, { template: T }> } = {
  'referral.outcome': { template: 'referral.outcome', referralId: REFERRAL_ID, reference: 'NSCP-2026-0001', status: 'NO_REVIEW', decidedBy: 'Helen Marsh', rationale: prose(2000) },
  'referral.question': { template: 'referral.question', referralId: REFERRAL_ID, reference: 'NSCP-2026-0001', questionId: '00000001-0000-4000-8000-000000000000', question: prose(1000), askedBy: 'Helen Marsh' },
  'incident.notification-task': { template: 'incident.notification-task', notificationId: 'n1', reference: 'NSCP-2026-0001', dueDate: '2026-12-04', isProvisional: true, panelRequired: true, lookedAfterDeath: true },
  'incident.partners-told': { template: 'incident.partners-told', notificationId: 'n1', reference: 'NSCP-2026-0001', by: 'Kate Morgan', panelDueDate: '2026-12-04', isProvisional: true },
  'incident.decision': { template: 'incident.decision', notificationId: 'n1', reference: 'NSCP-2026-0001', decision: 'not-notifiable', reasons: prose(2000), by: 'Kate Morgan' },
  'review.information-request': { template: 'review.information-request', reviewId: 'r1', milestoneId: 'm1', reference: 'NSCP-2026-0001', agency: 'Northshire Police', dueDate: '2026-12-11' },
  'review.panel-notification': { template: 'review.panel-notification', reviewId: 'r1', reference: 'NSCP-2026-0001', dueDate: '2026-12-04' },
  'review.approval-request': {
    template: 'review.approval-request', reviewId: 'r1', reference: 'NSCP-2026-0001', recommendation: 'Commission a local child safeguarding practice review',
    rationale: prose(2000), recordedBy: 'Helen Marsh', round: 2, recommendationKey: 'lcspr', tests: ['improvements-needed', 'recurring-themes'], immediateLearning: prose(4000),
  },
  'review.decision': {
    template: 'review.decision', reviewId: 'r1', reference: 'NSCP-2026-0001', decision: 'recommendation-agreed', round: 2,
    by: 'Mark Ellis, Joanne Clarke, Nadia Hussain', recommendation: 'Commission a local child safeguarding practice review', canChallenge: true,
  },
  'review.challenge': { template: 'review.challenge', reviewId: 'r1', reference: 'NSCP-2026-0001', decision: 'recommendation-sent-back', by: 'Robert Finch', text: prose(4000) },
  'review.published': { template: 'review.published', reviewId: 'r1', reference: 'NSCP-2026-0001', typeName: 'Local child safeguarding practice review', url: 'https://northshire.example/reviews/nscp-2026-0001.pdf', form: 'summary' },
  'review.perspective-invitation': { template: 'review.perspective-invitation', reviewId: 'r1', reference: 'NSCP-2026-0001', invitedBy: 'Helen Marsh' },
  'review.approved': { template: 'review.approved', reviewId: 'r1', reference: 'NSCP-2026-0001', decision: 'send-back', by: 'Joanne Clarke', note: prose(2000) },
  'nudge.digest': {
    template: 'nudge.digest',
    items: Array.from({ length: 30 }, (_, i) => ({
      ...(i % 2 ? { milestoneId: `m${i}` } : { actionId: `a${i}` }), reference: `NSCP-2026-${String(i + 1).padStart(4, '0')}`, label: 'Agency chronology summary',
      dueDate: '2026-12-11', reason: (['due-soon', 'due-today', 'overdue', 'escalation', 'impact-due'] as const)[i % 5]!, daysLate: i % 5 >= 2 ? i : 0,
      responsible: 'Dana Okafor',
    })),
  },
  'action.assigned': { template: 'action.assigned', actionId: 'a1', reference: 'NSCP-ACT-2026-0001', what: prose(2000), dueDate: '2027-03-31', measure: prose(2000), by: 'Helen Marsh' },
  'action.date-change': { template: 'action.date-change', actionId: 'a1', reference: 'NSCP-ACT-2026-0001', what: prose(2000), currentDue: '2027-03-31', proposedDue: '2027-05-31', reason: prose(1000), by: 'Sam Patel' },
  'action.handed-back': { template: 'action.handed-back', actionId: 'a1', reference: 'NSCP-ACT-2026-0001', what: prose(2000), reason: prose(1000), by: 'Sam Patel' },
  'action.verify-request': { template: 'action.verify-request', actionId: 'a1', reference: 'NSCP-ACT-2026-0001', what: prose(2000), measure: prose(2000), evidence: prose(3000), links: ['https://northshire.example/audit-q3.pdf', 'SharePoint: Audits/Q3'], by: 'Sam Patel' },
  'action.update': { template: 'action.update', actionId: 'a1', reference: 'NSCP-ACT-2026-0001', message: prose(1000), dueDate: '2027-03-31' },
  'action.impact-check': { template: 'action.impact-check', actionId: 'a1', reference: 'NSCP-ACT-2026-0001', what: prose(2000), measure: prose(2000) },
}

const statusLines: ReviewStatusLine[] = Array.from({ length: 15 }, (_, i) => ({
  reviewId: `r${i}`,
  reference: `NSCP-2026-${String(i + 1).padStart(4, '0')}`,
  typeKey: i % 3 === 0 ? 'lcspr' : 'rapid-review',
  typeName: i % 3 === 0 ? 'Local child safeguarding practice review' : 'Rapid review',
  awaitsPanelReply: i % 3 === 1,
  status: i % 2 ? 'Gathering agency information' : 'Awaiting approval',
  next: i % 5 === 4 ? null : {
    milestoneId: `m${i}`, key: i % 2 ? 'agency-information:police' : 'sent-to-panel', label: 'Agency chronology summary',
    dueDate: '2026-12-11', workingDaysLate: i % 3, responsible: i % 2 ? 'Dana Okafor' : null,
  },
  openMilestones: 4,
  toSendToPanel: i % 4 === 3 ? `m${i}` : null,
  canRecordOutcome: i % 3 !== 0 && i % 2 === 1,
  nationalReview: i % 4 === 2
    ? { panelReference: 'NR-2027-03', takenOn: '2027-01-12', reviewId: `r${i}`, linked: [{ reviewId: `r${i}`, typeName: 'Rapid review' }, { reviewId: 'x', typeName: 'Local child safeguarding practice review' }] }
    : null,
}))

const THEMES = ['Neglect', 'Voice of the child', 'Information sharing', 'Professional curiosity', 'Escalation', 'Domestic abuse', 'Parental mental health', 'Substance misuse', 'Supervision', 'Early help']
const PEOPLE = Array.from({ length: 40 }, (_, i) => ({ value: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, label: `Practitioner ${i + 1} (Social Worker, Northshire Council Children's Social Care)` }))

function localReview(overrides: Partial<LocalReviewView> = {}): LocalReviewView {
  // Eight findings of a long paragraph each. (At the form's 3000-character maximum, eight findings and six
  // recommendations make a 52 KB card: too big for Teams. Reported, not hidden by this input.)
  const learningPoints = Array.from({ length: 8 }, (_, i) => ({ id: `lp${i}`, kind: i % 2 ? 'Good practice' : 'Area for improvement', text: prose(1200), themes: THEMES.slice(0, 3) }))
  return {
    id: 'r2', reference: 'NSCP-2026-0001', typeName: 'Local child safeguarding practice review (formerly serious case review)', status: 'IN_PROGRESS',
    dueBy: '2027-06-04', leadReviewer: 'Jo Bloggs, Independent Reviews Ltd', hasTerms: true, family: 'The family accepted', hasVoiceOfChild: false,
    publicationUrl: null, invited: 12, perspectives: 7, nationalReview: null, partnershipResponse: prose(3000),
    publication: {
      form: null, publishedOn: null, reasons: null, panelToldOn: null, earliestPublication: '2027-06-14',
      advanceCopy: { period: '7 working days', toBeConfirmedAgainst: 'Working Together 2023, chapter 5', sentOn: '2027-06-03' },
    },
    milestones: [
      { id: 'm1', key: 'terms', label: 'Agree terms of reference', dueDate: '2027-01-08', isDone: true, workingDaysLate: 0 },
      { id: 'm2', key: 'learning-event', label: 'Hold the practitioner learning event', dueDate: '2027-02-26', isDone: false, workingDaysLate: 3 },
      { id: 'm3', key: 'published', label: 'Publish the report', dueDate: '2027-06-04', isDone: false, workingDaysLate: 0 },
    ],
    learningPoints,
    recommendations: Array.from({ length: 6 }, (_, i) => ({ id: `rec${i}`, text: prose(600), findings: 2 })),
    choices: {
      agencies: AGENCIES.map((a) => ({ value: a.key, label: a.name })),
      people: PEOPLE,
      themes: THEMES,
      learningPoints: learningPoints.map((p, i) => ({ value: p.id, label: `${i + 1}. ${p.text.slice(0, 60)}` })),
    },
    ...overrides,
  } as LocalReviewView
}

const REVIEW_TYPES = [
  { key: 'rapid-review', name: 'Rapid review', legacyName: null },
  { key: 'lcspr', name: 'Local child safeguarding practice review', legacyName: 'Serious case review' },
  { key: 'learning-review', name: 'Multi-agency learning review', legacyName: null },
].map((t) => ({
  ...t,
  templates: ['notify-panel', 'agency-information', 'panel-meets', 'outcome', 'approval', 'submit-to-panel'].map((key, i) => ({
    key, label: `Milestone ${key.replace(/-/g, ' ')}`, due: { amount: i * 5 + 1, unit: i % 2 ? 'working-days' : 'calendar-months' }, from: i % 2 ? 'awareness' : 'start',
  })),
}))

const actionLines: ActionLine[] = Array.from({ length: 30 }, (_, i) => ({
  id: `a${i}`, reference: `NSCP-ACT-2026-${String(i + 1).padStart(4, '0')}`, what: prose(2000),
  status: (['PROPOSED', 'OPEN', 'AWAITING_VERIFICATION', 'VERIFIED'] as const)[i % 4]!, statusLabel: 'In progress',
  dueDate: '2027-03-31', workingDaysLate: i % 3 ? 0 : i, agency: ['Northshire Police', 'Northshire NHS Foundation Trust'][i % 2]!, owner: 'Sam Patel', measure: prose(2000),
}))

const CARDS: [string, Card][] = [
  ['help', helpCard('Priya Shah', [{ command: 'referral', description: 'Raise a review referral (no child names)' }, { command: 'my actions', description: 'Your actions' }])],
  ['message', messageCard('Something went wrong', 'Please try again in a minute.', 'attention')],
  ['did you mean', notUnderstoodCard('my actions')],
  ['not understood', notUnderstoodCard(null)],
  ['nothing to cancel', nothingToCancelCard()],
  ['cancelled', cancelledCard()],
  ['sign-offs', signOffsCard()],
  ['screening, chair, open with questions', screeningCard(referralView(), { canDecide: true })],
  ['screening, chair, with a notice', screeningCard(referralView({ status: 'AWAITING_SCREENING', statusLabel: 'Awaiting screening' }), { canDecide: true }, { text: 'Priya Shah answered your question.', tone: 'good' })],
  ['screening, not the chair', screeningCard(referralView(), { canDecide: false })],
  ['screening, decided', screeningCard(decidedView, { canDecide: true })],
  ['screening, no questions', screeningCard(referralView({ questions: [], agencies: [] }), { canDecide: false })],
  ['screening, chair, not a serious incident', screeningCard(otherView, { canDecide: true })],
  ['screening, chair, found not notifiable', screeningCard(notNotifiableView, { canDecide: true })],
  ['notification, lead', notificationCard({ notification: notificationView(), referral: referralView(), canRecord: true }, { text: 'Recorded.', tone: 'good' })],
  ['notification, partner', notificationCard({ notification: notNotifiableView.notification!, referral: referralView(), canRecord: false })],
  ['notifications list', notificationsListCard(Array.from({ length: 12 }, (_, i) => notificationView({ id: `n${i}`, reference: `NSCP-2026-${String(i + 1).padStart(4, '0')}` })))],
  ['notifications list, none', notificationsListCard([])],
  ['confirmation', referralConfirmationCard('NSCP-2026-0001', true)],
  ['confirmation, repeated', referralConfirmationCard('NSCP-2026-0001', false)],
  ['my referrals, 20', myReferralsCard(summaries)],
  ['my referrals, none', myReferralsCard([])],
  ['awaiting decision, 20', awaitingDecisionCard(summaries)],
  ['awaiting decision, none', awaitingDecisionCard([])],
  ...Object.values(NOTICES).map((n): [string, Card] => [`notice ${n.template}`, noticeCard(n)]),
  ['notice referral.outcome, rapid review', noticeCard({ ...NOTICES['referral.outcome'], status: 'RAPID_REVIEW', rationale: undefined })],
  ['digest, one item', digestCard({ template: 'nudge.digest', items: NOTICES['nudge.digest'].items.slice(0, 1) })],
  ['review status, chair', reviewStatusCard(statusLines, { canRecordOutcome: true })],
  ['review status, business manager', reviewStatusCard(statusLines, { canRecordOutcome: false, canRecordPanel: true })],
  ['review status, none', reviewStatusCard([], { canRecordOutcome: false })],
  ['review types, business manager', reviewTypesCard(REVIEW_TYPES, { canEdit: true })],
  ['review types, read only', reviewTypesCard(REVIEW_TYPES, { canEdit: false })],
  ['themes, business manager', themesCard(THEMES, { canEdit: true })],
  ['local review, in progress', localReviewCard(localReview(), { text: 'Saved.', tone: 'good' })],
  ['local review, just commissioned', localReviewCard(localReview({ learningPoints: [], recommendations: [], leadReviewer: null, hasTerms: false, family: null, invited: 0, perspectives: 0 }))],
  ['local review, last milestone', localReviewCard(localReview({ milestones: [{ id: 'm3', key: 'published', label: 'Publish the report', dueDate: '2027-06-04', isDone: false, workingDaysLate: 0 }] }))],
  ['my actions', myActionsCard(actionLines)],
  ['my actions, none', myActionsCard([])],
  ['action overview', actionOverviewCard({ open: actionLines.slice(0, 10), overdue: actionLines.slice(10, 20), awaitingVerification: actionLines.slice(20, 25), notYetMeasured: actionLines.slice(25) })],
  ['action overview, empty', actionOverviewCard({ open: [], overdue: [], awaitingVerification: [], notYetMeasured: [] })],
  ['escalations', escalationsCard(actionLines.slice(0, 12))],
  ['local review, published', localReviewCard(localReview({ status: 'PUBLISHED', publicationUrl: 'https://northshire.example/reviews/nscp-2026-0001.pdf' }))],
  ['local review, summary published, national review', localReviewCard(localReview({
    status: 'PUBLISHED', publicationUrl: 'https://northshire.example/reviews/nscp-2026-0001-summary.pdf',
    publication: { ...localReview().publication, form: 'summary', publishedOn: '2027-06-14', reasons: prose(4000) },
    nationalReview: { panelReference: 'NR-2027-03', takenOn: '2027-01-12', reviewId: 'r1', linked: [{ reviewId: 'r1', typeName: 'Rapid review' }, { reviewId: 'r2', typeName: 'Local child safeguarding practice review' }] },
    milestones: [{ id: 'm4', key: 'kept-online', label: 'Published report kept online for at least a year', dueDate: '2028-06-14', isDone: false, workingDaysLate: 0 }],
  }))],
  ['local review, not published', localReviewCard(localReview({
    status: 'NOT_PUBLISHED', publication: { ...localReview().publication, form: 'not-published', reasons: prose(4000), panelToldOn: '2027-06-10' },
    milestones: [{ id: 'm4', key: 'kept-online', label: 'Published report kept online for at least a year', dueDate: '2028-06-14', isDone: false, isNotNeeded: true, workingDaysLate: 0 }],
  }))],
  ['notice review.approval-request, old approver', noticeCard({ template: 'review.approval-request', reviewId: 'r1', reference: 'NSCP-2026-0001', recommendation: 'No further review', rationale: prose(2000), recordedBy: 'Helen Marsh' })],
  ['notice review.approval-request, LCSPR with no criteria', noticeCard({ ...NOTICES['review.approval-request'], tests: [] })],
  ['notice review.decision, business manager', noticeCard({ ...NOTICES['review.decision'], decision: 'not-published', canChallenge: undefined })],
]

const OPTIONS = (labels: string[]) => labels.map((label, i) => ({ value: `v${i}`, label }))
const ACTION_REF = { id: 'a1', reference: 'NSCP-ACT-2026-0001', what: prose(2000) }
const REVIEW_REF = { id: 'r1', reference: 'NSCP-2026-0001' }
const CHOICES = { agencies: AGENCIES.map((a) => ({ value: a.key, label: a.name })), people: PEOPLE, subGroups: OPTIONS(['Case Review Group', 'Quality Assurance and Audit Sub-group']) }

/** What each form shows, as its service query would return it: the largest realistic data. */
const FORM_DATA: Partial<Record<Verb, unknown>> = {
  'referral.submit': { agencies: CHOICES.agencies },
  'referral.ask': { id: REFERRAL_ID, reference: 'NSCP-2026-0001' },
  'referral.no-review': { id: REFERRAL_ID, reference: 'NSCP-2026-0001' },
  'referral.other-review': otherView,
  'notification.la-awareness': notificationView(),
  'notification.notified': notificationView(),
  'notification.not-notifiable': notificationView(),
  'notification.task-done': { ...notificationView(), task: 'secretary-of-state' },
  'referral.answer': { id: '00000001-0000-4000-8000-000000000000', reference: 'NSCP-2026-0001', question: prose(1000) },
  'review.answer-information': { milestoneId: 'm1', reference: 'NSCP-2026-0001', agencyLabel: 'Northshire Police', due: '2026-12-11' },
  'review.record-outcome': REVIEW_REF,
  'review.send-back': REVIEW_REF,
  'review.record-panel-reply': REVIEW_REF,
  'review.add-perspective': REVIEW_REF,
  'review.set-lead-reviewer': localReview(),
  'review.set-terms': localReview(),
  'review.invite': localReview(),
  'review.family': localReview(),
  'review.voice-of-child': localReview(),
  'review.add-learning-point': localReview(),
  'review.add-recommendation': localReview(),
  'review.record-national-review': REVIEW_REF,
  'review.challenge': { ...REVIEW_REF, decision: 'recommendation-agreed', decisionLabel: 'The safeguarding partners agreed the recommendation', round: 2 },
  'review.publish': localReview(),
  'review.partnership-response': localReview(),
  'review.edit-type': REVIEW_TYPES,
  'themes.set': THEMES,
  'review.start': { agencies: CHOICES.agencies },
  'review.cdop': { agencies: CHOICES.agencies, ageBands: OPTIONS(['Under 1', '1 to 4', '5 to 10', '11 to 15', '16 to 17']) },
  'action.create': { choices: CHOICES, recommendation: { id: 'rec1', text: prose(2000) } },
  'action.propose-date': ACTION_REF,
  'action.hand-back': ACTION_REF,
  'action.reassign': { action: ACTION_REF, people: PEOPLE },
  'action.progress': ACTION_REF,
  'action.complete': ACTION_REF,
  'action.send-back': ACTION_REF,
  'action.impact': ACTION_REF,
}
const FORM_DEFS = INTERACTIONS.filter((i): i is AnyForm => i.kind === 'form')

/** An answer to every field, as long as the platform lets a person type (`longest` for long text). */
function filled(form: Form, longest: number): Record<string, FieldValue> {
  const value = (f: Field): FieldValue => {
    switch (f.kind) {
      case 'textarea': return prose(Math.min(f.maxLength ?? longest, longest))
      case 'text': return 'x'.repeat(Math.min(f.maxLength ?? 60, 60))
      case 'date': return '2026-12-03'
      case 'select': return f.options?.[0]?.value ?? ''
      case 'multiselect': return (f.options ?? []).map((o) => o.value)
      case 'checkbox': return true
    }
  }
  return Object.fromEntries(form.fields.map((f) => [f.id, value(f)]))
}

/**
 * Every form in the registry, blank, with every answer filled in and a message on every field, and with the
 * identifying-details warning: answers as long as each platform lets a person type (Teams takes the
 * services' limits, 4000 characters; Slack's plain-text input at most 3000).
 */
const forms = (longest: number): [string, Form][] =>
  FORM_DEFS.flatMap((def): [string, Form][] => {
    const blank = formOf(def, FORM_DATA[def.verb])
    const values = filled(blank, longest)
    const errors = Object.fromEntries(blank.fields.map((f) => [f.id, `Please check ${f.label.toLowerCase()}.`]))
    const sensitive: Form = {
      ...blank, values: { ...values, confirmSensitive: false }, fields: [...blank.fields, CONFIRM_SENSITIVE_FIELD],
      notice: { tone: 'attention', text: 'Some answers may identify a child or family member (see below).' },
    }
    return [
      [`${def.title}, blank`, blank],
      [`${def.title}, with errors`, { ...blank, values, errors, notice: { tone: 'attention', text: 'Please check the answers marked below.' } }],
      [`${def.title}, identifying details`, sensitive],
    ]
  })
const TEAMS_FORMS = forms(4000)
const SLACK_FORMS = forms(SLACK.inputMaxLength)

/** Forms opened from a card's buttons (Teams: an inline show-card, Slack: a modal). */
const formsInside = (card: Card): Form[] =>
  card.blocks.flatMap((b) => (b.type === 'actions' ? b.actions.filter((a): a is Extract<Action, { type: 'form' }> => a.type === 'form').map((a) => a.form) : []))
const SLACK_MODAL_FORMS: [string, Form][] = [...SLACK_FORMS, ...CARDS.flatMap(([name, card]) => formsInside(card).map((f): [string, Form] => [`${name} → ${f.title}`, f]))]

// ------------------------------------------------------------------ Adaptive Cards

beforeAll(() => {
  // Without a markdown processor the SDK warns on every TextBlock; Teams renders the markdown itself.
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = text
    result.didProcess = true
  }
})

/** Every parse and validation event the SDK raises for the card, as "EventName: message". */
function adaptiveCardEvents(json: object): string[] {
  const card = new AC.AdaptiveCard()
  const context = new AC.SerializationContext(AC.Versions.v1_5)
  card.parse(json, context)
  const events: string[] = []
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i)
    events.push(`parse ${AC.ValidationEvent[e.event]}: ${e.message}`)
  }
  for (const e of card.validateProperties().validationEvents) events.push(`validate ${AC.ValidationEvent[e.event]}: ${e.message}`)
  return events
}

/**
 * Known problems, reported to the lead rather than hidden. The list must match exactly, so an entry has to
 * be removed once the card is fixed.
 */
const KNOWN_ADAPTIVE_PROBLEMS: Record<string, string[]> = {}

const bytes = (json: object) => Buffer.byteLength(JSON.stringify(json), 'utf8')

describe('Teams: Adaptive Cards 1.5', () => {
  it('the validator does catch a broken card', () => {
    const broken = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 'a', isRequired: true }, { type: 'Input.Text', id: 'a', label: 'A' }, { type: 'Nope' }] }
    expect(adaptiveCardEvents(broken)).toEqual([
      expect.stringContaining('parse UnknownElementType'),
      expect.stringContaining('validate RequiredInputsShouldHaveLabel'),
      expect.stringContaining('validate RequiredInputsShouldHaveErrorMessage'),
      expect.stringContaining('validate DuplicateId'),
    ])
  })

  it.each(CARDS)('card: %s', (name, card) => {
    const json = cardToAdaptive(card)
    expect(adaptiveCardEvents(json)).toEqual(KNOWN_ADAPTIVE_PROBLEMS[name] ?? [])
    expect(bytes(json)).toBeLessThanOrEqual(TEAMS_MAX_CARD_BYTES)
    // Teams refreshes a card automatically for at most 60 users.
    expect((json.refresh as { userIds?: string[] } | undefined)?.userIds?.length ?? 0).toBeLessThanOrEqual(60)
  })

  it.each(TEAMS_FORMS)('form: %s', (_name, form) => {
    const json = formToAdaptive(form)
    expect(adaptiveCardEvents(json)).toEqual([])
    expect(bytes(json)).toBeLessThanOrEqual(TEAMS_MAX_CARD_BYTES)
  })

  it('keeps the full free text the chair has to read', () => {
    const text = JSON.stringify(cardToAdaptive(screeningCard(referralView(), { canDecide: true })))
    expect(text).toContain(JSON.stringify(prose(4000)).slice(1, -1))
  })
})

// ------------------------------------------------------------------ Slack Block Kit

type Obj = Record<string, any>
const textOf = (t: Obj | undefined) => (t && typeof t.text === 'string' ? t.text : '')

/**
 * Block Kit limits for one surface; returns one line per problem. block_id must be unique in the message
 * or view, action_id in its block (so one view's inputs never collide: each input is its own block).
 */
function blockKitProblems(blocks: Obj[], surface: 'message' | 'modal'): string[] {
  const problems: string[] = []
  const check = (ok: boolean, what: string) => void (ok || problems.push(what))
  const between = (n: number, min: number, max: number) => n >= min && n <= max
  const blockIds = new Set<string>()
  check(between(blocks.length, 1, SLACK.maxBlocks), `${blocks.length} blocks`)
  blocks.forEach((b, i) => {
    const at = `block ${i} (${b.type})`
    if (b.block_id !== undefined) {
      check(!blockIds.has(b.block_id) && between(b.block_id.length, 1, 255), `${at}: block_id ${b.block_id} repeated or too long`)
      blockIds.add(b.block_id)
    }
    const actionIds = new Set<string>()
    const element = (e: Obj) => {
      if (e.action_id === undefined) return
      // Slack: "should be unique among all other action_ids in the containing block".
      check(!actionIds.has(e.action_id) && between(e.action_id.length, 1, 255), `${at}: action_id ${e.action_id} repeated in the block or too long`)
      actionIds.add(e.action_id)
    }
    const options = (e: Obj, max: number) => {
      check(between(e.options?.length ?? 0, 1, max), `${at}: ${e.options?.length} options`)
      for (const o of e.options ?? []) check(between(textOf(o.text).length, 1, SLACK.optionText) && between(o.value.length, 1, 150), `${at}: option ${o.value}`)
      const values = new Set((e.options ?? []).map((o: Obj) => o.value))
      for (const o of [...(e.initial_options ?? []), ...(e.initial_option ? [e.initial_option] : [])]) check(values.has(o.value), `${at}: initial option ${o.value} is not an option`)
    }
    switch (b.type) {
      case 'header':
        check(b.text.type === 'plain_text' && between(textOf(b.text).length, 1, SLACK.headerText), `${at}: header text`)
        break
      case 'section':
        check(Boolean(b.text || b.fields), `${at}: neither text nor fields`)
        if (b.text) check(between(textOf(b.text).length, 1, SLACK.sectionText), `${at}: text of ${textOf(b.text).length} characters`)
        if (b.fields) {
          check(between(b.fields.length, 1, SLACK.sectionFields), `${at}: ${b.fields.length} fields`)
          for (const f of b.fields) check(between(textOf(f).length, 1, SLACK.fieldText), `${at}: field of ${textOf(f).length} characters`)
        }
        break
      case 'context':
        check(between(b.elements.length, 1, 10), `${at}: ${b.elements.length} elements`)
        for (const e of b.elements) check(between(textOf(e).length, 1, SLACK.contextText), `${at}: text of ${textOf(e).length} characters`)
        break
      case 'divider':
        break
      case 'actions':
        check(between(b.elements.length, 1, 25), `${at}: ${b.elements.length} elements`)
        for (const e of b.elements) {
          element(e)
          check(e.type === 'button', `${at}: ${e.type} in actions`)
          check(between(textOf(e.text).length, 1, SLACK.buttonText), `${at}: button text "${textOf(e.text)}"`)
          if (e.value !== undefined) check(between(e.value.length, 1, SLACK.buttonValue), `${at}: button value of ${e.value.length} characters`)
          if (e.url !== undefined) check(e.url.length <= 3000, `${at}: url`)
        }
        break
      case 'input': {
        check(surface === 'modal', `${at}: input outside a modal`)
        check(between(textOf(b.label).length, 1, SLACK.inputLabel), `${at}: label`)
        if (b.hint) check(between(textOf(b.hint).length, 1, SLACK.hint), `${at}: hint`)
        const e = b.element
        element(e)
        switch (e.type) {
          case 'plain_text_input':
            if (e.max_length !== undefined) check(between(e.max_length, 1, 3000), `${at}: max_length ${e.max_length}`)
            if (e.placeholder) check(between(textOf(e.placeholder).length, 1, 150), `${at}: placeholder`)
            if (e.initial_value !== undefined && e.max_length !== undefined) check(e.initial_value.length <= e.max_length, `${at}: initial_value longer than max_length`)
            break
          case 'datepicker':
            if (e.initial_date !== undefined) check(/^\d{4}-\d{2}-\d{2}$/.test(e.initial_date), `${at}: initial_date ${e.initial_date}`)
            break
          case 'checkboxes':
            options(e, SLACK.checkboxOptions)
            break
          case 'static_select':
          case 'multi_static_select':
            options(e, SLACK.selectOptions)
            break
          default:
            problems.push(`${at}: unexpected element ${e.type}`)
        }
        break
      }
      default:
        problems.push(`${at}: unexpected block type`)
    }
  })
  return problems
}

function modalProblems(view: SlackView): string[] {
  const problems = blockKitProblems(view.blocks, 'modal')
  const check = (ok: boolean, what: string) => void (ok || problems.push(what))
  const plainText = (t: unknown, what: string) => {
    const o = t as Obj | undefined
    check(o?.type === 'plain_text' && textOf(o).length >= 1 && textOf(o).length <= SLACK.modalTitle, `${what}: ${JSON.stringify(o)}`)
    // Clipping keeps Slack happy but shows "…": the wording itself should fit.
    check(!textOf(o).endsWith('…'), `${what} was clipped: ${textOf(o)}`)
  }
  check(view.type === 'modal', 'not a modal')
  plainText(view.title, 'title')
  if (view.close) plainText(view.close, 'close')
  const hasInputs = view.blocks.some((b) => b.type === 'input')
  if (hasInputs || view.submit) plainText(view.submit, 'submit')
  if (view.callback_id !== undefined) check(view.callback_id.length <= 255, 'callback_id')
  if (view.private_metadata !== undefined) {
    check(view.private_metadata.length <= SLACK.privateMetadata, `private_metadata of ${view.private_metadata.length} characters`)
    let isJson = true
    try {
      JSON.parse(view.private_metadata)
    } catch {
      isJson = false
    }
    check(isJson, 'private_metadata is not JSON (was it clipped?)')
  }
  return problems
}

describe('Slack: Block Kit limits', () => {
  it('the checker does catch broken blocks', () => {
    const tooLong = { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }
    const twoIds = { type: 'actions', elements: [1, 2].map(() => ({ type: 'button', action_id: 'same', text: { type: 'plain_text', text: 'Go' } })) }
    const bigInput = { type: 'input', block_id: 'a', label: { type: 'plain_text', text: 'A' }, element: { type: 'plain_text_input', action_id: 'a', max_length: 4000 } }
    expect(blockKitProblems([tooLong, twoIds, bigInput, { ...bigInput, element: { ...bigInput.element, max_length: 10 } }], 'modal')).toEqual([
      'block 0 (section): text of 3001 characters',
      'block 1 (actions): action_id same repeated in the block or too long',
      'block 2 (input): max_length 4000',
      'block 3 (input): block_id a repeated or too long',
    ])
    expect(modalProblems({ type: 'modal', title: { type: 'plain_text', text: 'A title that is far too long' }, blocks: [bigInput] })).toEqual(
      expect.arrayContaining(['block 0 (input): max_length 4000', expect.stringMatching(/^title/), 'submit: undefined']),
    )
  })

  it.each(CARDS)('message: %s', (_name, card) => {
    expect(blockKitProblems(cardToBlocks(card), 'message')).toEqual([])
  })

  it.each(CARDS)('card in a modal: %s', (_name, card) => {
    expect(modalProblems(cardToModal(card, 'Learning Loop'))).toEqual([])
  })

  it.each(SLACK_MODAL_FORMS)('form modal: %s', (_name, form) => {
    expect(modalProblems(formToModal(form))).toEqual([])
  })

  it('keeps a form answer Slack cannot hold within its 3000-character input', () => {
    const modal = formToModal(formOf(FORM_DEFS.find((d) => d.verb === 'referral.submit')!, FORM_DATA['referral.submit']))
    const whatHappened = modal.blocks.find((b) => b.block_id === 'whatHappened') as Obj
    expect(whatHappened.element.max_length).toBe(3000)
  })

  it('shortens a list longer than 100 blocks and says so', () => {
    const card: Card = { title: 'Long', blocks: Array.from({ length: 150 }, (_, i) => ({ type: 'text' as const, text: `Line ${i}` })) }
    const blocks = cardToBlocks(card)
    expect(blocks).toHaveLength(100)
    expect(JSON.stringify(blocks.at(-1))).toContain('this list was shortened')
    expect(blockKitProblems(blocks, 'message')).toEqual([])
  })
})

describe('coverage', () => {
  /** Exported helpers that build parts of cards, not whole cards. */
  const HELPERS = ['refreshUserIds', 'statusTone', 'actionButtons', 'nationalReviewLine']
  const COVERED = [
    'helpCard', 'messageCard', 'notUnderstoodCard', 'nothingToCancelCard', 'cancelledCard', 'signOffsCard',
    'screeningCard', 'referralConfirmationCard', 'myReferralsCard', 'awaitingDecisionCard',
    'noticeCard', 'digestCard', 'reviewStatusCard', 'localReviewCard', 'reviewTypesCard', 'themesCard',
    'myActionsCard', 'actionOverviewCard', 'escalationsCard',
  ]

  it('every card builder in cards/messages is checked here', () => {
    const exported = [general, referralCards, notices, reviewCards, localReviewCards, actionCards].flatMap((m) =>
      Object.entries(m).filter(([, v]) => typeof v === 'function').map(([name]) => name),
    )
    expect(exported.filter((name) => !HELPERS.includes(name) && !COVERED.includes(name))).toEqual([])
  })

  it('every form in the registry is rendered here with realistic data', () => {
    expect(FORM_DEFS.filter((d) => !(d.verb in FORM_DATA)).map((d) => d.verb)).toEqual([])
  })
})

describe('what a person typed is shown as typed', () => {
  const typed = 'See [Open the secure case file](https://files.example/case) and N**T _now_ `x`\n1. first\n- second'
  const card: Card = { title: 'Referral', blocks: [{ type: 'text', text: typed }, { type: 'facts', facts: [{ label: 'Why', value: typed }] }] }

  it('Teams: markdown characters are escaped, so no live link, emphasis or list is made', () => {
    const json = cardToAdaptive(card)
    const [text, facts] = json.body.slice(1) as { text?: string; facts?: { value: string }[] }[]
    for (const shown of [text!.text!, facts!.facts![0]!.value]) {
      expect(shown).toContain('\\[Open the secure case file\\](https://files.example/case)')
      expect(shown).toContain('N\\*\\*T \\_now\\_ \\`x\\`')
      expect(shown).toContain('\n1\\. first\n\\- second')
    }
  })

  it('Slack: text is plain_text, never mrkdwn', () => {
    const blocks = cardToBlocks(card)
    const texts = blocks.slice(1).flatMap((b) => [b.text, ...((b.fields as unknown[]) ?? [])]).filter(Boolean) as Obj[]
    expect(texts.length).toBe(2)
    for (const t of texts) expect(t).toMatchObject({ type: 'plain_text' })
    expect(JSON.stringify(blocks)).toContain('[Open the secure case file](https://files.example/case)')
  })
})

describe('digest size', () => {
  it('counts the items a digest message does not carry', () => {
    const items = NOTICES['nudge.digest'].items.slice(0, 20)
    const card = digestCard({ template: 'nudge.digest', items, more: 480 })
    expect(card.title).toBe('Reminders: 500 items')
    const last = card.blocks.at(-1)
    expect(last).toMatchObject({ type: 'text', text: 'And 485 more: type "my actions" or "review status".' })
  })
})
