/** `review status` and the chair's rapid review actions. */
import { formatDate } from '../../services/calendar/dates.js'
import type { ReviewStatusLine } from '../../services/reviews/review-status.js'
import { outcomeForm } from '../forms/review-forms.js'
import type { Block, Card } from '../model.js'
import { text } from '../model.js'

export function reviewStatusCard(lines: ReviewStatusLine[], options: { canRecordOutcome: boolean }): Card {
  if (!lines.length) return { title: 'Live reviews', blocks: [text('There are no live reviews.')] }
  const blocks: Block[] = []
  for (const l of lines) {
    blocks.push({ type: 'heading', text: `${l.reference} (${l.typeKey === 'rapid-review' ? 'rapid review' : l.typeKey})` })
    blocks.push(text(l.status))
    if (l.next) {
      const late = l.next.workingDaysLate > 0 ? `: ${l.next.workingDaysLate} working day${l.next.workingDaysLate === 1 ? '' : 's'} late` : ''
      blocks.push(text(`Next: ${l.next.label}, due ${formatDate(l.next.dueDate)}${late}${l.next.responsible ? ` (${l.next.responsible})` : ''}. ${l.openMilestones} open.`, l.next.workingDaysLate > 0 ? 'attention' : 'default'))
    }
    if (options.canRecordOutcome && l.typeKey === 'rapid-review' && l.status.startsWith('Gathering')) {
      blocks.push({ type: 'actions', actions: [{ type: 'form', label: 'Record the outcome', form: outcomeForm(l.reviewId, l.reference) }] })
    }
  }
  return { title: 'Live reviews', blocks }
}
