/**
 * Planning the audit programme: the QA chair or the business manager plans an audit (its type, tool version,
 * participants, opening date and deadline) from `audits` or the programme card, opens a planned one early, and
 * copies a tool to change it (a new version; returns already started keep theirs).
 */
import { randomUUID } from 'node:crypto'
import { QUESTION_KIND_LABELS } from '../../services/audits/audit-tool.schema.js'
import { formatDate } from '../../services/calendar/dates.js'
import { cardReply, defineButton, defineForm, type Option } from '../interaction.js'
import { auditProgrammeCard, auditSummaryCard } from '../messages/audit-cards.js'
import { VERBS } from '../verbs.js'
import { about, optionsOf } from './shared.js'

type PlanData = { types: Option[]; tools: Option[]; participants: Option[]; themes: Option[] }

export const auditPlanForm = defineForm<PlanData>({
  verb: VERBS.auditPlan,
  title: 'Plan an audit',
  submitLabel: 'Plan the audit',
  fields: [
    { id: 'type', label: 'Type of audit', kind: 'select', required: true, options: [] },
    {
      id: 'title',
      label: 'Title',
      kind: 'text',
      required: true,
      maxLength: 120,
      placeholder: 'e.g. Section 11 audit 2026 to 2027',
    },
    { id: 'toolId', label: 'Tool', kind: 'select', required: true, options: [], help: 'The newest version is first.' },
    {
      id: 'participants',
      label: 'Who takes part',
      kind: 'multiselect',
      required: true,
      options: [],
      help: 'Agencies; for a Section 175/157 audit, schools and colleges.',
    },
    { id: 'theme', label: 'Theme', kind: 'select', options: [], help: 'For a case audit or a themed audit.' },
    { id: 'openingDate', label: 'Opening date', kind: 'date', required: true },
    { id: 'deadline', label: 'Deadline', kind: 'date', required: true },
  ],
  load: ({ services, actor }) => services.audits.getPlanForm(actor),
  view: (d: PlanData) => ({
    meta: { formToken: randomUUID() },
    intro: about('Each participant\u2019s lead is told 1:1 when the audit opens, and reminded before the deadline.'),
    options: { type: d.types, toolId: d.tools, participants: d.participants, theme: d.themes },
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.audits.planAudit(actor, { ...values, formToken: meta.formToken })
    const summary = await services.audits.getAuditSummary(actor, result.auditId)
    const message = !result.isNew
      ? `${result.reference} was already planned.`
      : result.opened
        ? `${result.reference} is open. Each participant\u2019s lead has been told.`
        : `${result.reference} is planned. It opens on ${formatDate(summary.openingDate)}, when each lead is told.`
    return cardReply(
      auditSummaryCard(summary, services.audits.auditPageLinks(actor, result.auditId), { text: message }),
    )
  },
})

export const auditOpenButton = defineButton({
  verb: VERBS.auditOpen,
  run: async ({ services, actor, meta }) => {
    const result = await services.audits.openAudit(actor, { auditId: meta.auditId })
    const summary = await services.audits.getAuditSummary(actor, meta.auditId ?? '')
    return cardReply(
      auditSummaryCard(summary, services.audits.auditPageLinks(actor, summary.id), {
        text: `${result.reference} is open. Each participant\u2019s lead has been told.`,
      }),
    )
  },
})

type CopyData = Awaited<ReturnType<import('../../services/index.js').Services['audits']['getCopyToolForm']>>

export const auditToolCopyForm = defineForm<CopyData>({
  verb: VERBS.auditToolCopy,
  title: 'Copy and change a tool',
  submitLabel: 'Make the new version',
  fields: [
    { id: 'toolId', label: 'Tool to copy', kind: 'select', required: true, options: [] },
    { id: 'name', label: 'Name of the new version', kind: 'text', required: true, maxLength: 120 },
    { id: 'remove', label: 'Questions to leave out', kind: 'multiselect', options: [] },
    { id: 'addSection', label: 'Add a question to this section', kind: 'select', options: [] },
    { id: 'addLabel', label: 'The question to add', kind: 'text', maxLength: 300 },
    { id: 'addKind', label: 'Its kind of answer', kind: 'select', options: optionsOf(QUESTION_KIND_LABELS) },
    {
      id: 'addRequired',
      label: 'Required',
      kind: 'checkbox',
      help: 'It must be answered before the return is submitted',
    },
    {
      id: 'applyToOpen',
      label: 'Open audits',
      kind: 'checkbox',
      help: 'Use the new version in open and planned audits (returns already started keep theirs)',
    },
  ],
  load: ({ services, actor, meta }) => services.audits.getCopyToolForm(actor, meta.copyOf),
  view: (d: CopyData) => ({
    meta: { formToken: randomUUID(), ...(d.tool ? { copyOf: d.tool.id } : {}) },
    intro: d.tool
      ? about(`A copy of ${d.tool.name} (version ${d.tool.version}) becomes version ${d.tool.version + 1}.`)
      : about('Choose the tool to copy. To leave questions out, use its own button on the programme card.'),
    options: { toolId: d.tools, remove: d.questions, addSection: d.sections },
    values: d.tool ? { toolId: d.tool.id, name: `${d.tool.name}, version ${d.tool.version + 1}` } : {},
  }),
  submit: async ({ services, actor, meta, values }) => {
    const result = await services.audits.copyTool(actor, { ...values, formToken: meta.formToken })
    const message = result.isNew
      ? `${result.name} is version ${result.version}.${result.moved ? ` ${result.moved} open or planned audits now use it.` : ''}`
      : `${result.name} was already made.`
    return cardReply(
      auditProgrammeCard(
        await services.audits.listAudits(actor),
        { canPlan: services.can(actor, 'audit.plan'), tools: await services.audits.listTools(actor) },
        { text: message },
      ),
    )
  },
})
