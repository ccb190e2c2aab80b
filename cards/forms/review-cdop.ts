/** The business manager records a child death notified by the CDOP; possible abuse or neglect makes it a referral. */
import { randomUUID } from 'node:crypto'
import { defineForm, type Option } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, done } from './shared.js'

export const reviewCdopForm = defineForm({
  verb: VERBS.reviewCdop,
  title: 'CDOP notification',
  submitLabel: 'Record notification',
  fields: [
    { id: 'cdopReference', label: 'CDOP reference', kind: 'text', required: true, maxLength: 40 },
    { id: 'ageBand', label: "Child's age band", kind: 'select', required: true, options: [] },
    { id: 'dateOfDeath', label: 'Date of death', kind: 'date', required: true },
    { id: 'notifiedOn', label: 'Date the CDOP notified the partnership', kind: 'date', required: true },
    { id: 'abuseOrNeglectSuspected', label: 'Finding', kind: 'checkbox', help: 'The CDOP found possible abuse or neglect' },
    { id: 'agencies', label: 'Agencies involved', kind: 'multiselect', options: [] },
    {
      id: 'summary', label: "The CDOP's finding, in brief", kind: 'textarea', required: true, maxLength: 4000,
      help: 'Do not name the child or family.',
    },
  ],
  load: ({ services, actor }) => services.reviews.cdopFormChoices(actor),
  view: (choices: { agencies: Option[]; ageBands: Option[] }) => ({
    meta: { formToken: randomUUID() },
    intro: about(
      'A child death notified by the child death overview panel. If the CDOP found possible abuse or neglect, it also becomes a referral for screening.',
    ),
    options: { agencies: choices.agencies, ageBand: choices.ageBands },
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.reviews.recordCdopNotification(actor, { ...values, formToken: meta.formToken })
    return done(
      `${result.reference} recorded`,
      result.referral
        ? `The CDOP found possible abuse or neglect, so it is now referral ${result.referral}, sent to the Case Review Group for screening.`
        : 'Recorded for the Case Review Group to screen.',
    )
  },
})
