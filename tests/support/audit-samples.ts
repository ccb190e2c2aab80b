/**
 * Audit cards, forms and dialog pages (issue 12) with realistic and worst-case inputs, for the rendering checks
 * (tests/cards.test.ts) and the wording checks (tests/wording.test.ts): every section of every seeded tool as a
 * dialog page (the longest is the largest a platform must take), the programme, summaries, `my audits`, returns
 * at each step of moderation, a case with its discussion, and each audit notice's variants.
 */
import { readFileSync } from 'node:fs'
import type { DialogPage } from '../../cards/dialog.js'
import { returnDialogPage } from '../../cards/forms/audit-return.js'
import {
  auditProgrammeCard,
  auditSummaryCard,
  caseCard,
  myAuditsCard,
  returnCard,
} from '../../cards/messages/audit-cards.js'
import { auditNoticeCard } from '../../cards/messages/audit-notices.js'
import type { Card } from '../../cards/model.js'
import type { Verb } from '../../cards/verbs.js'
import type {
  AuditLine,
  AuditSummary,
  CaseView,
  ReturnLine,
  ReturnView,
  StandardLine,
} from '../../services/audits/audit.schema.js'
import {
  type Answers,
  choicesOf,
  evidenceId,
  pageQuestions,
  ratingOf,
  ZToolSeed,
} from '../../services/audits/audit-tool.schema.js'

/** Case prose of exactly `n` characters, with characters Slack must escape. */
const prose = (n: number) =>
  'The record shows supervision every 4 weeks & a chronology <updated>; the plan was reviewed by the team. '
    .repeat(Math.ceil(n / 100))
    .slice(0, n)

const TOOLS = (
  JSON.parse(readFileSync(new URL('../../prisma/seed/audit-tools.json', import.meta.url), 'utf8')).tools as unknown[]
).map((t) => ZToolSeed.parse(t))

/** Every section of every seeded tool as its dialog page: every question shown, carried, with evidence. */
export function auditDialogPages(): DialogPage[] {
  return TOOLS.flatMap((tool) => {
    const answers: Answers = {}
    for (const s of tool.definition.sections)
      for (const q of s.questions) if (q.showWhen) answers[q.showWhen.question] = q.showWhen.in[0]!
    return tool.definition.sections.map((section, index) => {
      const questions = pageQuestions(section, answers, new Set(section.questions.map((q) => q.id)))
      for (const q of questions) if (q.evidencePrompt) answers[evidenceId(q.id)] = prose(3000)
      return returnDialogPage({
        returnId: '6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c',
        auditType: tool.auditType,
        title: `${tool.name}: Northshire NHS Foundation Trust`,
        index,
        count: tool.definition.sections.length,
        sectionKey: section.key,
        sectionTitle: section.title,
        intro: section.intro ?? null,
        questions,
        answers,
        version: 12,
        finishLabel: 'Submit for sign-off',
        lastSaved: { by: 'Dana Okafor', at: '10:42' },
        closedNote: index === 0 ? 'This return has already been sent in, so it cannot change.' : null,
      })
    })
  })
}

const s11 = TOOLS.find((t) => t.key === 'section-11')!
const standards = (step: 'self' | 'moderated' | 'challenged' | 'final'): StandardLine[] =>
  s11.definition.sections.flatMap((s, i) => {
    const q = ratingOf(s)
    if (!q) return []
    const options = choicesOf(q.kind)
    const changed = step !== 'self' && i % 3 === 0
    return [
      {
        sectionKey: s.key,
        title: s.title,
        kind: q.kind,
        options,
        selfRating: '3',
        selfLabel: options[0]!.label,
        evidence: prose(3000),
        decision: step === 'self' ? null : changed ? 'change' : 'agree',
        moderatedRating: step === 'self' ? null : changed ? '1' : '3',
        moderatedLabel: step === 'self' ? null : changed ? options[2]!.label : options[0]!.label,
        reason: changed ? prose(3000) : null,
        responseDecision: changed && step !== 'moderated' ? 'disagree' : null,
        response: changed && step !== 'moderated' ? prose(3000) : null,
        finalRating: step === 'final' ? '1' : null,
        finalLabel: step === 'final' ? options[2]!.label : null,
      },
    ]
  })

const returnView = (
  status: ReturnView['status'],
  step: Parameters<typeof standards>[0],
  can: Partial<ReturnView['can']> = {},
): ReturnView => ({
  id: 'r1',
  auditId: 'a1',
  auditReference: 'NSCP-AUD-2026-0001',
  auditTitle: 'Section 11 audit 2026 to 2027',
  auditType: 'section-11',
  participant: 'Northshire NHS Foundation Trust',
  lead: 'Sam Patel',
  status,
  statusLabel: 'Signed off: waiting for moderation',
  deadline: '2027-01-29',
  submittedBy: 'Sam Patel',
  signedOffBy: 'Nadia Hussain',
  governorsReviewOn: null,
  standards: standards(step),
  can: { moderate: false, respond: false, signOff: false, reopen: false, complete: false, ...can },
})

const AGENCY_NAMES = [
  "Northshire Council Children's Social Care",
  'Northshire Police',
  'Northshire NHS Foundation Trust',
  'Northshire Integrated Care Board',
  'Probation Service (Northshire)',
  'Northshire Schools and Colleges',
]

const summary = (over: Partial<AuditSummary> = {}): AuditSummary => ({
  id: 'a1',
  reference: 'NSCP-AUD-2026-0001',
  title: 'Section 11 audit 2026 to 2027',
  type: 'section-11',
  typeLabel: 'Section 11 audit',
  status: 'OPEN',
  theme: null,
  toolName: 'Section 11 self-assessment (version 2)',
  openingDate: '2026-11-02',
  deadline: '2027-01-29',
  expected: 6,
  received: 2,
  outstanding: AGENCY_NAMES.slice(0, 4).map((participant, i) => ({
    participant,
    lead: i === 3 ? null : 'Sam Patel',
    status: 'In progress',
    isLate: i % 2 === 0,
  })),
  standards: s11.definition.sections.flatMap((s) =>
    ratingOf(s)
      ? [
          {
            sectionKey: s.key,
            title: s.title,
            ratings: AGENCY_NAMES.map((participant) => ({
              participant,
              self: '3: embedded, with evidence of impact',
              moderated: '1: partly in place',
            })),
            mean: 2.3,
            lastMean: 2.7,
          },
        ]
      : [],
  ),
  findings: Array.from({ length: 14 }, (_, i) => ({
    id: `f${i}`,
    text: `${AGENCY_NAMES[i % 6]}, Safer recruitment: 1: partly in place after moderation (self-assessed 3: embedded, with evidence of impact).`,
    themes: i % 4 === 0 ? [] : ['Supervision', 'Information sharing'].slice(0, (i % 2) + 1),
    actions: i % 3 === 0 ? ['NSCP-ACT-2026-0001', 'NSCP-ACT-2026-0002'] : [],
  })),
  cases: [],
  can: { plan: true, moderate: true, selectCases: false, open: false },
  ...over,
})

const caseView = (discussed: boolean): CaseView => ({
  id: 'c1',
  auditId: 'a2',
  auditReference: 'NSCP-AUD-2026-0002',
  label: 'Case 3',
  theme: 'Neglect',
  refs: AGENCY_NAMES.map((agency, i) => ({ agency, reference: `REF-2026-${1000 + i}` })),
  parts: AGENCY_NAMES.map((agency, i) => ({
    returnId: `r${i}`,
    agency,
    status: i < 4 ? 'SUBMITTED' : 'IN_PROGRESS',
    statusLabel: i < 4 ? 'Submitted: waiting for sign-off' : 'In progress',
    grades:
      i < 4 ? Object.fromEntries(TOOLS[2]!.definition.sections.map((s) => [s.key, 'Requires improvement'])) : null,
  })),
  areas: TOOLS[2]!.definition.sections.map((s) => ({
    sectionKey: s.key,
    title: s.title,
    options: choicesOf('graded'),
    agreed: discussed ? 'Good' : null,
  })),
  goodPractice: discussed ? prose(3000) : null,
  areasForDevelopment: discussed ? prose(3000) : null,
  recommendations: discussed ? Array.from({ length: 8 }, () => prose(300)) : [],
  can: { discuss: true },
  hiddenNote: discussed ? null : "Other agencies' answers show once you have submitted your own part.",
})

const lines: AuditLine[] = Array.from({ length: 20 }, (_, i) => ({
  id: `a${i}`,
  reference: `NSCP-AUD-2026-${String(i + 1).padStart(4, '0')}`,
  title: 'Section 175/157 schools audit 2026 to 2027',
  type: 'section-175',
  typeLabel: 'Section 175/157 schools audit',
  status: (['PLANNED', 'OPEN', 'CLOSED'] as const)[i % 3]!,
  openingDate: '2026-11-02',
  deadline: '2027-02-12',
  expected: 24,
  received: i,
}))

const returnLines: ReturnLine[] = Array.from({ length: 15 }, (_, i) => ({
  id: `r${i}`,
  auditId: 'a1',
  auditReference: 'NSCP-AUD-2026-0001',
  auditTitle: 'Multi-agency case audit: neglect',
  participant: 'Northshire NHS Foundation Trust',
  ...(i % 2 ? { caseLabel: `Case ${i}`, caseReference: 'RX9-118823' } : {}),
  lead: 'Sam Patel',
  status: (['NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'CHALLENGED', 'SIGNED_OFF'] as const)[i % 5]!,
  statusLabel: 'In progress',
  deadline: '2027-01-29',
  isLate: i % 4 === 0,
  answered: 12,
  questions: 1,
  next: (['complete', 'complete', 'sign-off', 'respond', 'moderate'] as const)[i % 5]!,
}))

const LINKS = {
  page: `https://learning-loop.example.org/audits/page?t=${'x'.repeat(200)}`,
  xlsx: `https://learning-loop.example.org/audits/export.xlsx?t=${'x'.repeat(200)}`,
}

/** Every audit card with realistic and worst-case data. */
export const AUDIT_CARDS: [string, Card][] = [
  [
    'audit programme, planner',
    auditProgrammeCard(lines, {
      canPlan: true,
      tools: TOOLS.map((t, i) => ({ id: `t${i}`, name: t.name, version: 3 })),
    }),
  ],
  ['audit programme, none', auditProgrammeCard([], { canPlan: false, tools: [] }, { text: 'Planned.' })],
  [
    'audit summary, Section 11 with findings',
    auditSummaryCard(summary(), LINKS, { text: 'NSCP-AUD-2026-0001 is open.' }),
  ],
  [
    'audit summary, planned case audit',
    auditSummaryCard(
      summary({
        type: 'case-audit',
        typeLabel: 'Multi-agency case audit',
        status: 'PLANNED',
        theme: 'Neglect',
        findings: [],
        standards: [],
        cases: Array.from({ length: 8 }, (_, i) => ({
          id: `c${i}`,
          label: `Case ${i + 1}`,
          parts: AGENCY_NAMES.map((participant) => ({ participant, status: 'Submitted: waiting for sign-off' })),
          discussed: i % 2 === 0,
        })),
        can: { plan: true, moderate: true, selectCases: true, open: true },
      }),
      null,
    ),
  ],
  ['my audits', myAuditsCard(returnLines)],
  ['my audits, none', myAuditsCard([])],
  ['audit return, to moderate', returnCard(returnView('SIGNED_OFF', 'self', { moderate: true, reopen: true }))],
  ['audit return, moderated in part', returnCard(returnView('SIGNED_OFF', 'moderated', { moderate: true }))],
  ['audit return, challenged, agency', returnCard(returnView('CHALLENGED', 'moderated', { respond: true }))],
  ['audit return, challenged, chair', returnCard(returnView('CHALLENGED', 'challenged', { moderate: true }))],
  ['audit return, final', returnCard(returnView('MODERATED', 'final'), { text: 'Moderated.' })],
  [
    'audit return, school to sign off',
    returnCard({
      ...returnView('SUBMITTED', 'self', { signOff: true, complete: true }),
      auditType: 'section-175',
      governorsReviewOn: '2026-10-14',
    }),
  ],
  ['case audit, before the discussion', caseCard(caseView(false))],
  ['case audit, discussed', caseCard(caseView(true), { text: 'Grade agreed.' })],
  ...(['signed-off', 'responded', 'no-lead', 'no-signer', 'case-ready'] as const).map((event): [string, Card] => [
    `notice audit.for-chair, ${event}`,
    auditNoticeCard({
      template: 'audit.for-chair',
      event,
      auditId: 'a1',
      ...(event === 'no-lead' || event === 'case-ready' ? {} : { returnId: 'r1' }),
      reference: 'NSCP-AUD-2026-0001',
      participant: event === 'no-lead' ? AGENCY_NAMES.join(', ') : 'Northshire Police',
      by: 'Joanne Clarke',
    }),
  ]),
  ...(['moderated', 'reopened'] as const).map((event): [string, Card] => [
    `notice audit.moderation, ${event}`,
    auditNoticeCard({
      template: 'audit.moderation',
      event,
      returnId: 'r1',
      reference: 'NSCP-AUD-2026-0001',
      participant: 'Northshire Police',
      by: 'Gareth Lloyd',
    }),
  ]),
  [
    'notice audit.opened, Section 11',
    auditNoticeCard({
      template: 'audit.opened',
      returnId: 'r1',
      reference: 'NSCP-AUD-2026-0001',
      title: 'Section 11 audit 2026',
      type: 'section-11',
      participant: 'Northshire Police',
      deadline: '2027-01-29',
      openedBy: 'Gareth Lloyd',
    }),
  ],
]

const OPTIONS = (labels: string[]) => labels.map((label, i) => ({ value: `v${i}`, label }))
const PEOPLE = OPTIONS(
  Array.from({ length: 40 }, (_, i) => `Person ${i + 1} (Safeguarding lead, ${AGENCY_NAMES[i % 6]})`),
)

/** What each audit form shows, as its service query would return it: the largest realistic data. */
export const AUDIT_FORM_DATA: Partial<Record<Verb, unknown>> = {
  'audit.plan': {
    types: OPTIONS([
      'Section 11 audit',
      'Section 175/157 schools audit',
      'Multi-agency case audit',
      'Themed audit',
      'Single-agency audit return',
    ]),
    tools: OPTIONS(TOOLS.flatMap((t) => [1, 2, 3].map((v) => `${t.name} (version ${v})`))),
    participants: OPTIONS([...AGENCY_NAMES, ...Array.from({ length: 60 }, (_, i) => `School ${i + 1} (school)`)]),
    themes: OPTIONS([
      'Neglect',
      'Voice of the child',
      'Information sharing',
      'Escalation',
      'Supervision',
      'Early help',
    ]),
  },
  'audit.tool-copy': {
    tool: { id: 't1', name: s11.name, version: 1 },
    tools: OPTIONS(TOOLS.map((t) => t.name)),
    questions: s11.definition.sections.flatMap((s) =>
      s.questions.filter((q) => !q.isRating).map((q) => ({ value: q.id, label: `${s.title}: ${q.label}` })),
    ),
    sections: s11.definition.sections.map((s) => ({ value: s.key, label: s.title })),
  },
  'audit.sign-off-school': { ...returnView('SUBMITTED', 'self'), auditType: 'section-175' },
  'audit.moderate': { view: returnView('SIGNED_OFF', 'self'), standard: standards('self')[0] },
  'audit.respond': { view: returnView('CHALLENGED', 'moderated'), standard: standards('moderated')[0] },
  'audit.final-rating': { view: returnView('CHALLENGED', 'challenged'), standard: standards('challenged')[0] },
  'audit.select-case': {
    id: 'a2',
    reference: 'NSCP-AUD-2026-0002',
    theme: 'Neglect',
    nextLabel: 'Case 12',
    agencies: AGENCY_NAMES.map((name, i) => ({ key: `k${i}`, name })),
  },
  'audit.agree-grade': { view: caseView(false), area: caseView(false).areas[0] },
  'audit.discussion': caseView(true),
  'audit.finding-actions': {
    finding: { id: 'f1', text: prose(500), themes: ['Supervision'], auditReference: 'NSCP-AUD-2026-0001' },
    themes: [
      'Neglect',
      'Voice of the child',
      'Information sharing',
      'Professional curiosity',
      'Escalation',
      'Supervision',
    ],
    choices: {
      agencies: OPTIONS(AGENCY_NAMES),
      people: PEOPLE,
      subGroups: OPTIONS(['Case Review Group', 'Quality Assurance and Audit Sub-group']),
    },
  },
}
