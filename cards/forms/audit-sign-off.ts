/**
 * Sign-off: an agency's safeguarding partner or a senior manager signs its return off with one press; a school's
 * headteacher signs off with the date of the governors' annual review. The QA chair is then told.
 */
import type { ReturnView } from '../../services/audits/index.js'
import { cardReply, defineButton, defineForm } from '../interaction.js'
import { returnCard } from '../messages/audit-cards.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'

const signedOff = (view: ReturnView, alreadyDone: boolean) =>
  cardReply(
    returnCard(view, {
      text: alreadyDone
        ? `${view.participant}'s return was already signed off.`
        : `You signed off ${view.participant}'s return. The chair of the Quality Assurance and Audit Sub-group will moderate it.`,
    }),
  )

export const auditSignOffButton = defineButton({
  verb: VERBS.auditSignOff,
  run: async ({ services, actor, meta }) => {
    const result = await services.audits.signOffReturn(actor, { returnId: meta.returnId })
    return signedOff(await services.audits.getReturnView(actor, meta.returnId ?? ''), result.alreadyDone)
  },
})

export const auditSignOffSchoolForm = defineForm<ReturnView>({
  verb: VERBS.auditSignOffSchool,
  title: 'Sign off the return',
  submitLabel: 'Sign off the return',
  fields: [
    {
      id: 'governorsReviewOn',
      label: 'Date of the governors\u2019 annual review of safeguarding',
      kind: 'date',
      required: true,
    },
  ],
  load: ({ services, actor, meta }) => services.audits.getReturnForSignOff(actor, meta.returnId ?? ''),
  view: (v: ReturnView) => ({
    meta: { returnId: v.id },
    intro: about(
      `${v.participant}'s return for ${v.auditTitle}, submitted by ${v.submittedBy ?? 'its lead'}. ` +
        'Governing bodies review safeguarding every year and report how their duties were carried out.',
    ),
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.audits.signOffReturn(actor, { ...values, returnId: meta.returnId })
    return signedOff(await services.audits.getReturnView(actor, meta.returnId ?? ''), result.alreadyDone)
  },
})
