/** Months after verification, the verifying chair records whether the action's measure of success was met. */
import { IMPACT_RESULTS } from '../../services/actions/action.schema.js'
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { actionIntro, type ActionRef } from './action-shared.js'
import { done, optionsOf } from './shared.js'

export const actionImpactForm = defineForm({
  verb: VERBS.actionImpact,
  title: 'Impact',
  submitLabel: 'Record impact',
  fields: [
    {
      id: 'result',
      label: 'Was the measure of success met?',
      kind: 'select',
      required: true,
      options: optionsOf(IMPACT_RESULTS),
    },
    { id: 'note', label: 'What you found', kind: 'textarea', required: true, maxLength: 3000 },
  ],
  load: ({ services, actor, meta }) => services.actions.getActionSummary(actor, meta.actionId ?? ''),
  view: (a: ActionRef) => ({ meta: { actionId: a.id }, intro: actionIntro(a) }),
  submit: async ({ services, actor, meta, values }) => {
    const r = await services.actions.recordImpact(actor, { ...values, actionId: meta.actionId })
    return done(
      `Impact recorded for ${r.reference}`,
      r.reopened
        ? `Not met: the learning has not taken hold, so a new action ${r.reopened} has been proposed to the owner.`
        : 'Thank you: the action is closed.',
    )
  },
})
