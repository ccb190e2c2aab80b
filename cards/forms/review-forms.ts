/** Forms of the rapid review: agency information, Panel notification, outcome, and sending back. */
import { LOCAL_REVIEW_TESTS, RECOMMENDATIONS } from '../../services/reviews/review.schema.js'
import type { Form } from '../model.js'
import { text } from '../model.js'
import type { FormValues } from '../submit.js'
import { VERBS } from '../verbs.js'
import { CONFIRM_SENSITIVE_FIELD } from './referral-form.js'

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }))
type State = { values?: FormValues; errors?: Record<string, string>; sensitiveWarning?: boolean }

export function informationForm(milestoneId: string, reference: string, agency: string, dueDate: string, state: State = {}): Form {
  return {
    id: VERBS.reviewAnswerInformation,
    title: 'Agency information',
    submitLabel: 'Send to the review',
    intro: [text(`Rapid review ${reference}: ${agency}'s chronology summary and immediate learning, due ${dueDate}.`, 'default', true)],
    fields: [
      { id: 'chronology', label: "Summary of your agency's involvement", kind: 'textarea', required: true, maxLength: 4000, help: 'Key contacts and decisions, by date. Do not name the child or family.' },
      { id: 'immediateLearning', label: 'Immediate learning and any action already taken', kind: 'textarea', required: true, maxLength: 2000 },
      ...(state.sensitiveWarning ? [CONFIRM_SENSITIVE_FIELD] : []),
    ],
    meta: { milestoneId },
    values: state.values,
    errors: state.errors,
    ...(state.sensitiveWarning ? { notice: { tone: 'attention' as const, text: 'Some answers may identify someone. Edit them, or tick the box to confirm.' } } : {}),
  }
}

export function panelNotificationForm(reviewId: string, reference: string, state: State = {}): Form {
  return {
    id: VERBS.reviewRecordPanelNotification,
    title: 'Panel notification',
    submitLabel: 'Record date',
    intro: [text(`Record when the local authority notified the national Panel of ${reference}.`, 'default', true)],
    fields: [{ id: 'sentOn', label: 'Date the notification was sent', kind: 'date', required: true }],
    meta: { reviewId },
    values: state.values,
    errors: state.errors,
  }
}

export function outcomeForm(reviewId: string, reference: string, state: State = {}): Form {
  return {
    id: VERBS.reviewRecordOutcome,
    title: 'Rapid review outcome',
    submitLabel: 'Send for approval',
    intro: [text(`Record the outcome of rapid review ${reference}. The independent chair approves the recommendation.`, 'default', true)],
    fields: [
      { id: 'tests', label: 'Which tests for a local review are met?', kind: 'multiselect', options: options(LOCAL_REVIEW_TESTS) },
      { id: 'recommendation', label: 'Recommendation', kind: 'select', required: true, options: options(RECOMMENDATIONS) },
      { id: 'immediateLearning', label: 'Immediate learning and actions', kind: 'textarea', required: true, maxLength: 4000 },
      { id: 'rationale', label: 'Rationale', kind: 'textarea', required: true, maxLength: 2000 },
    ],
    meta: { reviewId },
    values: state.values,
    errors: state.errors,
  }
}

export function sendBackForm(reviewId: string, reference: string, state: State = {}): Form {
  return {
    id: VERBS.reviewSendBack,
    title: 'Send back',
    submitLabel: 'Send back',
    intro: [text(`Send the recommendation for ${reference} back to the Case Review Group.`, 'default', true)],
    fields: [{ id: 'note', label: 'Why', kind: 'textarea', required: true, maxLength: 2000 }],
    meta: { reviewId },
    values: state.values,
    errors: state.errors,
  }
}

export function editTypeForm(types: { key: string; name: string }[]): Form {
  return {
    id: VERBS.reviewEditType, title: 'Change a milestone', submitLabel: 'Save', meta: {},
    intro: [text('Applies to reviews started from now on.', 'default', true)],
    fields: [
      { id: 'typeKey', label: 'Review type', kind: 'select', required: true, options: types.map((t) => ({ value: t.key, label: t.name })) },
      { id: 'milestoneKey', label: 'Milestone (its key, as listed)', kind: 'text', required: true, maxLength: 60 },
      { id: 'amount', label: 'Due after', kind: 'text', required: true, maxLength: 3 },
      {
        id: 'unit', label: 'Unit', kind: 'select', required: true,
        options: [{ value: 'working-days', label: 'Working days' }, { value: 'calendar-days', label: 'Calendar days' }, { value: 'calendar-months', label: 'Calendar months' }],
      },
    ],
  }
}

const REVIEW_KIND_OPTIONS = [
  { value: 'learning-review', label: 'Multi-agency learning review' },
  { value: 'single-agency', label: 'Single-agency review notified to the partnership' },
  { value: 'good-practice', label: 'Good practice review' },
  { value: 'lcspr', label: 'Local child safeguarding practice review' },
]

export function newReviewForm(agencies: { value: string; label: string }[]): Form {
  return {
    id: VERBS.reviewStart, title: 'Start a review', submitLabel: 'Start review', meta: {},
    intro: [text('For reviews that do not come from a rapid review. Identify the case by reference only.', 'default', true)],
    fields: [
      { id: 'typeKey', label: 'Kind of review', kind: 'select', required: true, options: REVIEW_KIND_OPTIONS },
      { id: 'caseReference', label: 'Case reference or subject', kind: 'text', required: true, maxLength: 60 },
      { id: 'agencies', label: 'Agencies involved', kind: 'multiselect', options: agencies },
    ],
  }
}

export function cdopForm(formToken: string, agencies: { value: string; label: string }[], ageBands: { value: string; label: string }[]): Form {
  return {
    id: VERBS.reviewCdop, title: 'CDOP notification', submitLabel: 'Record notification', meta: { formToken },
    intro: [text('A child death notified by the child death overview panel. If the CDOP found possible abuse or neglect, it also becomes a referral for screening.', 'default', true)],
    fields: [
      { id: 'cdopReference', label: 'CDOP reference', kind: 'text', required: true, maxLength: 40 },
      { id: 'ageBand', label: "Child's age band", kind: 'select', required: true, options: ageBands },
      { id: 'dateOfDeath', label: 'Date of death', kind: 'date', required: true },
      { id: 'notifiedOn', label: 'Date the CDOP notified the partnership', kind: 'date', required: true },
      { id: 'abuseOrNeglectSuspected', label: 'Finding', kind: 'checkbox', help: 'The CDOP found possible abuse or neglect' },
      { id: 'agencies', label: 'Agencies involved', kind: 'multiselect', options: agencies },
      { id: 'summary', label: "The CDOP's finding, in brief", kind: 'textarea', required: true, maxLength: 4000, help: 'Do not name the child or family.' },
    ],
  }
}

export function panelReplyForm(reviewId: string, reference: string): Form {
  return {
    id: VERBS.reviewRecordPanelReply, title: "Panel's reply", submitLabel: 'Record reply', meta: { reviewId },
    intro: [text(`Rapid review ${reference}: what the national Panel said.`, 'default', true)],
    fields: [{ id: 'reply', label: "The Panel's reply", kind: 'textarea', required: true, maxLength: 4000 }],
  }
}

export function themesForm(themes: string[]): Form {
  return {
    id: VERBS.themesSet, title: 'Learning themes', submitLabel: 'Save themes', meta: {},
    intro: [text('Findings are tagged with these. Findings already tagged keep their themes.', 'default', true)],
    fields: [{ id: 'themes', label: 'Themes, one per line', kind: 'textarea', required: true, maxLength: 2500 }],
    values: { themes: themes.join('\n') },
  }
}
