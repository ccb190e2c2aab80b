/** Forms of an action's life: create (up to three at once), date change, hand back, reassign, progress, complete, verify, impact. */
import { IMPACT_RESULTS } from '../../services/actions/action.schema.js'
import type { Field, Form } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'

type Option = { value: string; label: string }
export const BULK_ROWS = 3

export type ActionChoices = { agencies: Option[]; people: Option[]; subGroups: Option[] }

/** Row n of the bulk form: field ids end in n (what1, agencyKey1, …). */
export function actionRowFields(n: number, choices: ActionChoices, required: boolean): Field[] {
  const suffix = BULK_ROWS > 1 ? ` (action ${n})` : ''
  return [
    { id: `what${n}`, label: `What will be done${suffix}`, kind: 'textarea', required, maxLength: 2000 },
    { id: `agencyKey${n}`, label: `Owning agency${suffix}`, kind: 'select', required, options: choices.agencies },
    { id: `ownerId${n}`, label: `Owner${suffix}`, kind: 'select', required, options: choices.people, help: "Normally the agency's safeguarding lead." },
    { id: `dueDate${n}`, label: `Due date${suffix}`, kind: 'date', required },
    { id: `measureOfSuccess${n}`, label: `What we would see if this worked${suffix}`, kind: 'textarea', required, maxLength: 2000, placeholder: 'e.g. an audit of 10 cases in Q3 shows the child\u2019s views recorded in 8' },
    { id: `verifyingSubGroupKey${n}`, label: `Verified by${suffix}`, kind: 'select', required, options: choices.subGroups },
    {
      id: `impactMonths${n}`, label: `Check the impact after${suffix}`, kind: 'select',
      options: [['1', '1 month'], ['3', '3 months (usual)'], ['6', '6 months'], ['12', '12 months']].map(([value, label]) => ({ value: value!, label: label! })),
    },
  ]
}

export function createActionsForm(input: { formToken: string; recommendationId?: string; recommendation?: string; choices: ActionChoices }): Form {
  const fields: Field[] = []
  for (let n = 1; n <= BULK_ROWS; n++) fields.push(...actionRowFields(n, input.choices, n === 1))
  return {
    id: VERBS.actionCreate, title: 'New actions', submitLabel: 'Create actions',
    intro: [
      ...(input.recommendation ? [text(`From the recommendation: ${input.recommendation}`)] : []),
      text('Add up to three actions; leave the later ones empty if you need fewer. Each owner is asked to accept.', 'default', true),
    ],
    fields,
    meta: { formToken: input.formToken, ...(input.recommendationId ? { recommendationId: input.recommendationId } : {}) },
  }
}

const one = (id: string, title: string, submitLabel: string, actionId: string, reference: string, what: string, fields: Field[]): Form => ({
  id, title, submitLabel, meta: { actionId }, intro: [text(`${reference}: ${what}`, 'default', true)], fields,
})

export const proposeDateForm = (actionId: string, reference: string, what: string) => one(VERBS.actionProposeDate, 'Another date', 'Ask for this date', actionId, reference, what, [
  { id: 'proposedDueDate', label: 'Proposed due date', kind: 'date', required: true },
  { id: 'reason', label: 'Reason', kind: 'textarea', required: true, maxLength: 1000 },
])
export const handBackForm = (actionId: string, reference: string, what: string) => one(VERBS.actionHandBack, 'Hand back', 'Hand back to the chair', actionId, reference, what, [
  { id: 'reason', label: 'Who it belongs to, and why', kind: 'textarea', required: true, maxLength: 1000 },
])
export const reassignForm = (actionId: string, reference: string, what: string, people: Option[]) => one(VERBS.actionReassign, 'Reassign', 'Reassign', actionId, reference, what, [
  { id: 'ownerId', label: 'New owner', kind: 'select', required: true, options: people },
])
export const progressForm = (actionId: string, reference: string, what: string) => one(VERBS.actionProgress, 'Progress', 'Save progress', actionId, reference, what, [
  { id: 'note', label: 'Progress so far', kind: 'textarea', required: true, maxLength: 2000 },
])
export const completeForm = (actionId: string, reference: string, what: string) => one(VERBS.actionComplete, 'Mark complete', 'Send for verification', actionId, reference, what, [
  { id: 'description', label: 'What was done', kind: 'textarea', required: true, maxLength: 3000 },
  { id: 'links', label: 'Evidence: links or file references, one per line', kind: 'textarea', required: true, maxLength: 3000 },
])
export const actionSendBackForm = (actionId: string, reference: string, what: string) => one(VERBS.actionSendBack, 'Send back', 'Send back to the owner', actionId, reference, what, [
  { id: 'reason', label: 'Why it is not done yet', kind: 'textarea', required: true, maxLength: 2000 },
])
export const impactForm = (actionId: string, reference: string, what: string) => one(VERBS.actionImpact, 'Impact', 'Record impact', actionId, reference, what, [
  { id: 'result', label: 'Was the measure of success met?', kind: 'select', required: true, options: Object.entries(IMPACT_RESULTS).map(([value, label]) => ({ value, label })) },
  { id: 'note', label: 'What you found', kind: 'textarea', required: true, maxLength: 3000 },
])
