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
