/**
 * The business manager records a child death notified by the CDOP (children aged 0 to 17, never a stillbirth:
 * DOMAIN.md 1.8). Possible abuse or neglect, or a looked-after child, makes it a referral, whose notification
 * clock counts from the CDOP's notification.
 */
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
    {
      id: 'abuseOrNeglectSuspected',
      label: 'Finding',
      kind: 'checkbox',
      help: 'The CDOP found possible abuse or neglect',
    },
    {
      id: 'lookedAfter',
      label: 'Looked after',
      kind: 'checkbox',
      help: 'The child was looked after by the local authority',
    },
    { id: 'agencies', label: 'Agencies involved', kind: 'multiselect', options: [] },
    {
      id: 'summary',
      label: "The CDOP's finding, in brief",
      kind: 'textarea',
      required: true,
      maxLength: 4000,
      help: 'Do not name the child or family.',
    },
  ],
  load: ({ services, actor }) => services.reviews.cdopFormChoices(actor),
  view: (choices: { agencies: Option[]; ageBands: Option[] }) => ({
    meta: { formToken: randomUUID() },
    intro: about(
      'A child death (aged 0 to 17) notified by the child death overview panel. If the CDOP found possible ' +
        'abuse or neglect, or the child was looked after, it also becomes a referral for screening, and the ' +
        'local authority\u2019s notification counts from the CDOP\u2019s date.',
    ),
    options: { agencies: choices.agencies, ageBand: choices.ageBands },
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.reviews.recordCdopNotification(actor, { ...values, formToken: meta.formToken })
    return done(
      `${result.reference} recorded`,
      result.referral
        ? `It is now referral ${result.referral}, sent to the Case Review Group for screening and to the ` +
            "local authority's notification lead."
        : 'Recorded for the Case Review Group to screen.',
    )
  },
})
