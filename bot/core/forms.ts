/** Builds the forms a button can open, and the field lists used to read each form's submitted values. */
import { answerForm, askForm, noReviewForm } from '../../cards/forms/decision-forms.js'
import { informationForm, outcomeForm, panelNotificationForm, sendBackForm } from '../../cards/forms/review-forms.js'
import { CONFIRM_SENSITIVE_FIELD, referralFields, referralForm } from '../../cards/forms/referral-form.js'
import type { Field, Form } from '../../cards/model.js'
import { VERBS } from '../../cards/verbs.js'
import { randomUUID } from 'node:crypto'
import type { DbClient } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import type { Actor } from '../../services/people/index.js'
import { getReferralFor, listAgencyOptions } from '../../services/referrals/index.js'

export async function newReferralForm(db: DbClient, actor: Actor): Promise<Form> {
  const agencies = (await listAgencyOptions(db, actor.partnershipId)).filter((a) => a.key !== actor.agencyKey)
  return referralForm({ formToken: randomUUID(), agencies })
}

/** The fields whose values a submit of `verb` carries. */
export function fieldsOf(verb: string): Field[] {
  switch (verb) {
    case VERBS.referralSubmit: return [...referralFields([]), CONFIRM_SENSITIVE_FIELD]
    case VERBS.referralAsk: return askForm('', '').fields
    case VERBS.referralNoReview: return noReviewForm('', '').fields
    case VERBS.referralAnswer: return [...answerForm('', '', '').fields, CONFIRM_SENSITIVE_FIELD]
    case VERBS.reviewAnswerInformation: return [...informationForm('', '', '', '').fields, CONFIRM_SENSITIVE_FIELD]
    case VERBS.reviewRecordPanelNotification: return panelNotificationForm('', '').fields
    case VERBS.reviewRecordOutcome: return outcomeForm('', '').fields
    case VERBS.reviewSendBack: return sendBackForm('', '').fields
    default: return []
  }
}

/** A form a button asks to open (Slack opens it as a modal). */
export async function buildForm(db: DbClient, actor: Actor, formId: string, meta: Record<string, string>): Promise<Form> {
  switch (formId) {
    case VERBS.referralSubmit:
      return newReferralForm(db, actor)
    case VERBS.referralAsk:
    case VERBS.referralNoReview: {
      const view = await getReferralFor(db, actor, meta.referralId ?? '')
      return formId === VERBS.referralAsk ? askForm(view.id, view.reference) : noReviewForm(view.id, view.reference)
    }
    case VERBS.referralAnswer: {
      const q = await db.referralQuestion.findUnique({ where: { id: meta.questionId ?? '' }, include: { referral: true } })
      if (!q || q.referral.referrerId !== actor.personId) throw new AppError('NOT_FOUND', 'That question could not be found.')
      return answerForm(q.id, q.referral.reference, q.question)
    }
    case VERBS.reviewAnswerInformation: {
      const m = await db.milestone.findUnique({ where: { id: meta.milestoneId ?? '' }, include: { review: true } })
      if (!m || m.review.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That request could not be found.')
      return informationForm(m.id, m.review.reference, m.label.split(': ').at(-1) ?? '', m.dueDate.toISOString().slice(0, 10))
    }
    case VERBS.reviewRecordPanelNotification:
    case VERBS.reviewRecordOutcome:
    case VERBS.reviewSendBack: {
      const r = await db.review.findUnique({ where: { id: meta.reviewId ?? '' } })
      if (!r || r.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That review could not be found.')
      const build = formId === VERBS.reviewRecordOutcome ? outcomeForm : formId === VERBS.reviewSendBack ? sendBackForm : panelNotificationForm
      return build(r.id, r.reference)
    }
    default:
      throw new AppError('NOT_FOUND', 'That form is not available.')
  }
}
