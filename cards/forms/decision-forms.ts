/** Small forms behind the chair's decision buttons and the referrer's answer button. */
import type { Form } from '../model.js'
import { text } from '../model.js'
import type { FormValues } from '../submit.js'
import { VERBS } from '../verbs.js'
import { CONFIRM_SENSITIVE_FIELD } from './referral-form.js'

export function askForm(referralId: string, reference: string, values?: FormValues, errors?: Record<string, string>): Form {
  return {
    id: VERBS.referralAsk,
    title: 'Ask the referrer',
    submitLabel: 'Send question',
    intro: [text(`Your question about ${reference} goes to the referrer 1:1. Their answer will appear on the screening card.`, 'default', true)],
    fields: [{ id: 'question', label: 'Your question', kind: 'textarea', required: true, maxLength: 1000 }],
    meta: { referralId },
    values,
    errors,
  }
}

export function noReviewForm(referralId: string, reference: string, values?: FormValues, errors?: Record<string, string>): Form {
  return {
    id: VERBS.referralNoReview,
    title: 'No review',
    submitLabel: 'Confirm: no review',
    intro: [text(`Record why ${reference} does not meet the criteria for a review. The referrer will see this rationale.`, 'default', true)],
    fields: [{ id: 'rationale', label: 'Rationale', kind: 'textarea', required: true, maxLength: 2000 }],
    meta: { referralId },
    values,
    errors,
  }
}

export function answerForm(
  questionId: string,
  reference: string,
  question: string,
  state: { values?: FormValues; errors?: Record<string, string>; sensitiveWarning?: boolean } = {},
): Form {
  return {
    id: VERBS.referralAnswer,
    title: 'Answer the question',
    submitLabel: 'Send answer',
    intro: [text(`Question about ${reference}:`, 'default', true), text(question)],
    fields: [
      { id: 'answer', label: 'Your answer', kind: 'textarea', required: true, maxLength: 2000, help: 'Do not name the child or family members.' },
      ...(state.sensitiveWarning ? [CONFIRM_SENSITIVE_FIELD] : []),
    ],
    meta: { questionId },
    values: state.values,
    errors: state.errors,
    ...(state.sensitiveWarning ? { notice: { tone: 'attention' as const, text: 'Your answer may identify someone. Edit it, or tick the box to confirm.' } } : {}),
  }
}
