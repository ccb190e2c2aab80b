/** `review status` and the chair's rapid review actions. */
import { formatDate } from '../../services/calendar/dates.js'
import type { NationalReviewLink, ReviewStatusLine } from '../../services/reviews/index.js'
import { STATUTORY_MILESTONES, STATUTORY_TIMESCALES } from '../../services/reviews/statutory-timescales.schema.js'
import { reviewEditTypeForm } from '../forms/review-edit-type.js'
import { formOf } from '../interaction.js'
import type { Block, Card } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'

export function reviewStatusCard(
  lines: ReviewStatusLine[],
  options: { canRecordOutcome: boolean; canRecordPanel?: boolean },
): Card {
  if (!lines.length) return { title: 'Live reviews', blocks: [text('There are no live reviews.')] }
  const blocks: Block[] = []
  for (const l of lines) {
    blocks.push({
      type: 'heading',
      text: `${l.reference} (${l.typeName.toLowerCase()})`,
    })
    blocks.push(text(l.status))
    if (l.next) {
      const late =
        l.next.workingDaysLate > 0
          ? `: ${l.next.workingDaysLate} working day${l.next.workingDaysLate === 1 ? '' : 's'} late`
          : ''
      blocks.push(
        text(
          `Next: ${l.next.label}, due ${formatDate(l.next.dueDate)}${late}` +
            `${l.next.responsible ? ` (${l.next.responsible})` : ''}. ${stepsLeft(l.openMilestones)}`,
          l.next.workingDaysLate > 0 ? 'attention' : 'default',
        ),
      )
    }
    if (l.nationalReview) blocks.push(text(nationalReviewLine(l.nationalReview), 'accent'))
    if (options.canRecordPanel && l.awaitsPanelReply)
      blocks.push({
        type: 'actions',
        actions: [
          {
            type: 'open',
            verb: VERBS.reviewRecordPanelReply,
            label: "Record the Panel's reply",
            data: { reviewId: l.reviewId },
          },
        ],
      })
    if (options.canRecordPanel && !l.nationalReview && l.typeKey === 'rapid-review')
      blocks.push({
        type: 'actions',
        actions: [
          {
            type: 'open',
            verb: VERBS.reviewRecordNationalReview,
            label: 'The Panel took it for a national review',
            data: { reviewId: l.reviewId },
          },
        ],
      })
    // Once the partners have agreed, the business manager sends the rapid review to the national Panel.
    if (options.canRecordPanel && l.toSendToPanel)
      blocks.push({
        type: 'actions',
        actions: [
          {
            type: 'submit',
            verb: VERBS.milestoneComplete,
            label: 'Sent to the national Panel',
            data: { milestoneId: l.toSendToPanel, reviewId: l.reviewId },
            style: 'positive',
          },
        ],
      })
    if (l.typeKey !== 'rapid-review')
      blocks.push({
        type: 'actions',
        actions: [{ type: 'submit', verb: VERBS.reviewOpen, label: 'Open review', data: { reviewId: l.reviewId } }],
      })
    if (options.canRecordOutcome && l.canRecordOutcome) {
      // A button that opens the form: several embedded copies of the same inputs would clash in one card.
      blocks.push({
        type: 'actions',
        actions: [
          {
            type: 'open',
            verb: VERBS.reviewRecordOutcome,
            label: 'Record the outcome',
            data: { reviewId: l.reviewId },
          },
        ],
      })
    }
  }
  return { title: 'Live reviews', blocks }
}

/** "8 milestones still to do, this one included." */
const stepsLeft = (n: number): string =>
  n === 1 ? 'This is the last milestone.' : `${n} milestones still to do, this one included.`

/** "National review NR-2027-03 by the Panel (taken on …); local work linked: Rapid review, …". */
export function nationalReviewLine(n: NationalReviewLink): string {
  const linked = n.linked.map((l) => l.typeName).join(', ')
  const taken = `National review ${n.panelReference} by the Panel, taken on ${formatDate(n.takenOn)}.`
  return `${taken} Local work linked: ${linked}.`
}

type TypeLine = {
  key: string
  name: string
  legacyName: string | null
  templates: {
    key: string
    label: string
    due: { amount: number; unit: string }
    from: string
    before?: boolean
    toBeConfirmedAgainst?: string
  }[]
}

const FROM_WORDS: Record<string, string> = { awareness: 'awareness', start: 'the start', publication: 'publication' }

/** "7 working days before publication (a setting, to be confirmed against …)". */
function dueWords(m: TypeLine['templates'][number]): string {
  const amount = `${m.due.amount} ${m.due.unit.replace('-', ' ').replace(m.due.amount === 1 ? /s$/ : /$^/, '')}`
  const when = `${amount} ${m.before ? 'before' : 'after'} ${FROM_WORDS[m.from] ?? m.from}`
  return m.toBeConfirmedAgainst ? `${when} (a setting, to be confirmed against ${m.toBeConfirmedAgainst})` : when
}

/** Review types and their milestones; the business manager gets the form to change one. */
export function reviewTypesCard(types: TypeLine[], options: { canEdit: boolean }): Card {
  const blocks: Block[] = []
  for (const t of types) {
    blocks.push({
      type: 'heading',
      text: `${t.name}${t.legacyName ? ` (formerly ${t.legacyName.toLowerCase()})` : ''}`,
    })
    for (const m of t.templates) {
      // Statutory timescales are fixed in code, whatever the stored type says: shown as such, not editable.
      const statutory = STATUTORY_MILESTONES[t.key]?.[m.key]
      const due = statutory
        ? `${STATUTORY_TIMESCALES[statutory].workingDays} working days after the local authority became aware ` +
          '(statutory: cannot be changed)'
        : dueWords(m)
      blocks.push(text(`${m.label}: ${due}`, 'default', true))
    }
  }
  if (options.canEdit) {
    blocks.push({
      type: 'actions',
      actions: [
        {
          type: 'form',
          label: 'Change a milestone',
          form: formOf(reviewEditTypeForm, types),
        },
      ],
    })
  }
  return { title: 'Review types', blocks }
}

export function themesCard(themes: string[], options: { canEdit: boolean }): Card {
  return {
    title: 'Learning themes',
    blocks: [
      text(themes.join(' \u00b7 ')),
      ...(options.canEdit
        ? [
            {
              type: 'actions' as const,
              actions: [{ type: 'open' as const, verb: VERBS.themesSet, label: 'Edit themes', data: {} }],
            },
          ]
        : []),
    ],
  }
}
