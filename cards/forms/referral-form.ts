/** The review referral form: fields and wording come from services/referrals/referral.schema.ts. */
import { AGE_BANDS, CRITERIA } from '../../services/referrals/referral.schema.js'
import type { Field, Form } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'
import type { FormValues } from '../submit.js'

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }))

export const CONFIRM_SENSITIVE_FIELD: Field = {
  id: 'confirmSensitive',
  label: 'Confirm',
  kind: 'checkbox',
  help: 'I have checked: these details are needed and the child is not named',
}

export function referralFields(agencies: { key: string; name: string }[]): Field[] {
  return [
    {
      id: 'caseReference', label: "Case reference in your agency's system", kind: 'text', required: true, maxLength: 40,
      help: "Your agency's reference for the case, not the child's name or NHS number.", placeholder: 'e.g. HV-2026-1182',
    },
    { id: 'ageBand', label: "Child's age band", kind: 'select', required: true, options: options(AGE_BANDS) },
    { id: 'incidentDate', label: 'Date of the incident', kind: 'date', required: true },
    { id: 'awarenessDate', label: 'Date your agency became aware', kind: 'date', required: true },
    { id: 'criteria', label: 'Which of these apply?', kind: 'multiselect', required: true, options: options(CRITERIA) },
    {
      id: 'agencies', label: 'Other agencies involved', kind: 'multiselect',
      options: agencies.map((a) => ({ value: a.key, label: a.name })),
    },
    {
      id: 'whatHappened', label: 'What happened', kind: 'textarea', required: true, maxLength: 4000,
      help: 'Facts only. Do not name the child, family members or addresses.',
    },
    { id: 'whyReview', label: 'Why could a review help?', kind: 'textarea', required: true, maxLength: 2000 },
  ]
}

/** The form, blank or re-shown with the person's answers, field messages and the identifying-details warning. */
export function referralForm(input: {
  formToken: string
  agencies: { key: string; name: string }[]
  values?: FormValues
  errors?: Record<string, string>
  sensitiveWarning?: boolean
}): Form {
  const fields = referralFields(input.agencies)
  return {
    id: VERBS.referralSubmit,
    title: 'Raise a review referral',
    submitLabel: input.sensitiveWarning ? 'Submit referral' : 'Submit referral',
    intro: [
      text('Tell the Case Review Group about a case that may need a child safeguarding practice review or another learning review.'),
      text('Never enter the child\u2019s name: use your agency\u2019s case reference.', 'warning', true),
    ],
    fields: input.sensitiveWarning ? [...fields, CONFIRM_SENSITIVE_FIELD] : fields,
    meta: { formToken: input.formToken },
    values: input.values,
    errors: input.errors,
    notice: input.sensitiveWarning
      ? { tone: 'attention', text: 'Some answers may identify a child or family member (see below). Please edit them, or tick the box to confirm and submit again.' }
      : input.errors && Object.keys(input.errors).length
        ? { tone: 'attention', text: 'Please check the answers marked below.' }
        : undefined,
  }
}
