/**
 * Moderation, a standard at a time, from the return's card: the QA chair agrees with the self-assessed rating
 * (one press) or changes it with a reason, then finishes; the agency responds to a changed rating; the chair
 * agrees the final rating; and the chair reopens a return for late answers. Each answers with the return's card.
 */
import {
  MODERATION_DECISIONS,
  RESPONSE_DECISIONS,
  type ReturnView,
  type StandardLine,
} from '../../services/audits/audit.schema.js'
import type { Scope } from '../interaction.js'
import { cardReply, defineButton, defineForm } from '../interaction.js'
import { returnCard } from '../messages/audit-cards.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'
import { about, optionsOf } from './shared.js'

type Standard = { view: ReturnView; standard: StandardLine }

/** The return's card again, with what just happened. */
const again = async ({ services, actor, meta }: Scope, message: string) =>
  cardReply(returnCard(await services.audits.getReturnView(actor, meta.returnId ?? ''), { text: message }))

/** What the form says about the standard: its self-assessed rating and the evidence given. */
const standardIntro = (d: Standard) => [
  ...about(`${d.view.participant}: ${d.standard.title}.`),
  text(`Self-assessed: ${d.standard.selfLabel ?? 'not rated'}.`),
  ...(d.standard.evidence ? [text(`Evidence: ${d.standard.evidence.slice(0, 1000)}`, 'default', true)] : []),
]

export const auditAgreeButton = defineButton({
  verb: VERBS.auditAgree,
  run: async (scope) => {
    const r = await scope.services.audits.moderateStandard(scope.actor, {
      returnId: scope.meta.returnId,
      sectionKey: scope.meta.sectionKey,
      decision: 'agree',
    })
    return again(scope, `${r.standard}: you agreed with the self-assessed rating.`)
  },
})

export const auditModerateForm = defineForm<Standard>({
  verb: VERBS.auditModerate,
  title: 'Moderate a standard',
  submitLabel: 'Record moderation',
  fields: [
    {
      id: 'decision',
      label: 'Your decision',
      kind: 'select',
      required: true,
      options: optionsOf(MODERATION_DECISIONS),
    },
    { id: 'rating', label: 'Moderated rating', kind: 'select', options: [], help: 'When you change the rating.' },
    { id: 'reason', label: 'Reason for the change', kind: 'textarea', maxLength: 3000 },
  ],
  load: ({ services, actor, meta }) =>
    services.audits.getStandardForModeration(actor, meta.returnId ?? '', meta.sectionKey ?? ''),
  view: (d: Standard) => ({
    meta: { returnId: d.view.id, sectionKey: d.standard.sectionKey },
    intro: standardIntro(d),
    options: { rating: d.standard.options },
    values: { decision: 'change', ...(d.standard.moderatedRating ? { rating: d.standard.moderatedRating } : {}) },
  }),
  submit: async (scope) => {
    const r = await scope.services.audits.moderateStandard(scope.actor, { ...scope.values, ...scope.meta })
    return again(scope, `${r.standard}: moderation recorded.`)
  },
})

export const auditFinishModerationButton = defineButton({
  verb: VERBS.auditFinishModeration,
  run: async (scope) => {
    const r = await scope.services.audits.finishModeration(scope.actor, { returnId: scope.meta.returnId })
    const message = r.alreadyDone
      ? 'Moderation was already finished.'
      : r.changed
        ? `Moderation finished with ${r.changed} rating${r.changed === 1 ? '' : 's'} changed. ${r.participant} can respond before you agree the final ratings.`
        : `Moderation finished: the ratings are final.${r.findings ? ` ${r.findings} below good became findings.` : ''}`
    return again(scope, message)
  },
})

export const auditRespondForm = defineForm<Standard>({
  verb: VERBS.auditRespond,
  title: 'Respond to the challenge',
  submitLabel: 'Send the response',
  fields: [
    { id: 'decision', label: 'Your response', kind: 'select', required: true, options: optionsOf(RESPONSE_DECISIONS) },
    { id: 'response', label: 'Why, and any evidence', kind: 'textarea', maxLength: 3000 },
  ],
  load: ({ services, actor, meta }) =>
    services.audits.getChallengeForResponse(actor, meta.returnId ?? '', meta.sectionKey ?? ''),
  view: (d: Standard) => ({
    meta: { returnId: d.view.id, sectionKey: d.standard.sectionKey },
    intro: [...standardIntro(d), text(`Moderated: ${d.standard.moderatedLabel}. Reason: ${d.standard.reason ?? ''}`)],
  }),
  submit: async (scope) => {
    const r = await scope.services.audits.respondToChallenge(scope.actor, { ...scope.values, ...scope.meta })
    return again(
      scope,
      r.waiting
        ? `Response sent. ${r.waiting} more changed rating${r.waiting === 1 ? '' : 's'} to respond to.`
        : 'Response sent. The chair of the Quality Assurance and Audit Sub-group has been told.',
    )
  },
})

export const auditFinalRatingForm = defineForm<Standard>({
  verb: VERBS.auditFinalRating,
  title: 'Agree the final rating',
  submitLabel: 'Agree the final rating',
  fields: [{ id: 'rating', label: 'Final rating', kind: 'select', required: true, options: [] }],
  load: ({ services, actor, meta }) =>
    services.audits.getStandardForModeration(actor, meta.returnId ?? '', meta.sectionKey ?? ''),
  view: (d: Standard) => ({
    meta: { returnId: d.view.id, sectionKey: d.standard.sectionKey },
    intro: [
      ...standardIntro(d),
      text(`Moderated: ${d.standard.moderatedLabel}.`),
      text(
        d.standard.responseDecision
          ? `The agency ${d.standard.responseDecision === 'accept' ? 'accepted it' : `disagreed: ${d.standard.response ?? ''}`}`
          : 'The agency has not responded yet.',
      ),
    ],
    options: { rating: d.standard.options },
    values: d.standard.moderatedRating ? { rating: d.standard.moderatedRating } : {},
  }),
  submit: async (scope) => {
    const r = await scope.services.audits.agreeFinalRating(scope.actor, { ...scope.values, ...scope.meta })
    return again(
      scope,
      r.left
        ? `Final rating agreed. ${r.left} more to agree.`
        : `Final ratings agreed: ${r.participant}'s return is moderated.${r.findings ? ` ${r.findings} below good became findings.` : ''}`,
    )
  },
})

export const auditReopenButton = defineButton({
  verb: VERBS.auditReopen,
  run: async (scope) => {
    const r = await scope.services.audits.reopenReturn(scope.actor, { returnId: scope.meta.returnId })
    return again(scope, `${r.participant}'s return is open again. Its lead has been told.`)
  },
})
