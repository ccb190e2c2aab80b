/**
 * Every form the bot can show: how to build it blank (a Slack button opens it as a modal), the fields its
 * submit carries, and how to show it again with the person's answers, field messages and warnings.
 */
import { randomUUID } from 'node:crypto'
import {
  actionSendBackForm, completeForm, createActionsForm, handBackForm, impactForm, progressForm, proposeDateForm, reassignForm,
} from '../../cards/forms/action-forms.js'
import { answerForm, askForm, noReviewForm } from '../../cards/forms/decision-forms.js'
import {
  familyForm, inviteForm, leadReviewerForm, learningPointForm, perspectiveForm, publishForm, recommendationForm, termsForm, voiceOfChildForm,
} from '../../cards/forms/local-review-forms.js'
import { CONFIRM_SENSITIVE_FIELD, referralForm } from '../../cards/forms/referral-form.js'
import { cdopForm, editTypeForm, themesForm, informationForm, newReviewForm, outcomeForm, panelNotificationForm, panelReplyForm, sendBackForm } from '../../cards/forms/review-forms.js'
import type { Field, Form } from '../../cards/model.js'
import type { FormValues } from '../../cards/submit.js'
import { VERBS } from '../../cards/verbs.js'
import { systemClock } from '../../lib/clock.js'
import type { ServiceContext } from '../../lib/context.js'
import type { DbClient } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { getActionSummary, getNewActionsForm, listActionChoices } from '../../services/actions/index.js'
import type { Actor } from '../../services/people/index.js'
import { referralService } from '../../services/referrals/index.js'
import { reviewService, type LocalReviewView } from '../../services/reviews/index.js'

type Meta = Record<string, string>
type Open = (db: DbClient, actor: Actor, meta: Meta) => Promise<Form>

const reviewOf = (db: DbClient, actor: Actor, meta: Meta) => reviewService.getReviewSummary(ctxOf(db), actor, meta.reviewId ?? '')
/** A form built from the local review's card data (its choices of agencies, people, themes, findings). */
const withView = (build: (v: LocalReviewView) => Form): Open =>
  async (db, actor, meta) => build(await reviewService.getLocalReviewView(ctxOf(db), actor, meta.reviewId ?? ''))

export async function newReferralForm(ctx: ServiceContext, actor: Actor): Promise<Form> {
  const { agencies } = await referralService.newReferralFormChoices(ctx, actor)
  return referralForm({ formToken: randomUUID(), agencies: agencies.map((a) => ({ key: a.value, name: a.label })) })
}

const OPEN: Record<string, Open> = {
  [VERBS.referralSubmit]: (db, actor) => newReferralForm(ctxOf(db), actor),
  [VERBS.referralAsk]: async (db, actor, meta) => {
    const v = await referralService.getReferralFor(ctxOf(db), actor, meta.referralId)
    return askForm(v.id, v.reference)
  },
  [VERBS.referralNoReview]: async (db, actor, meta) => {
    const v = await referralService.getReferralFor(ctxOf(db), actor, meta.referralId)
    return noReviewForm(v.id, v.reference)
  },
  [VERBS.referralAnswer]: async (db, actor, meta) => {
    const q = await referralService.getQuestionToAnswer(ctxOf(db), actor, meta.questionId)
    return answerForm(q.id, q.reference, q.question)
  },
  [VERBS.reviewAnswerInformation]: async (db, actor, meta) => {
    const r = await reviewService.getInformationRequest(ctxOf(db), actor, meta.milestoneId ?? '')
    return informationForm(r.milestoneId, r.reference, r.agencyLabel, r.due)
  },
  [VERBS.reviewRecordPanelNotification]: async (db, actor, meta) => panelNotificationForm(...(await idRef(db, actor, meta))),
  [VERBS.reviewRecordOutcome]: async (db, actor, meta) => outcomeForm(...(await idRef(db, actor, meta))),
  [VERBS.reviewSendBack]: async (db, actor, meta) => sendBackForm(...(await idRef(db, actor, meta))),
  [VERBS.reviewSetTerms]: async (db, actor, meta) => termsForm(...(await idRef(db, actor, meta))),
  [VERBS.reviewFamily]: async (db, actor, meta) => familyForm(...(await idRef(db, actor, meta))),
  [VERBS.reviewVoiceOfChild]: async (db, actor, meta) => voiceOfChildForm(...(await idRef(db, actor, meta))),
  [VERBS.reviewAddPerspective]: async (db, actor, meta) => perspectiveForm(...(await idRef(db, actor, meta))),
  [VERBS.reviewSetLeadReviewer]: withView((v) => leadReviewerForm(v.id, v.reference, v.choices.agencies)),
  [VERBS.reviewInvite]: withView((v) => inviteForm(v.id, v.reference, v.choices.people)),
  [VERBS.reviewAddLearningPoint]: withView((v) => learningPointForm(v.id, v.reference, v.choices.themes)),
  [VERBS.reviewAddRecommendation]: withView((v) => recommendationForm(v.id, v.reference, v.choices.learningPoints)),
  [VERBS.reviewEditType]: async (db, actor) => editTypeForm(await reviewService.listReviewTypes(ctxOf(db), actor)),
  [VERBS.themesSet]: async (db, actor) => themesForm(await reviewService.listThemesToEdit(ctxOf(db), actor)),
  [VERBS.reviewStart]: async (db, actor) => newReviewForm((await reviewService.newReviewFormChoices(ctxOf(db), actor)).agencies),
  [VERBS.reviewCdop]: async (db, actor, meta) => {
    const choices = await reviewService.cdopFormChoices(ctxOf(db), actor)
    return cdopForm(meta.formToken ?? randomUUID(), choices.agencies, choices.ageBands)
  },
  [VERBS.reviewRecordPanelReply]: async (db, actor, meta) => panelReplyForm(...(await idRef(db, actor, meta))),
  [VERBS.actionCreate]: async (db, actor, meta) => {
    const { recommendation: rec, choices } = await getNewActionsForm(ctxOf(db), actor, meta.recommendationId)
    return createActionsForm({ formToken: meta.formToken ?? randomUUID(), recommendationId: rec?.id, recommendation: rec?.text, choices })
  },
  [VERBS.actionProposeDate]: async (db, actor, meta) => { const a = await actionOf(db, actor, meta); return proposeDateForm(a.id, a.reference, a.what) },
  [VERBS.actionHandBack]: async (db, actor, meta) => { const a = await actionOf(db, actor, meta); return handBackForm(a.id, a.reference, a.what) },
  [VERBS.actionReassign]: async (db, actor, meta) => { const a = await actionOf(db, actor, meta); return reassignForm(a.id, a.reference, a.what, (await actionChoices(db, actor)).people) },
  [VERBS.actionProgress]: async (db, actor, meta) => { const a = await actionOf(db, actor, meta); return progressForm(a.id, a.reference, a.what) },
  [VERBS.actionComplete]: async (db, actor, meta) => { const a = await actionOf(db, actor, meta); return completeForm(a.id, a.reference, a.what) },
  [VERBS.actionSendBack]: async (db, actor, meta) => { const a = await actionOf(db, actor, meta); return actionSendBackForm(a.id, a.reference, a.what) },
  [VERBS.actionImpact]: async (db, actor, meta) => { const a = await actionOf(db, actor, meta); return impactForm(a.id, a.reference, a.what) },
  [VERBS.milestoneComplete]: async (db, actor, meta) => {
    const m = await reviewService.getMilestoneSummary(ctxOf(db), actor, meta.milestoneId ?? '')
    return publishForm(m.id, m.reference)
  },
}

/** A read-only service context for the action queries until forms are given the bound services. */
const ctxOf = (db: DbClient) => ({ db, clock: systemClock })

/** The action a button is about, if it is in the actor's partnership (the actions service checks). */
const actionOf = (db: DbClient, actor: Actor, meta: Meta) => getActionSummary(ctxOf(db), actor, meta.actionId ?? '')

/** The choices the action forms offer: agencies, people (with their agency) and sub-groups. */
export const actionChoices = (db: DbClient, actor: Actor) => listActionChoices(ctxOf(db), actor)

async function idRef(db: DbClient, actor: Actor, meta: Meta): Promise<[string, string]> {
  const r = await reviewOf(db, actor, meta)
  return [r.id, r.reference]
}

/** Field lists do not depend on the data, so they are read once from a form built with empty choices. */
const FIELD_SHAPES: Record<string, Field[]> = {
  [VERBS.referralSubmit]: referralForm({ formToken: '', agencies: [] }).fields,
  [VERBS.referralAsk]: askForm('', '').fields,
  [VERBS.referralNoReview]: noReviewForm('', '').fields,
  [VERBS.referralAnswer]: answerForm('', '', '').fields,
  [VERBS.reviewAnswerInformation]: informationForm('', '', '', '').fields,
  [VERBS.reviewRecordPanelNotification]: panelNotificationForm('', '').fields,
  [VERBS.reviewRecordOutcome]: outcomeForm('', '').fields,
  [VERBS.reviewSendBack]: sendBackForm('', '').fields,
  [VERBS.reviewSetLeadReviewer]: leadReviewerForm('', '', []).fields,
  [VERBS.reviewSetTerms]: termsForm('', '').fields,
  [VERBS.reviewInvite]: inviteForm('', '', []).fields,
  [VERBS.reviewAddPerspective]: perspectiveForm('', '').fields,
  [VERBS.reviewFamily]: familyForm('', '').fields,
  [VERBS.reviewVoiceOfChild]: voiceOfChildForm('', '').fields,
  [VERBS.reviewAddLearningPoint]: learningPointForm('', '', []).fields,
  [VERBS.reviewAddRecommendation]: recommendationForm('', '', []).fields,
  [VERBS.milestoneComplete]: publishForm('', '').fields,
  [VERBS.reviewEditType]: editTypeForm([]).fields,
  [VERBS.reviewStart]: newReviewForm([]).fields,
  [VERBS.themesSet]: themesForm([]).fields,
  [VERBS.reviewCdop]: cdopForm('', [], []).fields,
  [VERBS.reviewRecordPanelReply]: panelReplyForm('', '').fields,
  [VERBS.actionCreate]: createActionsForm({ formToken: '', choices: { agencies: [], people: [], subGroups: [] } }).fields,
  [VERBS.actionProposeDate]: proposeDateForm('', '', '').fields,
  [VERBS.actionHandBack]: handBackForm('', '', '').fields,
  [VERBS.actionReassign]: reassignForm('', '', '', []).fields,
  [VERBS.actionProgress]: progressForm('', '', '').fields,
  [VERBS.actionComplete]: completeForm('', '', '').fields,
  [VERBS.actionSendBack]: actionSendBackForm('', '', '').fields,
  [VERBS.actionImpact]: impactForm('', '', '').fields,
}

/** The fields whose values a submit of `verb` carries (plus the identifying-details confirmation). */
export function fieldsOf(verb: string): Field[] {
  return [...(FIELD_SHAPES[verb] ?? []), CONFIRM_SENSITIVE_FIELD]
}

/** A form a button asks to open (Slack opens it as a modal). */
export async function buildForm(db: DbClient, actor: Actor, formId: string, meta: Meta): Promise<Form> {
  const open = OPEN[formId]
  if (!open) throw new AppError('NOT_FOUND', 'That form is not available.')
  return open(db, actor, meta)
}

/** The same form again with the answers kept, field messages, and (for identifying details) the confirmation. */
export async function formAgain(
  db: DbClient, actor: Actor, verb: string, meta: Meta, state: { values: FormValues; errors: Record<string, string>; sensitive: boolean },
): Promise<Form | null> {
  const open = OPEN[verb]
  if (!open) return null
  const form = await open(db, actor, meta).catch(() => null)
  if (!form) return null
  const keptMeta = Object.fromEntries(Object.keys(form.meta).map((k) => [k, meta[k] ?? form.meta[k]!]))
  return {
    ...form,
    meta: keptMeta,
    values: state.values,
    errors: state.errors,
    fields: state.sensitive ? [...form.fields, CONFIRM_SENSITIVE_FIELD] : form.fields,
    notice: state.sensitive
      ? { tone: 'attention', text: 'Some answers may identify a child or family member (see below). Please edit them, or tick the box to confirm and submit again.' }
      : { tone: 'attention', text: 'Please check the answers marked below.' },
  }
}
