/** The chair's card for a local review: where it stands, and the forms to move it on. */
import { formatDate } from '../../services/calendar/dates.js'
import type { LocalReviewView } from '../../services/reviews/index.js'
import { milestoneCompleteForm } from '../forms/milestone-complete.js'
import { reviewAddLearningPointForm } from '../forms/review-add-learning-point.js'
import { reviewAddRecommendationForm } from '../forms/review-add-recommendation.js'
import { reviewFamilyForm } from '../forms/review-family.js'
import { reviewInviteForm } from '../forms/review-invite.js'
import { reviewSetLeadReviewerForm } from '../forms/review-set-lead-reviewer.js'
import { reviewSetTermsForm } from '../forms/review-set-terms.js'
import { reviewVoiceOfChildForm } from '../forms/review-voice-of-child.js'
import { formOf } from '../interaction.js'
import type { Action, Block, Card } from '../model.js'
import { facts, text } from '../model.js'
import { VERBS } from '../verbs.js'

export function localReviewCard(v: LocalReviewView, notice?: { text: string; tone: 'good' | 'attention' }): Card {
  const blocks: Block[] = []
  if (notice) blocks.push(text(notice.text, notice.tone))
  blocks.push(facts([
    ['Review', v.typeName],
    ['Status', v.status === 'PUBLISHED' ? `Published: ${v.publicationUrl}` : 'In progress'],
    ['Complete by', v.dueBy ? formatDate(v.dueBy) : null],
    ['Lead reviewer', v.leadReviewer ?? 'Not yet named'],
    ['Terms of reference', v.hasTerms ? 'Agreed' : 'Not yet agreed'],
    ['Practitioners', `${v.invited} invited, ${v.perspectives} perspectives added`],
    ['Family', v.family ?? 'Offer not yet recorded'],
    ["Child's lived experience", v.hasVoiceOfChild ? 'Recorded' : 'Not yet recorded (required)'],
  ]))
  blocks.push({ type: 'heading', text: 'Milestones' })
  for (const m of v.milestones) {
    const state = m.isDone ? 'done' : m.workingDaysLate ? `due ${formatDate(m.dueDate)}, ${m.workingDaysLate} working days late` : `due ${formatDate(m.dueDate)}`
    blocks.push(text(`${m.isDone ? '\u2713' : '\u25CB'} ${m.label}: ${state}`, !m.isDone && m.workingDaysLate ? 'attention' : 'default'))
  }
  if (v.learningPoints.length) {
    blocks.push({ type: 'heading', text: `Findings (${v.learningPoints.length})` })
    v.learningPoints.forEach((p, i) => blocks.push(text(`${i + 1}. ${p.kind}: ${p.text} [${p.themes.join(', ')}]`)))
  }
  if (v.recommendations.length) {
    blocks.push({ type: 'heading', text: `Recommendations (${v.recommendations.length})` })
    v.recommendations.forEach((r, i) => {
      blocks.push(text(`${i + 1}. ${r.text}`))
      blocks.push({ type: 'actions', actions: [{ type: 'open', verb: VERBS.actionCreate, label: 'Turn into actions', data: { recommendationId: r.id } }] })
    })
  }
  if (v.status !== 'PUBLISHED') {
    const setUp: Action[] = [
      { type: 'form', label: 'Lead reviewer', form: formOf(reviewSetLeadReviewerForm, v) },
      { type: 'form', label: 'Terms of reference', form: formOf(reviewSetTermsForm, v) },
      { type: 'form', label: 'Invite practitioners', form: formOf(reviewInviteForm, v) },
      { type: 'form', label: 'Family involvement', form: formOf(reviewFamilyForm, v) },
    ]
    const findings: Action[] = [
      { type: 'form', label: 'Voice of the child', form: formOf(reviewVoiceOfChildForm, v) },
      { type: 'form', label: 'Add a finding', form: formOf(reviewAddLearningPointForm, v) },
      ...(v.learningPoints.length ? [{ type: 'form' as const, label: 'Add a recommendation', form: formOf(reviewAddRecommendationForm, v) }] : []),
    ]
    blocks.push({ type: 'actions', actions: setUp }, { type: 'actions', actions: findings })
  }
  // After publication only the last milestone (kept online) is left to mark.
  {
    const next = v.milestones.find((m) => !m.isDone)
    if (next) {
      blocks.push(text(`Next milestone: ${next.label}`, 'default', true))
      blocks.push({
        type: 'actions',
        actions: [next.key === 'published'
          ? { type: 'form', label: 'Mark published', form: formOf(milestoneCompleteForm, { id: next.id, reference: v.reference }), style: 'positive' }
          : { type: 'submit', verb: VERBS.milestoneComplete, label: `Mark done: ${next.label}`.slice(0, 70), data: { milestoneId: next.id, reviewId: v.id } }],
      })
    }
  }
  return { title: `${v.typeName.split(' (')[0]} ${v.reference}`, blocks }
}
