/** The owner hands an action back because it belongs to someone else; the business manager reassigns it. */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { actionIntro, type ActionRef } from './action-shared.js'
import { done } from './shared.js'

export const actionHandBackForm = defineForm({
  verb: VERBS.actionHandBack,
  title: 'Hand back',
  submitLabel: 'Hand back to the chair',
  fields: [{ id: 'reason', label: 'Who it belongs to, and why', kind: 'textarea', required: true, maxLength: 1000 }],
  load: ({ services, actor, meta }) => services.actions.getActionSummary(actor, meta.actionId ?? ''),
  view: (a: ActionRef) => ({ meta: { actionId: a.id }, intro: actionIntro(a) }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.actions.handBack(actor, { ...values, actionId: meta.actionId })
    const [title, message] = ((r) => [`${r.reference} handed back`, 'The chair will find the right owner.'])(result)
    return done(title, message)
  },
})
