/** The review referral form: fields and wording come from services/referrals/referral.schema.ts. */
import { randomUUID } from 'node:crypto'
import { AGE_BANDS, CRITERIA, LOCATIONS } from '../../services/referrals/referral.schema.js'
import { defineForm } from '../interaction.js'
import { referralConfirmationCard } from '../messages/referral-cards.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'
import { optionsOf } from './shared.js'

export const referralSubmitForm = defineForm({
  verb: VERBS.referralSubmit,
  title: 'Raise a review referral',
  submitLabel: 'Submit referral',
  fields: [
    {
      id: 'caseReference',
      label: "Case reference in your agency's system",
      kind: 'text',
      required: true,
      maxLength: 40,
      help: "Your agency's reference for the case, not the child's name or NHS number.",
      placeholder: 'e.g. HV-2026-1182',
    },
    { id: 'ageBand', label: "Child's age band", kind: 'select', required: true, options: optionsOf(AGE_BANDS) },
    { id: 'incidentDate', label: 'Date of the incident', kind: 'date', required: true },
    { id: 'awarenessDate', label: 'Date your agency became aware', kind: 'date', required: true },
    {
      id: 'criteria',
      label: 'Which of these apply?',
      kind: 'multiselect',
      required: true,
      options: optionsOf(CRITERIA),
    },
    {
      id: 'location',
      label: 'Where did it happen?',
      kind: 'select',
      required: true,
      options: optionsOf(LOCATIONS),
      help:
        'The local authority notifies serious incidents in its area, and outside England to a child who ' +
        'lives here.',
    },
    {
      id: 'normallyResident',
      label: 'Residence',
      kind: 'checkbox',
      help: 'The child normally lives in the partnership\u2019s area',
    },
    {
      id: 'lookedAfter',
      label: 'Looked after',
      kind: 'checkbox',
      help: 'The child was looked after by the local authority',
    },
    { id: 'agencies', label: 'Other agencies involved', kind: 'multiselect', options: [] },
    {
      id: 'whatHappened',
      label: 'What happened',
      kind: 'textarea',
      required: true,
      maxLength: 4000,
      help: 'Facts only. Do not name the child, family members or addresses.',
    },
    { id: 'whyReview', label: 'Why could a review help?', kind: 'textarea', required: true, maxLength: 2000 },
  ],
  load: ({ services, actor }) => services.referrals.newReferralFormChoices(actor),
  view: (choices: { agencies: { value: string; label: string }[] }) => ({
    // A new token per blank form: submitting the same form twice makes one referral.
    meta: { formToken: randomUUID() },
    intro: [
      text(
        'If a child is at immediate risk, follow your safeguarding procedures now: call the police on 999 or ' +
          'children\u2019s social care.',
        'attention',
      ),
      text(
        'Tell the Case Review Group about a case that may need a child safeguarding practice review or ' +
          'another learning review.',
      ),
      text('Never enter the child\u2019s name: use your agency\u2019s case reference.', 'warning', true),
    ],
    options: { agencies: choices.agencies },
    values: { location: 'in-area' },
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.referrals.submitReferral(actor, { ...values, formToken: meta.formToken })
    return [{ type: 'card', card: referralConfirmationCard(result.reference, result.isNew, result.notification) }]
  },
})
