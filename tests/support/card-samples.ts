/**
 * Every card and form the app can emit, built from realistic and worst-case inputs: shared by the rendering
 * checks (tests/cards.test.ts) and the wording checks (tests/wording.test.ts).
 */
import { CONFIRM_SENSITIVE_FIELD } from '../../cards/forms/shared.js'
import { type AnyForm, formOf } from '../../cards/interaction.js'
import {
  cancelledCard,
  helpCard,
  messageCard,
  nothingToCancelCard,
  notUnderstoodCard,
  signOffsCard,
} from '../../cards/messages/general.js'
import { localReviewCard } from '../../cards/messages/local-review-card.js'
import { digestCard, noticeCard } from '../../cards/messages/notices.js'
import {
  awaitingDecisionCard,
  myReferralsCard,
  referralConfirmationCard,
  screeningCard,
} from '../../cards/messages/referral-cards.js'
import { reviewStatusCard, reviewTypesCard, themesCard } from '../../cards/messages/review-cards.js'
import { actionOverviewCard, escalationsCard, myActionsCard } from '../../cards/messages/action-cards.js'
import type { ActionLine } from '../../services/actions/index.js'
import type { Action, Card, Field, FieldValue, Form } from '../../cards/model.js'
import { INTERACTIONS } from '../../cards/registry.js'
import type { Verb } from '../../cards/verbs.js'
import { SLACK } from '../../cards/render/limits.js'
import type { Notice } from '../../services/notifications/notification.schema.js'
import {
  CRITERIA,
  NOTIFICATION_TASKS,
  type NotificationView,
  type ReferralSummary,
  type ReferralView,
} from '../../services/referrals/index.js'
import { notificationCard, notificationsListCard } from '../../cards/messages/notification-cards.js'
import type { ReviewStatusLine } from '../../services/reviews/index.js'
import type { LocalReviewView } from '../../services/reviews/local-review.view.js'
import { myTasksCard } from '../../cards/messages/tasks-card.js'
import {
  nationalLearningCard,
  productCard,
  productMessageCard,
  productsCard,
  progressCard,
  reachCard,
} from '../../cards/messages/learning-cards.js'
import type { ProductView, ReachRow, ReachView } from '../../services/learning/learning.schema.js'
import type { ProductMessage } from '../../services/broadcast/broadcast.schema.js'
import type { MyTask } from '../../services/tasks/index.js'
import {
  audienceSurveysCard,
  courseCard,
  courseChoiceCard,
  courseResultsCard,
  surveyResultsCard,
  trainingOverviewCard,
} from '../../cards/messages/training-cards.js'
import type {
  AudienceSurveyLine,
  CourseResults,
  CourseView,
  Figure,
  ResultsBlock,
  SessionLine,
  SurveyForm,
  SurveyResults,
  TrainingOverview,
} from '../../services/training/index.js'
import { DEFAULT_SURVEYS } from '../../services/training/survey-defaults.js'
import { surveyFields, type SurveyField } from '../../services/training/survey-definition.schema.js'
import { AUDIT_CARDS, AUDIT_FORM_DATA } from './audit-samples.js'

// ------------------------------------------------------------------ realistic inputs

/** Ordinary case prose of exactly `n` characters, with characters Slack must escape (A&E, <, >). */
export const prose = (n: number) =>
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
  id: '7f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c',
  referralId: REFERRAL_ID,
  reference: 'NSCP-2026-0001',
  status: 'PENDING',
  statusLabel: 'Notification to the national Panel due',
  panelRequired: true,
  lookedAfterDeath: true,
  anchor: '2026-11-27',
  anchorIs: 'agency-aware',
  isProvisional: true,
  agencyAwareOn: '2026-11-27',
  laAwareOn: null,
  notifiedOn: null,
  decidedBy: null,
  decidedAt: null,
  reasons: null,
  lead: 'Kate Morgan',
  tasks: (['panel', 'partners', 'secretary-of-state', 'ofsted'] as const).map((key, i) => ({
    id: `t${i}`,
    key,
    label: NOTIFICATION_TASKS[key],
    dueDate: '2026-12-04',
    status: 'OPEN' as const,
    doneOn: null,
  })),
  ...overrides,
})

export function referralView(overrides: Partial<ReferralView> = {}): ReferralView {
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
      notifyPanelBy: '2026-12-04',
      partnersToldBy: '2026-12-04',
      secretaryOfStateBy: '2026-12-04',
      ofstedBy: '2026-12-04',
      isProvisional: true,
      rapidReviewMeetingBy: '2026-12-15',
      rapidReviewDue: '2026-12-18',
      overdue: ['rapidReviewDue'],
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
      caseReference: 'HV-2026-1182',
      whatHappened: prose(4000),
      whyReview: prose(2000),
      referrerName: 'Priya Shah',
      criteria: Object.values(CRITERIA),
      location: "In the partnership's area",
      lookedAfter: true,
    },
    agencyChoices: AGENCIES.map((a) => ({ value: a.key, label: a.name })),
    deciders: [
      {
        personId: 'p-helen',
        name: 'Helen Marsh',
        teamsAadObjectId: 'a0000000-0000-4000-8000-000000000005',
        teamsUserId: '29:helen',
        slackUserId: 'U0HELENM05',
      },
      {
        personId: 'p-deputy',
        name: 'Deputy Chair',
        teamsAadObjectId: 'a0000000-0000-4000-8000-000000000010',
        teamsUserId: null,
        slackUserId: null,
      },
    ],
    ...overrides,
  }
}
const decidedView = referralView({
  status: 'NO_REVIEW',
  statusLabel: 'No review',
  isOpen: false,
  isSeriousIncident: false,
  notification: null,
  isRapidReviewCase: false,
  decisions: [],
  clocks: {
    notifyPanelBy: null,
    partnersToldBy: null,
    secretaryOfStateBy: null,
    ofstedBy: null,
    isProvisional: false,
    rapidReviewMeetingBy: null,
    rapidReviewDue: null,
    overdue: [],
  },
  decision: { by: 'Helen Marsh', at: '2026-12-04T16:30:00.000Z', rationale: prose(2000) },
})
/** Not a serious incident: the chair chooses another review or none. */
const otherView = referralView({
  isSeriousIncident: false,
  notification: null,
  isRapidReviewCase: false,
  decisions: ['learning-review', 'single-agency', 'good-practice', 'no-review'],
  clocks: decidedView.clocks,
})
/** Found not notifiable, with the lead's reasons. */
const notNotifiableView = referralView({
  notification: notificationView({
    status: 'NOT_NOTIFIABLE',
    statusLabel: 'Found not notifiable by the local authority',
    reasons: prose(2000),
    decidedBy: 'Kate Morgan',
    decidedAt: '2026-12-02T10:00:00.000Z',
  }),
  isRapidReviewCase: false,
  decisions: ['learning-review', 'single-agency', 'good-practice', 'no-review'],
})

const summaries: ReferralSummary[] = Array.from({ length: 20 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  reference: `NSCP-2026-${String(i + 1).padStart(4, '0')}`,
  status: (['AWAITING_SCREENING', 'INFO_REQUESTED', 'RAPID_REVIEW', 'NO_REVIEW'] as const)[i % 4]!,
  statusLabel: ['Awaiting screening', 'More information requested', 'Rapid review started', 'No review'][i % 4]!,
  submittedAt: `2026-${String((i % 12) + 1).padStart(2, '0')}-15T10:00:00.000Z`,
}))

/** One of each notice template; typed so a new template does not compile until it has a sample here. */
const COURSE_TITLE = 'Hearing the voice of the child: recording what children say and do, across agencies'
export const NOTICES: { [T in Notice['template']]: Extract<Notice, { template: T }> } = {
  'referral.outcome': {
    template: 'referral.outcome',
    referralId: REFERRAL_ID,
    reference: 'NSCP-2026-0001',
    status: 'NO_REVIEW',
    decidedBy: 'Helen Marsh',
    rationale: prose(2000),
  },
  'referral.question': {
    template: 'referral.question',
    referralId: REFERRAL_ID,
    reference: 'NSCP-2026-0001',
    questionId: '00000001-0000-4000-8000-000000000000',
    question: prose(1000),
    askedBy: 'Helen Marsh',
  },
  'incident.notification-task': {
    template: 'incident.notification-task',
    notificationId: 'n1',
    reference: 'NSCP-2026-0001',
    dueDate: '2026-12-04',
    isProvisional: true,
    panelRequired: true,
    lookedAfterDeath: true,
  },
  'incident.partners-told': {
    template: 'incident.partners-told',
    notificationId: 'n1',
    reference: 'NSCP-2026-0001',
    by: 'Kate Morgan',
    panelDueDate: '2026-12-04',
    isProvisional: true,
  },
  'incident.decision': {
    template: 'incident.decision',
    notificationId: 'n1',
    reference: 'NSCP-2026-0001',
    decision: 'not-notifiable',
    reasons: prose(2000),
    by: 'Kate Morgan',
  },
  'review.information-request': {
    template: 'review.information-request',
    reviewId: 'r1',
    milestoneId: 'm1',
    reference: 'NSCP-2026-0001',
    agency: 'Northshire Police',
    dueDate: '2026-12-11',
  },
  'review.panel-notification': {
    template: 'review.panel-notification',
    reviewId: 'r1',
    reference: 'NSCP-2026-0001',
    dueDate: '2026-12-04',
  },
  'review.approval-request': {
    template: 'review.approval-request',
    reviewId: 'r1',
    reference: 'NSCP-2026-0001',
    recommendation: 'Commission a local child safeguarding practice review',
    rationale: prose(2000),
    recordedBy: 'Helen Marsh',
    round: 2,
    recommendationKey: 'lcspr',
    tests: ['improvements-needed', 'recurring-themes'],
    immediateLearning: prose(4000),
  },
  'review.decision': {
    template: 'review.decision',
    reviewId: 'r1',
    reference: 'NSCP-2026-0001',
    decision: 'recommendation-agreed',
    round: 2,
    by: 'Mark Ellis, Joanne Clarke, Nadia Hussain',
    recommendation: 'Commission a local child safeguarding practice review',
    canChallenge: true,
  },
  'review.challenge': {
    template: 'review.challenge',
    reviewId: 'r1',
    reference: 'NSCP-2026-0001',
    decision: 'recommendation-sent-back',
    by: 'Robert Finch',
    text: prose(4000),
  },
  'review.published': {
    template: 'review.published',
    reviewId: 'r1',
    reference: 'NSCP-2026-0001',
    typeName: 'Local child safeguarding practice review',
    url: 'https://northshire.example/reviews/nscp-2026-0001.pdf',
    form: 'summary',
  },
  'review.perspective-invitation': {
    template: 'review.perspective-invitation',
    reviewId: 'r1',
    reference: 'NSCP-2026-0001',
    invitedBy: 'Helen Marsh',
  },
  'review.approved': {
    template: 'review.approved',
    reviewId: 'r1',
    reference: 'NSCP-2026-0001',
    decision: 'send-back',
    by: 'Joanne Clarke',
    note: prose(2000),
  },
  'referral.answered': {
    template: 'referral.answered',
    referralId: 'f1',
    reference: 'NSCP-2026-0001',
    questionId: 'q1',
    question: prose(500),
    answer: prose(2000),
    by: 'Priya Shah',
  },
  'review.commissioned': {
    template: 'review.commissioned',
    reviewId: 'r1',
    reference: 'NSCP-2026-0001',
    recommendation: 'lcspr',
  },
  'recurrence.flagged': {
    template: 'recurrence.flagged',
    flagId: '00000000-0000-4000-8000-00000000f1a9',
    theme: 'Information sharing',
    findingReference: 'NSCP-2026-0009',
    earlier: Array.from({ length: 20 }, (_, i) => ({
      reference: `NSCP-A-2025-${String(i + 1).padStart(4, '0')}`,
      verifiedOn: '2026-03-03',
    })),
  },
  'learning.approval-request': {
    template: 'learning.approval-request',
    productId: 'lp1',
    reference: 'NSCP-LP-2026-0001',
    title: prose(150),
    kindLabel: '7-minute briefing',
    by: 'Helen Marsh',
  },
  'learning.approved': {
    template: 'learning.approved',
    productId: 'lp1',
    reference: 'NSCP-LP-2026-0001',
    title: prose(150),
    by: 'Aisha Khan',
  },
  'learning.not-reachable': {
    template: 'learning.not-reachable',
    productId: 'lp1',
    reference: 'NSCP-LP-2026-0001',
    title: prose(150),
    agency: 'Northshire Police',
    people: Array.from({ length: 100 }, (_, i) => ({
      name: `Officer ${i}`,
      reason: 'not reachable: never opened Learning Loop',
    })),
    more: 340,
  },
  'nudge.digest': {
    template: 'nudge.digest',
    items: Array.from({ length: 30 }, (_, i) => ({
      ...(i % 3 === 2 ? { returnId: `r${i}` } : i % 2 ? { milestoneId: `m${i}` } : { actionId: `a${i}` }),
      reference: `NSCP-2026-${String(i + 1).padStart(4, '0')}`,
      label: 'Agency chronology summary',
      dueDate: '2026-12-11',
      reason: (['due-soon', 'due-today', 'overdue', 'escalation', 'impact-due'] as const)[i % 5]!,
      daysLate: i % 5 >= 2 ? i : 0,
      responsible: 'Dana Okafor',
    })),
  },
  'audit.opened': {
    template: 'audit.opened',
    returnId: 'r1',
    reference: 'NSCP-AUD-2026-0001',
    title: 'Section 11 audit 2026',
    type: 'section-11',
    participant: 'Northshire NHS Foundation Trust',
    deadline: '2027-01-29',
    openedBy: 'Gareth Lloyd',
    carried: 48,
    caseLabel: 'Case 12',
    caseReference: 'RX9-118823',
  },
  'audit.sign-off-request': {
    template: 'audit.sign-off-request',
    returnId: 'r1',
    reference: 'NSCP-AUD-2026-0002',
    title: 'Section 175/157 schools audit 2026',
    participant: 'Northshire Academy',
    by: 'Ben Carter',
    isSchool: true,
  },
  'audit.for-chair': {
    template: 'audit.for-chair',
    event: 'signed-off',
    auditId: 'a1',
    returnId: 'r1',
    reference: 'NSCP-AUD-2026-0001',
    participant: 'Northshire Police',
    by: 'Joanne Clarke',
  },
  'audit.moderation': {
    template: 'audit.moderation',
    event: 'challenged',
    returnId: 'r1',
    reference: 'NSCP-AUD-2026-0001',
    participant: 'Northshire Police',
    by: 'Gareth Lloyd',
    changed: 3,
  },
  'action.assigned': {
    template: 'action.assigned',
    actionId: 'a1',
    reference: 'NSCP-ACT-2026-0001',
    what: prose(2000),
    dueDate: '2027-03-31',
    measure: prose(2000),
    by: 'Helen Marsh',
  },
  'action.date-change': {
    template: 'action.date-change',
    actionId: 'a1',
    reference: 'NSCP-ACT-2026-0001',
    what: prose(2000),
    currentDue: '2027-03-31',
    proposedDue: '2027-05-31',
    reason: prose(1000),
    by: 'Sam Patel',
  },
  'action.handed-back': {
    template: 'action.handed-back',
    actionId: 'a1',
    reference: 'NSCP-ACT-2026-0001',
    what: prose(2000),
    reason: prose(1000),
    by: 'Sam Patel',
  },
  'action.verify-request': {
    template: 'action.verify-request',
    actionId: 'a1',
    reference: 'NSCP-ACT-2026-0001',
    what: prose(2000),
    measure: prose(2000),
    evidence: prose(3000),
    links: ['https://northshire.example/audit-q3.pdf', 'SharePoint: Audits/Q3'],
    by: 'Sam Patel',
  },
  'action.update': {
    template: 'action.update',
    actionId: 'a1',
    reference: 'NSCP-ACT-2026-0001',
    message: prose(1000),
    dueDate: '2027-03-31',
  },
  'action.impact-check': {
    template: 'action.impact-check',
    actionId: 'a1',
    reference: 'NSCP-ACT-2026-0001',
    what: prose(2000),
    measure: prose(2000),
  },
  'training.session': {
    template: 'training.session',
    sessionId: 's1',
    courseTitle: COURSE_TITLE,
    date: '2026-12-03',
    startTime: '09:30',
    endTime: '12:30',
    change: 'registered',
    by: 'Aisha Khan',
    beforeSurveyId: 'sv0',
  },
  'training.survey': {
    template: 'training.survey',
    surveyId: 'sv1',
    kind: 'after',
    title: COURSE_TITLE,
    courseTitle: COURSE_TITLE,
    sessionDate: '2026-12-03',
    anonymous: true,
    closesOn: '2027-01-28',
    reminder: 2,
    isCourse: true,
  },
}

// ------------------------------------------------------------------ training and surveys

const OUTCOMES = Array.from({ length: 5 }, (_, i) => `Outcome ${i + 1}: ${prose(180)}`)
const sessionLine = (i: number): SessionLine => ({
  id: `s${i}`,
  courseId: 'c1',
  courseReference: 'NSCP-TRN-2026-0001',
  courseTitle: COURSE_TITLE,
  date: '2026-12-03',
  startTime: '09:30',
  endTime: '12:30',
  status: i === 3 ? 'CANCELLED' : 'SCHEDULED',
  capacity: 500,
  booked: 499,
  audience: AGENCIES.map((a) => a.name).join(', '),
  myBooking: i % 2 ? 'BOOKED' : 'ATTENDED',
  isPast: i % 2 === 0,
})
const TRAINING_OVERVIEW: TrainingOverview = {
  open: Array.from({ length: 12 }, (_, i) => sessionLine(i)),
  mine: Array.from({ length: 12 }, (_, i) => sessionLine(i)),
  courses: Array.from({ length: 20 }, (_, i) => ({
    id: `c${i}`,
    reference: `NSCP-TRN-2026-00${10 + i}`,
    title: COURSE_TITLE,
    sessions: i,
  })),
  canCreate: true,
  canSendSurveys: true,
  managerAnswers: Array.from({ length: 12 }, () => ({
    course: COURSE_TITLE,
    about: 'Priya Shah',
    change: 'Too early to say',
  })),
}
const COURSE_VIEW: CourseView = {
  id: 'c1',
  reference: 'NSCP-TRN-2026-0001',
  title: COURSE_TITLE,
  outcomes: OUTCOMES,
  theme: 'Voice of the child',
  respondsTo: 'NSCP-2026-0001, NSCP-AUD-2026-0003',
  trainer: 'Aisha Khan',
  anonymous: true,
  sessions: Array.from({ length: 10 }, (_, i) => ({
    ...sessionLine(i),
    attendees: Array.from({ length: 40 }, (_, j) => ({
      bookingId: `b${j}`,
      personId: `p${j}`,
      name: `Person ${j} Longname-Doublebarrel`,
      status: 'BOOKED' as const,
    })),
  })),
  canManage: true,
  canSeeResults: true,
}
const figure = (withheld: boolean, value: number): Figure => ({ n: withheld ? 4 : 120, value: withheld ? null : value })
function resultsBlockSample(withheld: boolean): ResultsBlock {
  return {
    invited: 150,
    answered: withheld ? 4 : 120,
    responseRate: 0.8,
    relevance: figure(withheld, 4.2),
    quality: figure(withheld, 3.9),
    outcomes: OUTCOMES.map((outcome, i) => ({
      outcome,
      before: figure(withheld, 2.1),
      after: figure(withheld, 4.3),
      uplift: withheld ? null : i === 4 ? -0.3 : 2.2,
    })),
    followUp: {
      invited: 120,
      answered: withheld ? 0 : 90,
      applied: figure(withheld, 0.6),
      partly: figure(withheld, 0.3),
    },
    managers: {
      invited: 100,
      answered: withheld ? 2 : 70,
      sawChange: figure(withheld, 0.5),
      partly: figure(withheld, 0.2),
      tooEarly: 7,
    },
    quotes: withheld ? [] : [prose(280), prose(200), prose(150)],
    suppressed: withheld,
  }
}
function courseResults(withheld: boolean): CourseResults {
  return {
    courseId: 'c1',
    reference: 'NSCP-TRN-2026-0001',
    title: COURSE_TITLE,
    outcomes: OUTCOMES,
    anonymous: true,
    minAnswers: 5,
    course: resultsBlockSample(withheld),
    sessions: Array.from({ length: 8 }, (_, i) => ({
      ...resultsBlockSample(withheld || i % 2 === 0),
      sessionId: `s${i}`,
      date: '2026-12-03',
      attended: 30,
    })),
    pageUrl: `https://learning-loop.example/training/results?t=${'x'.repeat(180)}`,
    spreadsheetUrl: `https://learning-loop.example/training/results.xlsx?t=${'x'.repeat(180)}`,
  }
}
const AUDIENCE_SURVEYS: AudienceSurveyLine[] = Array.from({ length: 12 }, (_, i) => ({
  id: `sv${i}`,
  title: 'Practitioner survey: safeguarding in your agency',
  opensOn: '2026-12-01',
  closesOn: '2027-01-15',
  anonymous: i % 2 === 0,
  invited: 2000,
  answered: 1500,
  publicUrl: i % 3 === 0 ? 'https://learning-loop.example/s/AbCdEfGhIjKlMnOpQrStUvWx' : null,
  status: (['SCHEDULED', 'OPEN', 'CLOSED'] as const)[i % 3]!,
}))
function surveyResults(withheld: boolean): SurveyResults {
  return {
    id: 'sv1',
    title: 'Practitioner survey: safeguarding in your agency',
    anonymous: true,
    invited: 2000,
    answered: withheld ? 3 : 1500,
    minAnswers: 5,
    suppressed: withheld,
    questions: Array.from({ length: 12 }, (_, i) => ({
      label: prose(300),
      kind: (['scale', 'single', 'multiple', 'text'] as const)[i % 4]!,
      n: 1500,
      mean: i % 4 === 0 ? 3.4 : null,
      counts: i % 4 === 3 ? [] : Array.from({ length: 10 }, (_, j) => ({ label: `Answer ${j}`, count: j * 10 })),
      quotes: i % 4 === 3 ? [prose(280), prose(280), prose(280)] : [],
    })),
    themes: [
      { theme: 'Voice of the child', count: 40 },
      { theme: 'Information sharing', count: 12 },
    ],
  }
}
const SURVEY_FORM = (fields: SurveyField[]): SurveyForm => ({
  surveyId: 'sv1',
  title: COURSE_TITLE,
  kind: 'after',
  anonymous: true,
  courseTitle: COURSE_TITLE,
  sessionDate: '2026-12-03',
  aboutName: null,
  intro: prose(600),
  closesOn: '2027-01-28',
  fields,
})
const TRAINER_SESSION = {
  id: 's1',
  courseId: 'c1',
  courseTitle: COURSE_TITLE,
  date: '2026-12-03',
  startTime: '09:30',
  endTime: '12:30',
  capacity: 500,
  bookings: Array.from({ length: 45 }, (_, i) => ({
    bookingId: `b${i}`,
    name: `Person ${i} Longname-Doublebarrel`,
    status: 'BOOKED' as const,
    statusLabel: 'Booked',
  })),
  people: Array.from({ length: 100 }, (_, i) => ({ value: `p${i}`, label: `Person ${i}, Safeguarding Practitioner` })),
}

const statusLines: ReviewStatusLine[] = Array.from({ length: 15 }, (_, i) => ({
  reviewId: `r${i}`,
  reference: `NSCP-2026-${String(i + 1).padStart(4, '0')}`,
  typeKey: i % 3 === 0 ? 'lcspr' : 'rapid-review',
  typeName: i % 3 === 0 ? 'Local child safeguarding practice review' : 'Rapid review',
  awaitsPanelReply: i % 3 === 1,
  status: i % 2 ? 'Gathering agency information' : 'Awaiting approval',
  next:
    i % 5 === 4
      ? null
      : {
          milestoneId: `m${i}`,
          key: i % 2 ? 'agency-information:police' : 'sent-to-panel',
          label: 'Agency chronology summary',
          dueDate: '2026-12-11',
          workingDaysLate: i % 3,
          responsible: i % 2 ? 'Dana Okafor' : null,
        },
  openMilestones: 4,
  toSendToPanel: i % 4 === 3 ? `m${i}` : null,
  canRecordOutcome: i % 3 !== 0 && i % 2 === 1,
  nationalReview:
    i % 4 === 2
      ? {
          panelReference: 'NR-2027-03',
          takenOn: '2027-01-12',
          reviewId: `r${i}`,
          linked: [
            { reviewId: `r${i}`, typeName: 'Rapid review' },
            { reviewId: 'x', typeName: 'Local child safeguarding practice review' },
          ],
        }
      : null,
}))

const THEMES = [
  'Neglect',
  'Voice of the child',
  'Information sharing',
  'Professional curiosity',
  'Escalation',
  'Domestic abuse',
  'Parental mental health',
  'Substance misuse',
  'Supervision',
  'Early help',
]
const PEOPLE = Array.from({ length: 40 }, (_, i) => ({
  value: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  label: `Practitioner ${i + 1} (Social Worker, Northshire Council Children's Social Care)`,
}))

function localReview(overrides: Partial<LocalReviewView> = {}): LocalReviewView {
  // Eight findings of a long paragraph each. (At the form's 3000-character maximum, eight findings and six
  // recommendations make a 52 KB card: too big for Teams. Reported, not hidden by this input.)
  const learningPoints = Array.from({ length: 8 }, (_, i) => ({
    id: `lp${i}`,
    kind: i % 2 ? 'Good practice' : 'Area for improvement',
    text: prose(1200),
    themes: THEMES.slice(0, 3),
  }))
  return {
    id: 'r2',
    reference: 'NSCP-2026-0001',
    typeName: 'Local child safeguarding practice review (formerly serious case review)',
    status: 'IN_PROGRESS',
    dueBy: '2027-06-04',
    leadReviewer: 'Jo Bloggs, Independent Reviews Ltd',
    hasTerms: true,
    family: 'The family accepted',
    hasVoiceOfChild: false,
    publicationUrl: null,
    invited: 12,
    perspectives: 7,
    nationalReview: null,
    partnershipResponse: prose(3000),
    publication: {
      form: null,
      publishedOn: null,
      reasons: null,
      panelToldOn: null,
      earliestPublication: '2027-06-14',
      advanceCopy: {
        period: '7 working days',
        toBeConfirmedAgainst: 'Working Together 2023, chapter 5',
        sentOn: '2027-06-03',
      },
    },
    milestones: [
      {
        id: 'm1',
        key: 'terms',
        label: 'Agree terms of reference',
        dueDate: '2027-01-08',
        isDone: true,
        workingDaysLate: 0,
      },
      {
        id: 'm2',
        key: 'learning-event',
        label: 'Hold the practitioner learning event',
        dueDate: '2027-02-26',
        isDone: false,
        workingDaysLate: 3,
      },
      {
        id: 'm3',
        key: 'published',
        label: 'Publish the report',
        dueDate: '2027-06-04',
        isDone: false,
        workingDaysLate: 0,
      },
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
  templates: ['notify-panel', 'agency-information', 'panel-meets', 'outcome', 'approval', 'submit-to-panel'].map(
    (key, i) => ({
      key,
      label: `Milestone ${key.replace(/-/g, ' ')}`,
      due: { amount: i * 5 + 1, unit: i % 2 ? 'working-days' : 'calendar-months' },
      from: i % 2 ? 'awareness' : 'start',
    }),
  ),
}))

const actionLines: ActionLine[] = Array.from({ length: 30 }, (_, i) => ({
  id: `a${i}`,
  reference: `NSCP-ACT-2026-${String(i + 1).padStart(4, '0')}`,
  what: prose(2000),
  status: (['PROPOSED', 'OPEN', 'AWAITING_VERIFICATION', 'VERIFIED'] as const)[i % 4]!,
  statusLabel: 'In progress',
  dueDate: '2027-03-31',
  workingDaysLate: i % 3 ? 0 : i,
  agency: ['Northshire Police', 'Northshire NHS Foundation Trust'][i % 2]!,
  owner: 'Sam Patel',
  measure: prose(2000),
}))

/** `my tasks`: one of each kind of step, then enough actions to overflow the card. */
const myTasks: MyTask[] = [
  ...(
    [
      ['referrals', 'referral.answer', 'open', { questionId: 'q1' }, null],
      ['referrals', 'referral.refresh', 'submit', { referralId: REFERRAL_ID }, null],
      ['referrals', 'notification.open', 'submit', { notificationId: 'n1' }, '2026-11-20'],
      ['reviews', 'review.answer-information', 'open', { milestoneId: 'm1' }, '2026-12-14'],
      ['reviews', 'review.add-perspective', 'open', { reviewId: 'r1' }, '2027-01-10'],
      ['reviews', 'review.approve', 'submit', { reviewId: 'r1', round: '1', decision: 'agree' }, null],
      ['actions', 'action.verify', 'submit', { actionId: 'a1' }, null],
    ] as const
  ).map(
    ([group, verb, type, data, dueDate], i): MyTask => ({
      group,
      what: i === 0 ? "Answer the Case Review Group chair's question" : prose(140),
      reference: `NSCP-2026-000${i + 1}`,
      ...(i < 3 ? { caseReference: 'CSC/2026/004417' } : {}),
      dueDate,
      isOverdue: dueDate === '2026-11-20',
      steps: [{ type, verb, label: 'Act on it', data: { ...data }, positive: true }],
    }),
  ),
  ...Array.from(
    { length: 12 },
    (_, i): MyTask => ({
      group: 'actions',
      what: prose(140),
      reference: `NSCP-A-2026-${String(i + 1).padStart(4, '0')}`,
      dueDate: '2026-12-01',
      isOverdue: false,
      steps: [
        { type: 'open', verb: 'action.progress', label: 'Update', data: { actionId: `a${i}` } },
        { type: 'open', verb: 'action.complete', label: 'Mark complete', data: { actionId: `a${i}` }, positive: true },
        { type: 'open', verb: 'action.propose-date', label: 'Ask for more time', data: { actionId: `a${i}` } },
      ],
    }),
  ),
]

const SECTIONS = {
  background: prose(4000),
  whyItMatters: prose(4000),
  whatWeFound: prose(4000),
  whatItMeans: prose(4000),
  questions: prose(4000),
  furtherInformation: prose(4000),
}
const productView = (o: Partial<ProductView> = {}): ProductView => ({
  id: 'lp1',
  reference: 'NSCP-LP-2026-0001',
  kind: 'seven-minute-briefing',
  kindLabel: '7-minute briefing',
  title: prose(150),
  sections: SECTIONS,
  themes: ['Voice of the child', 'Professional curiosity', 'Information sharing'],
  source: 'the findings of NSCP-2026-0004',
  status: 'AWAITING_APPROVAL',
  statusLabel: 'waiting for the learning chair to approve it',
  authorName: 'Helen Marsh',
  approvedBy: null,
  canApprove: true,
  canSend: false,
  canCancel: false,
  canSeeReach: true,
  isRecipient: false,
  hasRead: false,
  canBrief: false,
  briefedOn: null,
  ...o,
})
const productMessage: ProductMessage = {
  template: 'learning.product',
  productId: 'lp1',
  reference: 'NSCP-LP-2026-0001',
  kindLabel: '7-minute briefing',
  title: prose(150),
  sections: SECTIONS,
  themes: ['Voice of the child'],
  source: 'the findings of NSCP-2026-0004',
  offerBriefing: true,
  inChannel: false,
}
const reachRow = (label: string, i: number): ReachRow => ({
  key: `k${i}`,
  label,
  queued: 2000 + i,
  delivered: 1990 + i,
  notReachable: 10,
  read: 1200 + i,
  teamsBriefed: 40 + i,
  staffBriefed: 480 + i,
})
const reachView: ReachView = {
  productId: 'lp1',
  reference: 'NSCP-LP-2026-0001',
  title: prose(150),
  kindLabel: '7-minute briefing',
  audience: 'everyone in the partnership',
  status: 'sending',
  scheduledFor: '2026-11-02T10:00:00.000Z',
  totals: {
    queued: 10_000,
    delivered: 4210,
    notReachable: 55,
    read: 2100,
    teamsBriefed: 140,
    staffBriefed: 1600,
    pending: 5735,
    channels: 2,
    cancelled: 0,
  },
  secondsLeft: 122,
  byAgency: AGENCIES.map((a, i) => reachRow(a.name, i)),
  byRole: [
    'practitioner',
    "agency's safeguarding lead",
    'headteacher',
    'designated safeguarding lead',
    'sub-group chair',
  ].map(reachRow),
  notReachable: Array.from({ length: 55 }, (_, i) => ({
    name: `Person ${i}`,
    agency: 'Northshire Police',
    reason: 'not reachable: never opened Learning Loop',
  })),
  overTime: [{ day: '2026-11-02', delivered: 4210, read: 2100, teamsBriefed: 140 }],
}

export const CARDS: [string, Card][] = [
  ['learning product, for approval', productCard(productView())],
  [
    'learning product, sending, read and briefed',
    productCard(
      productView({
        status: 'SENDING',
        statusLabel: 'sending',
        canApprove: false,
        canCancel: true,
        isRecipient: true,
        hasRead: true,
        canBrief: true,
        briefedOn: '2026-11-04',
        approvedBy: 'Aisha Khan',
      }),
      { text: 'Thank you: your team briefing is recorded.' },
    ),
  ],
  ['learning product message, manager', productMessageCard(productMessage)],
  [
    'learning product message, in a channel',
    productMessageCard({ ...productMessage, offerBriefing: false, inChannel: true }),
  ],
  ['learning product message, read', productMessageCard(productMessage, { read: true, briefedOn: '2026-11-04' })],
  [
    'broadcast progress, sending',
    progressCard({
      template: 'broadcast.progress',
      broadcastId: 'b1',
      productId: 'lp1',
      reference: 'NSCP-LP-2026-0001',
      title: prose(150),
      status: 'SENDING',
      total: 10_000,
      sent: 4210,
      notReachable: 12,
      failed: 0,
      cancelled: 0,
      secondsLeft: 122,
    }),
  ],
  [
    'broadcast progress, cancelled',
    progressCard({
      template: 'broadcast.progress',
      broadcastId: 'b1',
      productId: 'lp1',
      reference: 'NSCP-LP-2026-0001',
      title: prose(150),
      status: 'CANCELLED',
      total: 10_000,
      sent: 4210,
      notReachable: 12,
      failed: 0,
      cancelled: 5778,
      secondsLeft: null,
    }),
  ],
  ['reach', reachCard(reachView, 'https://learning-loop.example/reach/lp1?expires=1&sig=ab')],
  [
    'learning products',
    productsCard({
      canCreate: true,
      lines: Array.from({ length: 20 }, (_, i) => ({
        id: `lp${i}`,
        reference: `NSCP-LP-2026-${String(i + 1).padStart(4, '0')}`,
        title: prose(150),
        kindLabel: '7-minute briefing',
        statusLabel: 'sent',
        hasRead: i % 2 === 0,
      })),
    }),
  ],
  ['learning products, none', productsCard({ canCreate: false, lines: [] })],
  [
    'national learning',
    nationalLearningCard(
      Array.from({ length: 12 }, (_, i) => ({
        id: `nl${i}`,
        reference: `NSCP-NL-2026-${String(i + 1).padStart(4, '0')}`,
        title: prose(200),
        kindLabel: 'national Panel report',
        publishedOn: '2026-05-20',
        themes: ['Neglect', 'Voice of the child'],
        links: ['https://www.gov.uk/government/publications/example', 'https://learning.nspcc.org.uk/example'],
        actions: 3,
        products: 1,
        audits: 0,
      })),
      true,
    ),
  ],
  [
    'digest, learning products not read',
    digestCard({
      template: 'nudge.digest',
      items: [1, 2].map((n) => ({
        productId: `lp${n}`,
        reference: `NSCP-LP-2026-000${n}`,
        label: prose(150),
        dueDate: '2026-11-02',
        reason: 'not-read' as const,
        daysLate: 0,
      })),
    }),
  ],
  [
    'help',
    helpCard('Priya Shah', [
      { command: 'referral', description: 'Raise a review referral (no child names)' },
      { command: 'my actions', description: 'Your actions' },
    ]),
  ],
  ['message', messageCard('Something went wrong', 'Please try again in a minute.', 'attention')],
  ['did you mean', notUnderstoodCard('my actions')],
  ['not understood', notUnderstoodCard(null)],
  ['nothing to cancel', nothingToCancelCard()],
  ['cancelled', cancelledCard()],
  ['sign-offs', signOffsCard()],
  [
    'help, with things waiting',
    helpCard('Priya Shah', [{ command: 'my tasks', description: 'Everything waiting' }], 3),
  ],
  ['my tasks, nothing waiting', myTasksCard([])],
  ['my tasks, one of each and more than fit', myTasksCard(myTasks)],
  ['screening, chair, open with questions', screeningCard(referralView(), { canDecide: true })],
  [
    'screening, chair, with a notice',
    screeningCard(
      referralView({ status: 'AWAITING_SCREENING', statusLabel: 'Awaiting screening' }),
      { canDecide: true },
      { text: 'Priya Shah answered your question.', tone: 'good' },
    ),
  ],
  ['screening, not the chair', screeningCard(referralView(), { canDecide: false })],
  ['screening, decided', screeningCard(decidedView, { canDecide: true })],
  ['screening, no questions', screeningCard(referralView({ questions: [], agencies: [] }), { canDecide: false })],
  ['screening, chair, not a serious incident', screeningCard(otherView, { canDecide: true })],
  ['screening, chair, found not notifiable', screeningCard(notNotifiableView, { canDecide: true })],
  [
    'notification, lead',
    notificationCard(
      { notification: notificationView(), referral: referralView(), canRecord: true },
      { text: 'Recorded.', tone: 'good' },
    ),
  ],
  [
    'notification, partner',
    notificationCard({ notification: notNotifiableView.notification!, referral: referralView(), canRecord: false }),
  ],
  [
    'notifications list',
    notificationsListCard(
      Array.from({ length: 12 }, (_, i) =>
        notificationView({ id: `n${i}`, reference: `NSCP-2026-${String(i + 1).padStart(4, '0')}` }),
      ),
    ),
  ],
  ['notifications list, none', notificationsListCard([])],
  ['confirmation', referralConfirmationCard('NSCP-2026-0001', true)],
  ['confirmation, repeated', referralConfirmationCard('NSCP-2026-0001', false)],
  ['my referrals, 20', myReferralsCard(summaries)],
  ['my referrals, none', myReferralsCard([])],
  ['awaiting decision, 20', awaitingDecisionCard(summaries)],
  ['awaiting decision, none', awaitingDecisionCard([])],
  ...Object.values(NOTICES).map((n): [string, Card] => [`notice ${n.template}`, noticeCard(n)]),
  [
    'notice referral.outcome, rapid review',
    noticeCard({ ...NOTICES['referral.outcome'], status: 'RAPID_REVIEW', rationale: undefined }),
  ],
  ['digest, one item', digestCard({ template: 'nudge.digest', items: NOTICES['nudge.digest'].items.slice(0, 1) })],
  ['review status, chair', reviewStatusCard(statusLines, { canRecordOutcome: true })],
  ['review status, business manager', reviewStatusCard(statusLines, { canRecordOutcome: false, canRecordPanel: true })],
  ['review status, none', reviewStatusCard([], { canRecordOutcome: false })],
  ['review types, business manager', reviewTypesCard(REVIEW_TYPES, { canEdit: true })],
  ['review types, read only', reviewTypesCard(REVIEW_TYPES, { canEdit: false })],
  ['themes, business manager', themesCard(THEMES, { canEdit: true })],
  ['local review, in progress', localReviewCard(localReview(), { text: 'Saved.', tone: 'good' })],
  [
    'local review, just commissioned',
    localReviewCard(
      localReview({
        learningPoints: [],
        recommendations: [],
        leadReviewer: null,
        hasTerms: false,
        family: null,
        invited: 0,
        perspectives: 0,
      }),
    ),
  ],
  [
    'local review, last milestone',
    localReviewCard(
      localReview({
        milestones: [
          {
            id: 'm3',
            key: 'published',
            label: 'Publish the report',
            dueDate: '2027-06-04',
            isDone: false,
            workingDaysLate: 0,
          },
        ],
      }),
    ),
  ],
  ['my actions', myActionsCard(actionLines)],
  ['my actions, none', myActionsCard([])],
  [
    'action overview',
    actionOverviewCard({
      open: actionLines.slice(0, 10),
      overdue: actionLines.slice(10, 20),
      awaitingVerification: actionLines.slice(20, 25),
      notYetMeasured: actionLines.slice(25),
    }),
  ],
  [
    'action overview, empty',
    actionOverviewCard({ open: [], overdue: [], awaitingVerification: [], notYetMeasured: [] }),
  ],
  ['escalations', escalationsCard(actionLines.slice(0, 12))],
  [
    'local review, published',
    localReviewCard(
      localReview({ status: 'PUBLISHED', publicationUrl: 'https://northshire.example/reviews/nscp-2026-0001.pdf' }),
    ),
  ],
  [
    'local review, summary published, national review',
    localReviewCard(
      localReview({
        status: 'PUBLISHED',
        publicationUrl: 'https://northshire.example/reviews/nscp-2026-0001-summary.pdf',
        publication: { ...localReview().publication, form: 'summary', publishedOn: '2027-06-14', reasons: prose(4000) },
        nationalReview: {
          panelReference: 'NR-2027-03',
          takenOn: '2027-01-12',
          reviewId: 'r1',
          linked: [
            { reviewId: 'r1', typeName: 'Rapid review' },
            { reviewId: 'r2', typeName: 'Local child safeguarding practice review' },
          ],
        },
        milestones: [
          {
            id: 'm4',
            key: 'kept-online',
            label: 'Published report kept online for at least a year',
            dueDate: '2028-06-14',
            isDone: false,
            workingDaysLate: 0,
          },
        ],
      }),
    ),
  ],
  [
    'local review, not published',
    localReviewCard(
      localReview({
        status: 'NOT_PUBLISHED',
        publication: {
          ...localReview().publication,
          form: 'not-published',
          reasons: prose(4000),
          panelToldOn: '2027-06-10',
        },
        milestones: [
          {
            id: 'm4',
            key: 'kept-online',
            label: 'Published report kept online for at least a year',
            dueDate: '2028-06-14',
            isDone: false,
            isNotNeeded: true,
            workingDaysLate: 0,
          },
        ],
      }),
    ),
  ],
  [
    'notice review.approval-request, old approver',
    noticeCard({
      template: 'review.approval-request',
      reviewId: 'r1',
      reference: 'NSCP-2026-0001',
      recommendation: 'No further review',
      rationale: prose(2000),
      recordedBy: 'Helen Marsh',
    }),
  ],
  [
    'notice review.approval-request, LCSPR with no criteria',
    noticeCard({ ...NOTICES['review.approval-request'], tests: [] }),
  ],
  [
    'notice review.decision, business manager',
    noticeCard({ ...NOTICES['review.decision'], decision: 'not-published', canChallenge: undefined }),
  ],
  ...(['rescheduled', 'cancelled', 'attendance-due'] as const).map((change): [string, Card] => [
    `notice training.session, ${change}`,
    noticeCard({ ...NOTICES['training.session'], change, beforeSurveyId: undefined }),
  ]),
  ...(['before', 'follow-up', 'manager', 'audience'] as const).map((kind): [string, Card] => [
    `notice training.survey, ${kind}`,
    noticeCard({
      ...NOTICES['training.survey'],
      kind,
      anonymous: kind !== 'manager',
      reminder: undefined,
      ...(kind === 'manager' ? { aboutPersonId: 'p1', aboutName: 'Priya Shah' } : {}),
      isCourse: kind !== 'audience',
    }),
  ]),
  ['training overview', trainingOverviewCard(TRAINING_OVERVIEW)],
  [
    'training overview, nothing to book',
    trainingOverviewCard({ ...TRAINING_OVERVIEW, open: [], mine: [], courses: [] }),
  ],
  ['course', courseCard(COURSE_VIEW)],
  ['course results', courseResultsCard(courseResults(false))],
  ['course results, withheld', courseResultsCard(courseResults(true))],
  [
    'which course',
    courseChoiceCard(
      Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, reference: `NSCP-TRN-2026-000${i}`, title: COURSE_TITLE })),
    ),
  ],
  ['no course found', courseChoiceCard([])],
  ['surveys', audienceSurveysCard(AUDIENCE_SURVEYS)],
  ['survey results', surveyResultsCard(surveyResults(false))],
  ['survey results, withheld', surveyResultsCard(surveyResults(true))],
  ...AUDIT_CARDS,
]

const OPTIONS = (labels: string[]) => labels.map((label, i) => ({ value: `v${i}`, label }))
const ACTION_REF = { id: 'a1', reference: 'NSCP-ACT-2026-0001', what: prose(2000) }
const REVIEW_REF = { id: 'r1', reference: 'NSCP-2026-0001' }
const CHOICES = {
  agencies: AGENCIES.map((a) => ({ value: a.key, label: a.name })),
  people: PEOPLE,
  subGroups: OPTIONS(['Case Review Group', 'Quality Assurance and Audit Sub-group']),
}

/** What each form shows, as its service query would return it: the largest realistic data. */
export const FORM_DATA: Partial<Record<Verb, unknown>> = {
  'referral.submit': { agencies: CHOICES.agencies },
  'referral.ask': { id: REFERRAL_ID, reference: 'NSCP-2026-0001' },
  'referral.no-review': { id: REFERRAL_ID, reference: 'NSCP-2026-0001' },
  'referral.other-review': otherView,
  'notification.la-awareness': notificationView(),
  'notification.notified': notificationView(),
  'notification.not-notifiable': notificationView(),
  'notification.task-done': { ...notificationView(), task: 'secretary-of-state' },
  'referral.answer': { id: '00000001-0000-4000-8000-000000000000', reference: 'NSCP-2026-0001', question: prose(1000) },
  'review.answer-information': {
    milestoneId: 'm1',
    reference: 'NSCP-2026-0001',
    agencyLabel: 'Northshire Police',
    due: '2026-12-11',
  },
  'review.pass-on': {
    milestoneId: 'm1',
    reference: 'NSCP-2026-0001',
    agencyLabel: 'Northshire Children\u2019s Social Care',
    people: PEOPLE,
  },
  'review.record-outcome': {
    ...REVIEW_REF,
    asked: 3,
    waitingFor: ['Northshire Police'],
    replies: ['Northshire Children\u2019s Social Care', 'Northshire Health'].map((agency) => ({
      agency,
      chronology: prose(4000),
      immediateLearning: prose(2000),
    })),
  },
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
  'review.challenge': {
    ...REVIEW_REF,
    decision: 'recommendation-agreed',
    decisionLabel: 'The safeguarding partners agreed the recommendation',
    round: 2,
  },
  'review.publish': localReview(),
  'review.partnership-response': localReview(),
  'review.edit-type': REVIEW_TYPES,
  'themes.set': THEMES,
  'recurrence.respond': {
    id: '00000000-0000-4000-8000-00000000f1a9',
    theme: 'Information sharing',
    findingReference: 'NSCP-2026-0009',
    raisedOn: '2026-11-24',
    earlier: [{ reference: 'NSCP-A-2025-0012', verifiedOn: '2026-03-03' }],
    status: 'OPEN',
    version: 0,
    sentence: prose(600),
  },
  'review.start': { agencies: CHOICES.agencies },
  'review.cdop': {
    agencies: CHOICES.agencies,
    ageBands: OPTIONS(['Under 1', '1 to 4', '5 to 10', '11 to 15', '16 to 17']),
  },
  'action.create': { choices: CHOICES, recommendation: { id: 'rec1', text: prose(2000) } },
  'action.propose-date': ACTION_REF,
  'action.hand-back': ACTION_REF,
  'action.reassign': { action: ACTION_REF, people: PEOPLE },
  'action.progress': ACTION_REF,
  'action.complete': ACTION_REF,
  'action.send-back': ACTION_REF,
  'action.impact': ACTION_REF,
  'learning.create': {
    reviews: OPTIONS(['NSCP-2026-0004', 'NSCP-2026-0007']),
    national: OPTIONS(['Child protection in England (NSCP-NL-2026-0001)']),
    themes: OPTIONS(['Neglect', 'Voice of the child', 'Information sharing']),
  },
  'learning.send': {
    product: productView({ status: 'APPROVED', canSend: true }),
    audience: {
      agencies: CHOICES.agencies,
      roles: OPTIONS(['practitioner', "agency's safeguarding lead", 'headteacher', 'designated safeguarding lead']),
      subGroups: CHOICES.subGroups,
      settings: OPTIONS(['Northshire Academy', 'Riverside Primary School']),
    },
    channels: OPTIONS(['The Learning and Development Sub-group channel in Slack']),
  },
  'learning.brief': productView({ status: 'SENT', canBrief: true }),
  'national-learning.record': { themes: OPTIONS(['Neglect', 'Voice of the child']) },
  'national-learning.link': { nationalLearningId: 'nl1', actions: OPTIONS(['NSCP-ACT-2026-0001: ' + prose(50)]) },
  'training.course-create': {
    themes: THEMES,
    reviews: OPTIONS(Array.from({ length: 50 }, (_, i) => `NSCP-2026-00${10 + i}`)),
  },
  'training.session-create': {
    course: { id: 'c1', reference: 'NSCP-TRN-2026-0001', title: COURSE_TITLE },
    agencies: CHOICES.agencies,
  },
  'training.session-reschedule': TRAINER_SESSION,
  'training.register': TRAINER_SESSION,
  'training.attendance': TRAINER_SESSION,
  'survey.answer': SURVEY_FORM(
    surveyFields(DEFAULT_SURVEYS['training-after']!, { outcomes: OUTCOMES, askBefore: true }).map((f) => ({
      ...f,
      label: f.label.length < 300 ? `${f.label} ${prose(300 - f.label.length)}` : f.label,
    })),
  ),
  'survey.define': { surveys: [], agencies: [], roles: [], subGroups: [], settings: [] },
  'survey.send': {
    surveys: OPTIONS(['Practitioner survey: safeguarding in your agency', 'Tell us what it was like']),
    agencies: CHOICES.agencies,
    roles: OPTIONS(Array.from({ length: 11 }, (_, i) => `Role ${i}`)),
    subGroups: CHOICES.subGroups,
    settings: OPTIONS(Array.from({ length: 60 }, (_, i) => `School ${i}`)),
  },
  ...AUDIT_FORM_DATA,
}
export const FORM_DEFS = INTERACTIONS.filter((i): i is AnyForm => i.kind === 'form')

/** An answer to every field, as long as the platform lets a person type (`longest` for long text). */
function filled(form: Form, longest: number): Record<string, FieldValue> {
  const value = (f: Field): FieldValue => {
    switch (f.kind) {
      case 'textarea':
        return prose(Math.min(f.maxLength ?? longest, longest))
      case 'text':
        return 'x'.repeat(Math.min(f.maxLength ?? 60, 60))
      case 'date':
        return '2026-12-03'
      case 'select':
        return f.options?.[0]?.value ?? ''
      case 'multiselect':
        return (f.options ?? []).map((o) => o.value)
      case 'checkbox':
        return true
      case 'number':
        return f.max ?? 999_999
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
      ...blank,
      values: { ...values, confirmSensitive: false },
      fields: [...blank.fields, CONFIRM_SENSITIVE_FIELD],
      notice: { tone: 'attention', text: 'Some answers may identify a child or family member (see below).' },
    }
    return [
      [`${def.title}, blank`, blank],
      [
        `${def.title}, with errors`,
        { ...blank, values, errors, notice: { tone: 'attention', text: 'Please check the answers marked below.' } },
      ],
      [`${def.title}, identifying details`, sensitive],
    ]
  })
export const TEAMS_FORMS = forms(4000)
const SLACK_FORMS = forms(SLACK.inputMaxLength)

/** Forms opened from a card's buttons (Teams: an inline show-card, Slack: a modal). */
const formsInside = (card: Card): Form[] =>
  card.blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.actions.filter((a): a is Extract<Action, { type: 'form' }> => a.type === 'form').map((a) => a.form)
      : [],
  )
export const SLACK_MODAL_FORMS: [string, Form][] = [
  ...SLACK_FORMS,
  ...CARDS.flatMap(([name, card]) => formsInside(card).map((f): [string, Form] => [`${name} → ${f.title}`, f])),
]
