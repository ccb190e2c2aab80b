/**
 * New actions, up to three at once, from a recommendation (its "Turn into actions" button) or typed as
 * `new actions`. Each gets an owner, a due date, a measure of success and a verifying sub-group; each owner is
 * asked to accept. The worked example in ARCHITECTURE.md.
 */
import { randomUUID } from 'node:crypto'
import type { FormValues } from '../submit.js'
import { defineForm, type Option } from '../interaction.js'
import type { Field } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'
import { done } from './shared.js'

/** How many actions one form creates at most. */
const BULK_ROWS = 3

const ROW = Array.from({ length: BULK_ROWS }, (_, i) => i + 1)
const IMPACT_OPTIONS: Option[] = [
  { value: '1', label: '1 month' },
  { value: '3', label: '3 months (usual)' },
  { value: '6', label: '6 months' },
  { value: '12', label: '12 months' },
]

/** Row n of the form: field ids end in n (what1, agencyKey1, …); only the first row is required. */
function rowFields(n: number): Field[] {
  const suffix = ` (action ${n})`
  const required = n === 1
  return [
    { id: `what${n}`, label: `What will be done${suffix}`, kind: 'textarea', required, maxLength: 2000 },
    { id: `agencyKey${n}`, label: `Owning agency${suffix}`, kind: 'select', required, options: [] },
    {
      id: `ownerId${n}`,
      label: `Owner${suffix}`,
      kind: 'select',
      required,
      options: [],
      help: "Normally the agency's safeguarding lead.",
    },
    { id: `dueDate${n}`, label: `Due date${suffix}`, kind: 'date', required },
    {
      id: `measureOfSuccess${n}`,
      label: `What we would see if this worked${suffix}`,
      kind: 'textarea',
      required,
      maxLength: 2000,
      placeholder: 'e.g. an audit of 10 cases in Q3 shows the child\u2019s views recorded in 8',
    },
    { id: `verifyingSubGroupKey${n}`, label: `Verified by${suffix}`, kind: 'select', required, options: [] },
    { id: `impactMonths${n}`, label: `Check the impact after${suffix}`, kind: 'select', options: IMPACT_OPTIONS },
  ]
}

/** The fields of the bulk rows, shared with forms that make actions from something else (an audit finding). */
export const ACTION_ROW_FIELDS: Field[] = ROW.flatMap(rowFields)

/** The rows a person filled in: later rows left empty are not actions; the first always counts, so its blanks are reported. */
export function rowsOf(values: FormValues) {
  return ROW.flatMap((n) => {
    const row = {
      what: values[`what${n}`],
      agencyKey: values[`agencyKey${n}`],
      ownerId: values[`ownerId${n}`],
      dueDate: values[`dueDate${n}`],
      measureOfSuccess: values[`measureOfSuccess${n}`],
      verifyingSubGroupKey: values[`verifyingSubGroupKey${n}`],
    }
    const isFilled = Object.values(row).some((v) => v !== undefined && v !== '')
    if (n !== 1 && !isFilled) return []
    return [{ ...row, ...(values[`impactMonths${n}`] ? { impactMonths: values[`impactMonths${n}`] } : {}) }]
  })
}

type Choices = { agencies: Option[]; people: Option[]; subGroups: Option[] }

/** The rows' choices: agencies, owners and verifying sub-groups, by field id. */
export const actionRowOptions = (choices: Choices): Record<string, Option[]> =>
  Object.fromEntries(
    ROW.flatMap((n) => [
      [`agencyKey${n}`, choices.agencies],
      [`ownerId${n}`, choices.people],
      [`verifyingSubGroupKey${n}`, choices.subGroups],
    ]),
  )
type Data = { choices: Choices; recommendation: { id: string; text: string } | null }

export const actionCreateForm = defineForm({
  verb: VERBS.actionCreate,
  title: 'New actions',
  submitLabel: 'Create actions',
  fields: ACTION_ROW_FIELDS,
  load: ({ services, actor, meta }): Promise<Data> => services.actions.getNewActionsForm(actor, meta.recommendationId),
  view: ({ choices, recommendation }: Data) => ({
    meta: { formToken: randomUUID(), ...(recommendation ? { recommendationId: recommendation.id } : {}) },
    intro: [
      ...(recommendation ? [text(`From the recommendation: ${recommendation.text}`)] : []),
      text(
        'Add up to three actions; leave the later ones empty if you need fewer. Each owner is asked to accept.',
        'default',
        true,
      ),
    ],
    options: actionRowOptions(choices),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.actions.createActions(actor, {
      ...(meta.recommendationId ? { source: 'review', recommendationId: meta.recommendationId } : {}),
      formToken: meta.formToken,
      actions: rowsOf(values),
    })
    return done(
      `Actions ${result.isNew ? 'created' : 'already created'}`,
      `${result.references.join(', ')}. Each owner has been asked to accept.`,
    )
  },
})
