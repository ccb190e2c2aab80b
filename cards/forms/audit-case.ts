/**
 * Case audits: the QA chair chooses a case by each involved agency's own case reference (never a name), agrees
 * the grade of each area at the audit discussion, and records the discussion (good practice, areas for
 * development, recommendations: one a line, each a finding).
 */
import { randomUUID } from 'node:crypto'
import type { CaseView } from '../../services/audits/index.js'
import type { Field } from '../model.js'
import { cardReply, defineForm, type Option } from '../interaction.js'
import { auditSummaryCard, caseCard } from '../messages/audit-cards.js'
import { VERBS } from '../verbs.js'
import { about } from './shared.js'

/** Agencies a case can name at most. */
const CASE_ROWS = [1, 2, 3, 4, 5, 6]

type Selection = {
  id: string
  reference: string
  theme: string | null
  nextLabel: string
  agencies: { key: string; name: string }[]
}

export const auditSelectCaseForm = defineForm<Selection>({
  verb: VERBS.auditSelectCase,
  title: 'Choose a case',
  submitLabel: 'Add the case',
  fields: CASE_ROWS.flatMap((n): Field[] => [
    { id: `agency${n}`, label: `Agency ${n}`, kind: 'select', required: n === 1, options: [] },
    {
      id: `reference${n}`,
      label: `Its case reference (agency ${n})`,
      kind: 'text',
      required: n === 1,
      maxLength: 40,
      placeholder: 'e.g. CSC-48213',
    },
  ]),
  load: ({ services, actor, meta }) => services.audits.getCaseSelection(actor, meta.auditId ?? ''),
  view: (d: Selection) => {
    const agencies: Option[] = d.agencies.map((a) => ({ value: a.key, label: a.name }))
    return {
      meta: { auditId: d.id, formToken: randomUUID() },
      intro: about(
        `${d.nextLabel} of ${d.reference}${d.theme ? ` (theme: ${d.theme})` : ''}. Name each agency involved and its own ` +
          'case reference, never a name. Each agency\u2019s auditor is told, with their own reference only.',
      ),
      options: Object.fromEntries(CASE_ROWS.map((n) => [`agency${n}`, agencies])),
    }
  },
  submit: async ({ services, actor, meta, values }) => {
    const rows = CASE_ROWS.map((n) => ({ agencyKey: values[`agency${n}`], reference: values[`reference${n}`] }))
    const result = await services.audits.selectCase(actor, { auditId: meta.auditId, formToken: meta.formToken, rows })
    const summary = await services.audits.getAuditSummary(actor, meta.auditId ?? '')
    return cardReply(
      auditSummaryCard(summary, services.audits.auditPageLinks(actor, summary.id), {
        text: result.isNew
          ? `${result.label} added: ${result.parts} agenc${result.parts === 1 ? 'y' : 'ies'} asked for their part.`
          : `${result.label} was already added.`,
      }),
    )
  },
})

type Area = { view: CaseView; area: CaseView['areas'][number] }

export const auditAgreeGradeForm = defineForm<Area>({
  verb: VERBS.auditAgreeGrade,
  title: 'Agree the grade',
  submitLabel: 'Agree the grade',
  fields: [{ id: 'grade', label: 'Agreed grade', kind: 'select', required: true, options: [] }],
  load: async ({ services, actor, meta }) => {
    const view = await services.audits.getCaseForDiscussion(actor, meta.caseId ?? '')
    // An area the tool does not have falls back to the first: the use case refuses it on submit.
    return { view, area: view.areas.find((a) => a.sectionKey === meta.sectionKey) ?? view.areas[0]! }
  },
  view: ({ view, area }: Area) => {
    const graded = view.parts
      .filter((p) => p.grades?.[area.sectionKey])
      .map((p) => `${p.agency}: ${p.grades![area.sectionKey]}`)
    return {
      meta: { caseId: view.id, sectionKey: area.sectionKey },
      intro: about(`${view.label}, ${area.title}. ${graded.length ? graded.join('; ') : 'No grades to show yet'}.`),
      options: { grade: area.options },
    }
  },
  submit: async ({ services, actor, meta, values }) => {
    const r = await services.audits.agreeGrade(actor, { ...values, ...meta })
    return cardReply(
      caseCard(await services.audits.getCaseView(actor, meta.caseId ?? ''), { text: `${r.label}: grade agreed.` }),
    )
  },
})

export const auditDiscussionForm = defineForm<CaseView>({
  verb: VERBS.auditDiscussion,
  title: 'The audit discussion',
  submitLabel: 'Record the discussion',
  fields: [
    { id: 'goodPractice', label: 'Good practice', kind: 'textarea', required: true, maxLength: 3000 },
    { id: 'areasForDevelopment', label: 'Areas for development', kind: 'textarea', required: true, maxLength: 3000 },
    {
      id: 'recommendations',
      label: 'Recommendations',
      kind: 'textarea',
      required: true,
      maxLength: 3000,
      help: 'One a line: each becomes a finding you can turn into actions.',
    },
  ],
  load: ({ services, actor, meta }) => services.audits.getCaseForDiscussion(actor, meta.caseId ?? ''),
  view: (v: CaseView) => ({
    meta: { caseId: v.id },
    intro: about(`${v.auditReference}, ${v.label}. Use the agencies\u2019 case references only: never a name.`),
    values: {
      ...(v.goodPractice ? { goodPractice: v.goodPractice } : {}),
      ...(v.areasForDevelopment ? { areasForDevelopment: v.areasForDevelopment } : {}),
      ...(v.recommendations.length ? { recommendations: v.recommendations.join('\n') } : {}),
    },
  }),
  submit: async ({ services, actor, meta, values }) => {
    const r = await services.audits.recordDiscussion(actor, { ...values, caseId: meta.caseId })
    return cardReply(
      caseCard(await services.audits.getCaseView(actor, meta.caseId ?? ''), {
        text: `${r.label}: the discussion is recorded, with ${r.findings} recommendation${r.findings === 1 ? '' : 's'} as findings.`,
      }),
    )
  },
})
