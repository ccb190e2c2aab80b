/**
 * Audit cards: the programme (`audits`), one audit's summary (`audit NSCP-AUD-2026-0001`), `my audits`, one
 * return's standards (for sign-off, moderation and the response to a challenge) and one case of a case audit
 * (its parts and the audit discussion). Each puts the reader's next step on the card as a button.
 */
import type {
  AuditLine,
  AuditSummary,
  CaseView,
  ReturnLine,
  ReturnView,
  StandardLine,
} from '../../services/audits/index.js'
import { AUDIT_STATUSES } from '../../services/audits/audit.schema.js'
import { formatDate } from '../../services/calendar/dates.js'
import type { Action, Block, Card } from '../model.js'
import { facts, text } from '../model.js'
import { VERBS } from '../verbs.js'

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const clipText = (t: string, n: number) => (t.length > n ? `${t.slice(0, n - 1)}\u2026` : t)
const withMessage = (card: Card, message?: { text: string; tone?: 'good' | 'attention' }): Card =>
  message ? { ...card, blocks: [text(message.text, message.tone ?? 'good'), ...card.blocks] } : card

/** The button that opens a return's dialog where the person left off. */
export const continueButton = (returnId: string, label = 'Continue the return'): Action => ({
  type: 'dialog',
  verb: VERBS.auditReturn,
  label,
  data: { returnId },
  style: 'positive',
})

const MAX_AUDITS = 15

/** `audits`: the programme, newest first, with buttons to open a summary, plan an audit or copy a tool. */
export function auditProgrammeCard(
  lines: readonly AuditLine[],
  options: { canPlan: boolean; tools: readonly { id: string; name: string; version: number }[] },
  message?: { text: string; tone?: 'good' | 'attention' },
): Card {
  const blocks: Block[] = []
  if (!lines.length) blocks.push(text('No audits are planned yet.'))
  for (const a of lines.slice(0, MAX_AUDITS)) {
    blocks.push(
      text(
        `${a.reference}: ${a.title} (${a.typeLabel}). ${AUDIT_STATUSES[a.status]}, deadline ${formatDate(a.deadline)}. ` +
          `${a.received} of ${plural(a.expected, 'return')} received.`,
      ),
      {
        type: 'actions',
        actions: [{ type: 'submit', verb: VERBS.auditView, label: 'Open the summary', data: { auditId: a.id } }],
      },
    )
  }
  if (lines.length > MAX_AUDITS) blocks.push(text(`And ${lines.length - MAX_AUDITS} older audits.`, 'default', true))
  const actions: Action[] = [
    ...(options.canPlan
      ? [{ type: 'open' as const, verb: VERBS.auditPlan, label: 'Plan an audit', data: {}, style: 'positive' as const }]
      : []),
  ]
  if (actions.length) blocks.push({ type: 'actions', actions })
  if (options.tools.length) {
    blocks.push(
      text('Tools: copy one to change it. Returns already started keep the version they started on.', 'default', true),
    )
    // One block per button: Slack wants a button's id once per block.
    for (const t of options.tools.slice(0, 5))
      blocks.push({
        type: 'actions',
        actions: [
          {
            type: 'open',
            verb: VERBS.auditToolCopy,
            label: `Copy ${t.name} (version ${t.version})`,
            data: { copyOf: t.id },
          },
        ],
      })
  }
  return withMessage({ title: 'Audit programme', blocks }, message)
}

const MAX_FINDINGS = 8

/** An audit's summary: returns received and outstanding, ratings by standard, change, findings by theme. */
export function auditSummaryCard(
  s: AuditSummary,
  links: { page: string; xlsx: string } | null,
  message?: { text: string; tone?: 'good' | 'attention' },
): Card {
  const blocks: Block[] = [
    facts([
      ['Audit', s.typeLabel],
      ['Tool', s.toolName],
      ['Theme', s.theme],
      ['Opens', formatDate(s.openingDate)],
      ['Deadline', formatDate(s.deadline)],
      ['Status', AUDIT_STATUSES[s.status]],
    ]),
    text(`${s.received} of ${plural(s.expected, 'return')} received.`, s.received === s.expected ? 'good' : 'default'),
  ]
  if (s.outstanding.length) {
    blocks.push({ type: 'heading', text: `Outstanding (${s.outstanding.length})` })
    blocks.push(
      text(
        s.outstanding
          .map(
            (o) =>
              `${o.participant} (${o.lead ?? 'nobody registered to complete it'}): ${o.status}${o.isLate ? ', overdue' : ''}.`,
          )
          .join('\n'),
        s.outstanding.some((o) => o.isLate) ? 'attention' : 'default',
      ),
    )
  }
  const rated = s.standards.filter((x) => x.ratings.length)
  if (rated.length) {
    blocks.push({ type: 'heading', text: 'Ratings by standard: self-assessed and moderated' })
    for (const st of rated)
      blocks.push(
        text(
          `${st.title}: ${st.ratings
            .map((r) => `${r.participant} ${r.self ?? 'not rated'}${r.moderated ? `, moderated ${r.moderated}` : ''}`)
            .join('; ')}.`,
        ),
      )
  }
  const compared = s.standards.filter((x) => x.mean !== null || x.lastMean !== null)
  if (compared.length) {
    blocks.push({ type: 'heading', text: 'Change since the last cycle (mean of the final ratings)' })
    blocks.push(
      text(
        compared
          .map((x) => {
            const now = x.mean === null ? 'not yet moderated' : x.mean.toFixed(1)
            const then = x.lastMean === null ? 'no last cycle' : x.lastMean.toFixed(1)
            const trend =
              x.mean === null || x.lastMean === null
                ? ''
                : x.mean > x.lastMean
                  ? ', better'
                  : x.mean < x.lastMean
                    ? ', worse'
                    : ', the same'
            return `${x.title}: ${now} (last cycle ${then}${trend})`
          })
          .join('\n'),
      ),
    )
  }
  if (s.findings.length) {
    blocks.push({ type: 'heading', text: `Findings by theme (${s.findings.length})` })
    const themes = [...new Set(s.findings.flatMap((f) => (f.themes.length ? f.themes : ['Not yet tagged'])))]
    let shown = 0
    for (const theme of themes) {
      const inTheme = s.findings.filter((f) =>
        f.themes.length ? f.themes.includes(theme) : theme === 'Not yet tagged',
      )
      blocks.push(text(`${theme}: ${plural(inTheme.length, 'finding')}.`, 'default', true))
      for (const f of inTheme) {
        if (shown++ >= MAX_FINDINGS) continue
        blocks.push(text(`${f.text}${f.actions.length ? ` Actions: ${f.actions.join(', ')}.` : ''}`))
        if (!f.actions.length && (s.can.plan || s.can.moderate))
          blocks.push({
            type: 'actions',
            actions: [
              { type: 'open', verb: VERBS.auditFindingActions, label: 'Turn into actions', data: { findingId: f.id } },
            ],
          })
      }
    }
    if (shown > MAX_FINDINGS) blocks.push(text(`And ${shown - MAX_FINDINGS} more on the audit page.`, 'default', true))
  }
  if (s.cases.length) {
    blocks.push({ type: 'heading', text: `Cases (${s.cases.length})` })
    for (const k of s.cases.slice(0, 6)) {
      blocks.push(
        text(
          `${k.label}: ${k.parts.map((p) => `${p.participant} ${p.status.toLowerCase()}`).join('; ')}.${k.discussed ? ' Discussed.' : ''}`,
        ),
      )
      blocks.push({
        type: 'actions',
        actions: [{ type: 'submit', verb: VERBS.auditViewCase, label: `Open ${k.label}`, data: { caseId: k.id } }],
      })
    }
  }
  const actions: Action[] = [
    ...(s.can.open
      ? [{ type: 'submit' as const, verb: VERBS.auditOpen, label: 'Open it now', data: { auditId: s.id } }]
      : []),
    ...(s.can.selectCases
      ? [{ type: 'open' as const, verb: VERBS.auditSelectCase, label: 'Choose a case', data: { auditId: s.id } }]
      : []),
    ...(links
      ? [
          { type: 'link' as const, label: 'Open the audit page', url: links.page },
          { type: 'link' as const, label: 'Download the summary (Excel)', url: links.xlsx },
        ]
      : []),
  ]
  if (actions.length) blocks.push({ type: 'actions', actions })
  return withMessage({ title: `${s.reference}: ${s.title}`, blocks }, message)
}

const MAX_RETURNS = 12

/** `my audits`: returns to complete, sign off, respond to or moderate, with progress and deadline. */
export function myAuditsCard(
  lines: readonly ReturnLine[],
  message?: { text: string; tone?: 'good' | 'attention' },
): Card {
  if (!lines.length)
    return withMessage({ title: 'My audits', blocks: [text('Nothing is waiting for you in audits.', 'good')] }, message)
  const blocks: Block[] = [text(`${plural(lines.length, 'audit return')} waiting for you.`)]
  for (const l of lines.slice(0, MAX_RETURNS)) {
    const what = l.caseLabel
      ? `${l.caseLabel}${l.caseReference ? ` (your case reference ${l.caseReference})` : ''}, ${l.participant}'s part`
      : `${l.participant}'s return`
    blocks.push(
      text(
        `${l.auditReference} ${l.auditTitle}: ${what}. ${l.statusLabel}: ${l.answered} of ${plural(l.questions, 'question')} answered. ` +
          `Deadline ${formatDate(l.deadline)}${l.isLate ? ', overdue' : ''}.`,
        l.isLate ? 'attention' : 'default',
      ),
    )
    const action: Action =
      l.next === 'complete'
        ? continueButton(l.id, l.status === 'NOT_STARTED' ? 'Start the return' : 'Continue the return')
        : {
            type: 'submit',
            verb: VERBS.auditViewReturn,
            label:
              l.next === 'sign-off'
                ? 'Open to sign off'
                : l.next === 'respond'
                  ? 'Respond to the challenge'
                  : l.next === 'moderate'
                    ? 'Moderate the return'
                    : 'Open the return',
            data: { returnId: l.id },
            style: 'positive',
          }
    blocks.push({ type: 'actions', actions: [action] })
  }
  if (lines.length > MAX_RETURNS) blocks.push(text(`And ${lines.length - MAX_RETURNS} more.`, 'default', true))
  return withMessage({ title: 'My audits', blocks }, message)
}

/** One standard's line: the self-assessed rating, the moderation, the response and the final rating. */
function standardText(s: StandardLine): string {
  const parts = [`${s.title}: self-assessed ${s.selfLabel ?? 'not rated'}`]
  if (s.decision === 'agree') parts.push('moderation agreed')
  if (s.decision === 'change') parts.push(`moderated ${s.moderatedLabel} (reason: ${s.reason})`)
  if (s.responseDecision === 'accept') parts.push('the agency accepted it')
  if (s.responseDecision === 'disagree') parts.push(`the agency disagreed: ${s.response}`)
  if (s.finalLabel) parts.push(`final ${s.finalLabel}`)
  return `${parts.join('; ')}.`
}

/** The buttons of one standard for this reader. */
function standardActions(v: ReturnView, s: StandardLine): Action[] {
  const data = { returnId: v.id, sectionKey: s.sectionKey }
  if (v.can.moderate && v.status === 'SIGNED_OFF')
    return s.decision
      ? [{ type: 'open', verb: VERBS.auditModerate, label: 'Change the decision', data }]
      : [
          { type: 'submit', verb: VERBS.auditAgree, label: 'Agree', data, style: 'positive' },
          { type: 'open', verb: VERBS.auditModerate, label: 'Change the rating', data },
        ]
  if (v.status !== 'CHALLENGED' || s.decision !== 'change' || s.finalRating) return []
  return [
    ...(v.can.respond
      ? [
          {
            type: 'open' as const,
            verb: VERBS.auditRespond,
            label: s.responseDecision ? 'Change the response' : 'Respond',
            data,
          },
        ]
      : []),
    ...(v.can.moderate
      ? [{ type: 'open' as const, verb: VERBS.auditFinalRating, label: 'Agree the final rating', data }]
      : []),
  ]
}

/** One return: its facts and standards, with what the reader may do (sign off, moderate, respond, reopen). */
export function returnCard(v: ReturnView, message?: { text: string; tone?: 'good' | 'attention' }): Card {
  const blocks: Block[] = [
    facts([
      ['Audit', `${v.auditReference}: ${v.auditTitle}`],
      ['Status', v.statusLabel],
      ['Completed by', v.lead],
      ['Deadline', formatDate(v.deadline)],
      ['Submitted by', v.submittedBy],
      ['Signed off by', v.signedOffBy],
      ['Governors\u2019 annual review', v.governorsReviewOn ? formatDate(v.governorsReviewOn) : null],
    ]),
  ]
  if (v.standards.length) blocks.push({ type: 'heading', text: `Standards (${v.standards.length})` })
  for (const s of v.standards) {
    blocks.push(text(clipText(standardText(s), 1500)))
    if (s.evidence && (v.can.moderate || v.can.signOff))
      blocks.push(text(`Evidence: ${clipText(s.evidence, 300)}`, 'default', true))
    const actions = standardActions(v, s)
    if (actions.length) blocks.push({ type: 'actions', actions })
  }
  const actions: Action[] = [
    ...(v.can.signOff
      ? [
          v.auditType === 'section-175'
            ? {
                type: 'open' as const,
                verb: VERBS.auditSignOffSchool,
                label: 'Sign off the return',
                data: { returnId: v.id },
                style: 'positive' as const,
              }
            : {
                type: 'submit' as const,
                verb: VERBS.auditSignOff,
                label: 'Sign off the return',
                data: { returnId: v.id },
                style: 'positive' as const,
              },
        ]
      : []),
    ...(v.can.moderate && v.status === 'SIGNED_OFF'
      ? [
          {
            type: 'submit' as const,
            verb: VERBS.auditFinishModeration,
            label: 'Finish moderation',
            data: { returnId: v.id },
          },
        ]
      : []),
    ...(v.can.complete ? [continueButton(v.id)] : []),
    ...(v.can.reopen
      ? [{ type: 'submit' as const, verb: VERBS.auditReopen, label: 'Reopen the return', data: { returnId: v.id } }]
      : []),
  ]
  if (actions.length) blocks.push({ type: 'actions', actions })
  return withMessage({ title: `${v.participant}: ${v.auditTitle}`, blocks }, message)
}

/** One case of a case audit: its parts, the grades the reader may see, and the audit discussion. */
export function caseCard(v: CaseView, message?: { text: string; tone?: 'good' | 'attention' }): Card {
  const blocks: Block[] = [
    facts([
      ['Audit', v.auditReference],
      ['Theme', v.theme],
      ...v.refs.map((r): [string, string] => [`Case reference at ${r.agency}`, r.reference]),
    ]),
    text(v.parts.map((p) => `${p.agency}: ${p.statusLabel}.`).join('\n')),
  ]
  if (v.hiddenNote) blocks.push(text(v.hiddenNote, 'default', true))
  blocks.push({ type: 'heading', text: 'Grades by area' })
  for (const a of v.areas) {
    const graded = v.parts.filter((p) => p.grades?.[a.sectionKey]).map((p) => `${p.agency} ${p.grades![a.sectionKey]}`)
    blocks.push(
      text(
        `${a.title}: ${graded.length ? graded.join('; ') : 'no grades to show yet'}.${a.agreed ? ` Agreed: ${a.agreed}.` : ''}`,
      ),
    )
    if (v.can.discuss)
      blocks.push({
        type: 'actions',
        actions: [
          {
            type: 'open',
            verb: VERBS.auditAgreeGrade,
            label: a.agreed ? 'Change the agreed grade' : 'Agree the grade',
            data: { caseId: v.id, sectionKey: a.sectionKey },
          },
        ],
      })
  }
  if (v.goodPractice)
    blocks.push(
      { type: 'heading', text: 'The audit discussion' },
      facts([
        ['Good practice', clipText(v.goodPractice, 1000)],
        ['Areas for development', clipText(v.areasForDevelopment ?? '', 1000)],
        ['Recommendations', clipText(v.recommendations.join('\n'), 1000)],
      ]),
    )
  if (v.can.discuss)
    blocks.push({
      type: 'actions',
      actions: [
        {
          type: 'open',
          verb: VERBS.auditDiscussion,
          label: v.goodPractice ? 'Change the discussion' : 'Record the discussion',
          data: { caseId: v.id },
          style: 'positive',
        },
        { type: 'submit', verb: VERBS.auditView, label: 'Open the summary', data: { auditId: v.auditId } },
      ],
    })
  return withMessage({ title: `${v.auditReference}: ${v.label}`, blocks }, message)
}
