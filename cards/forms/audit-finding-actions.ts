/**
 * A finding of an audit (a moderated standard below good, or a recommendation of a case discussion) becomes up
 * to three actions, with source "audit" and the audit linked, and its themes set. The same rows as `new actions`.
 */
import { randomUUID } from 'node:crypto'
import { cardReply, defineForm, type Option } from '../interaction.js'
import { auditSummaryCard } from '../messages/audit-cards.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'
import { ACTION_ROW_FIELDS, actionRowOptions, rowsOf } from './action-create.js'

type Data = {
  finding: { id: string; text: string; themes: string[]; auditReference: string; auditId?: string }
  themes: string[]
  choices: { agencies: Option[]; people: Option[]; subGroups: Option[] }
}

export const auditFindingActionsForm = defineForm<Data>({
  verb: VERBS.auditFindingActions,
  title: 'Finding to actions',
  submitLabel: 'Create actions',
  fields: [
    {
      id: 'themes',
      label: 'Themes',
      kind: 'multiselect',
      options: [],
      help: 'The partnership\u2019s themes this finding is about.',
    },
    ...ACTION_ROW_FIELDS,
  ],
  load: ({ services, actor, meta }) => services.audits.getFindingForActions(actor, meta.findingId ?? ''),
  view: ({ finding, themes, choices }: Data) => ({
    meta: { findingId: finding.id, formToken: randomUUID() },
    intro: [
      text(`From ${finding.auditReference}: ${finding.text}`),
      text(
        'Add up to three actions; leave the later ones empty if you need fewer. Each owner is asked to accept.',
        'default',
        true,
      ),
    ],
    options: { themes: themes.map((t) => ({ value: t, label: t })), ...actionRowOptions(choices) },
    values: { themes: finding.themes },
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.audits.createFindingActions(actor, {
      findingId: meta.findingId,
      formToken: meta.formToken,
      themes: values.themes ?? [],
      actions: rowsOf(values),
    })
    const finding = await services.audits.getFindingForActions(actor, meta.findingId ?? '')
    const summary = await services.audits.getAuditByReference(actor, finding.finding.auditReference)
    return cardReply(
      auditSummaryCard(summary, services.audits.auditPageLinks(actor, summary.id), {
        text: `Actions ${result.isNew ? 'created' : 'already created'}: ${result.references.join(', ')}. Each owner has been asked to accept.`,
      }),
    )
  },
})
