/** The business manager (or the verifying chair) gives a handed-back action to a new owner. */
import { defineForm, type Option } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { actionIntro, type ActionRef } from './action-shared.js'
import { done } from './shared.js'

export const actionReassignForm = defineForm({
  verb: VERBS.actionReassign,
  title: 'Reassign',
  submitLabel: 'Reassign',
  fields: [{ id: 'ownerId', label: 'New owner', kind: 'select', required: true, options: [] }],
  load: async ({ services, actor, meta }) => ({
    action: await services.actions.getActionSummary(actor, meta.actionId ?? ''),
    people: (await services.actions.listActionChoices(actor)).people,
  }),
  view: ({ action, people }: { action: ActionRef; people: Option[] }) => ({
    meta: { actionId: action.id },
    intro: actionIntro(action),
    options: { ownerId: people },
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.actions.reassignAction(actor, { ...values, actionId: meta.actionId })
    return done(`${result.reference} reassigned`, `${result.owner} has been asked to accept it.`)
  },
})
