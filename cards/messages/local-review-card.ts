/**
 * The card for a local review: where it stands, and the forms to move it on, up to publication as WT2023 has
 * it (full, summary or not published; the advance copy; the partnership's response; kept online for a year)
 * and any national review the Panel took the case for. Sent 1:1 to the person who asked for it, never to a
 * channel: it carries the review's findings.
 */
import { formatDate } from '../../services/calendar/dates.js'
import type { LocalReviewView } from '../../services/reviews/index.js'
import { reviewAddLearningPointForm } from '../forms/review-add-learning-point.js'
import { reviewAddRecommendationForm } from '../forms/review-add-recommendation.js'
import { reviewFamilyForm } from '../forms/review-family.js'
import { reviewInviteForm } from '../forms/review-invite.js'
import { advanceCopyRule } from '../forms/review-publish.js'
import { reviewSetLeadReviewerForm } from '../forms/review-set-lead-reviewer.js'
import { reviewSetTermsForm } from '../forms/review-set-terms.js'
import { reviewVoiceOfChildForm } from '../forms/review-voice-of-child.js'
import { formOf } from '../interaction.js'
import type { Action, Block, Card } from '../model.js'
import { facts, text } from '../model.js'
import { VERBS } from '../verbs.js'
import { nationalReviewLine } from './review-cards.js'

/** "Published in full on Mon 14 Jun 2027: https://…", or where it stands before. */
function publicationState(v: LocalReviewView): string {
  const p = v.publication
  if (v.status === 'NOT_PUBLISHED') {
    const told = p.panelToldOn ? ` The Panel was told on ${formatDate(p.panelToldOn)}.` : ''
    return `Complete, not published.${told}`
  }
  if (v.status !== 'PUBLISHED') return 'In progress'
  const what = p.form === 'summary' ? 'A summary was published' : 'Published in full'
  return `${what}${p.publishedOn ? ` on ${formatDate(p.publishedOn)}` : ''}: ${v.publicationUrl}`
}

/** "To the Panel and the Secretary of State 7 working days before publication (a setting, to be confirmed …)". */
function advanceCopyWhen(a: NonNullable<LocalReviewView['publication']['advanceCopy']>): string {
  const when = `To the Panel and the Secretary of State ${a.period} before publication`
  return a.toBeConfirmedAgainst ? `${when} (a setting, to be confirmed against ${a.toBeConfirmedAgainst})` : when
}

/** One milestone line: done, no longer needed, or when it is due and how late. */
function milestoneLine(m: LocalReviewView['milestones'][number]): Block {
  if (m.isNotNeeded) return text(`\u2013 ${m.label}: not needed`, 'default', true)
  const state = m.isDone
    ? 'done'
    : m.workingDaysLate
      ? `due ${formatDate(m.dueDate)}, ${m.workingDaysLate} working days late`
      : `due ${formatDate(m.dueDate)}`
  return text(
    `${m.isDone ? '\u2713' : '\u25CB'} ${m.label}: ${state}`,
    !m.isDone && m.workingDaysLate ? 'attention' : 'default',
  )
}

export function localReviewCard(v: LocalReviewView, notice?: { text: string; tone: 'good' | 'attention' }): Card {
  const blocks: Block[] = []
  if (notice) blocks.push(text(notice.text, notice.tone))
  const isOpen = v.status !== 'PUBLISHED' && v.status !== 'NOT_PUBLISHED'
  blocks.push(
    facts([
      ['Review', v.typeName],
      ['Status', publicationState(v)],
      ['Complete by', v.dueBy && isOpen ? formatDate(v.dueBy) : null],
      ['Lead reviewer', v.leadReviewer ?? 'Not yet named'],
      ['Terms of reference', v.hasTerms ? 'Agreed' : 'Not yet agreed'],
      ['Practitioners', `${v.invited} invited, ${v.perspectives} perspectives added`],
      ['Family', v.family ?? 'Offer not yet recorded'],
      ["Child's lived experience", v.hasVoiceOfChild ? 'Recorded' : 'Not yet recorded (required)'],
      ["Partnership's response", v.partnershipResponse ? 'Recorded (published with the report)' : 'Not yet recorded'],
      ['Advance copy', isOpen && v.publication.advanceCopy ? advanceCopyWhen(v.publication.advanceCopy) : null],
      [
        'Not published because',
        v.status === 'NOT_PUBLISHED' || v.publication.form === 'summary' ? v.publication.reasons : null,
      ],
    ]),
  )
  if (v.nationalReview) blocks.push(text(nationalReviewLine(v.nationalReview), 'accent'))
  blocks.push({ type: 'heading', text: 'Milestones' })
  for (const m of v.milestones) blocks.push(milestoneLine(m))
  if (v.learningPoints.length) {
    blocks.push({ type: 'heading', text: `Findings (${v.learningPoints.length})` })
    v.learningPoints.forEach((p, i) => blocks.push(text(`${i + 1}. ${p.kind}: ${p.text} (${p.themes.join(', ')})`)))
  }
  if (v.partnershipResponse) {
    blocks.push({ type: 'heading', text: "The partnership's response" }, text(v.partnershipResponse))
  }
  if (v.recommendations.length) {
    blocks.push({ type: 'heading', text: `Recommendations (${v.recommendations.length})` })
    v.recommendations.forEach((r, i) => {
      blocks.push(text(`${i + 1}. ${r.text}`))
      blocks.push({
        type: 'actions',
        actions: [
          { type: 'open', verb: VERBS.actionCreate, label: 'Turn into actions', data: { recommendationId: r.id } },
        ],
      })
    })
  }
  if (isOpen) {
    const setUp: Action[] = [
      { type: 'form', label: 'Lead reviewer', form: formOf(reviewSetLeadReviewerForm, v) },
      { type: 'form', label: 'Terms of reference', form: formOf(reviewSetTermsForm, v) },
      { type: 'form', label: 'Invite practitioners', form: formOf(reviewInviteForm, v) },
      { type: 'form', label: 'Family involvement', form: formOf(reviewFamilyForm, v) },
    ]
    const findings: Action[] = [
      { type: 'form', label: 'Voice of the child', form: formOf(reviewVoiceOfChildForm, v) },
      { type: 'form', label: 'Add a finding', form: formOf(reviewAddLearningPointForm, v) },
      ...(v.learningPoints.length
        ? [{ type: 'form' as const, label: 'Add a recommendation', form: formOf(reviewAddRecommendationForm, v) }]
        : []),
    ]
    const data = { reviewId: v.id }
    const partnership: Action[] = [
      { type: 'open', verb: VERBS.reviewPartnershipResponse, label: "Partnership's response", data },
      ...(v.nationalReview
        ? []
        : [{ type: 'open' as const, verb: VERBS.reviewRecordNationalReview, label: 'National review', data }]),
    ]
    blocks.push(
      { type: 'actions', actions: setUp },
      { type: 'actions', actions: findings },
      { type: 'actions', actions: partnership },
    )
  }
  const next = v.milestones.find((m) => !m.isDone && !m.isNotNeeded)
  if (next) {
    blocks.push(text(`Next milestone: ${next.label}`, 'default', true))
    if (next.key === 'published') {
      if (v.publication.advanceCopy) blocks.push(text(advanceCopyRule(v), 'default', true))
      blocks.push({
        type: 'actions',
        actions: [
          { type: 'open', verb: VERBS.reviewPublish, label: 'Publish', data: { reviewId: v.id }, style: 'positive' },
        ],
      })
    } else {
      if (next.key === 'kept-online')
        blocks.push(
          text(`Can be marked done from ${formatDate(next.dueDate)}, a year after publication.`, 'default', true),
        )
      blocks.push({
        type: 'actions',
        actions: [
          {
            type: 'submit',
            verb: VERBS.milestoneComplete,
            label: `Mark done: ${next.label}`.slice(0, 70),
            data: { milestoneId: next.id, reviewId: v.id },
          },
        ],
      })
    }
  }
  return { title: `${v.typeName.split(' (')[0]} ${v.reference}`, blocks }
}
