/** Lists of actions: mine, a chair's overview grouped by agency, and the escalation list. */
import { formatDate } from '../../services/calendar/dates.js'
import type { ActionLine, ActionOverview } from '../../services/actions/index.js'
import type { Block, Card } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'
import { actionButtons } from './notices.js'

const MAX_LINES = 25
const line = (l: ActionLine) => `${l.reference}: ${l.what.slice(0, 140)}. ${l.statusLabel}, due ${formatDate(l.dueDate)}${l.workingDaysLate ? `, ${l.workingDaysLate} working days late` : ''}.`

export function myActionsCard(lines: ActionLine[]): Card {
  if (!lines.length) return { title: 'Your actions', blocks: [text('You have no open actions.')] }
  const blocks: Block[] = []
  for (const l of lines.slice(0, MAX_LINES)) {
    blocks.push(text(`${line(l)} (${l.owner})`, l.workingDaysLate ? 'attention' : 'default'))
    if (l.status === 'PROPOSED') blocks.push({ type: 'actions', actions: [{ type: 'submit', verb: VERBS.actionAccept, label: 'Accept', data: { actionId: l.id }, style: 'positive' }, ...actionButtons(l.id).slice(2)] })
    else if (l.status === 'OPEN') blocks.push({ type: 'actions', actions: actionButtons(l.id) })
  }
  if (lines.length > MAX_LINES) blocks.push(text(`And ${lines.length - MAX_LINES} more.`, 'default', true))
  return { title: 'Your actions', blocks }
}

function grouped(title: string, lines: ActionLine[]): Block[] {
  if (!lines.length) return []
  const blocks: Block[] = [{ type: 'heading', text: `${title} (${lines.length})` }]
  const agencies = [...new Set(lines.map((l) => l.agency))]
  for (const agency of agencies) {
    blocks.push(text(agency, 'accent'))
    for (const l of lines.filter((x) => x.agency === agency).slice(0, MAX_LINES)) blocks.push(text(`${line(l)} Owner: ${l.owner}.`, l.workingDaysLate ? 'attention' : 'default'))
  }
  return blocks
}

export function actionOverviewCard(o: ActionOverview): Card {
  const blocks = [
    ...grouped('Overdue', o.overdue), ...grouped('Awaiting verification', o.awaitingVerification),
    ...grouped('Open', o.open), ...grouped('Verified, impact not yet measured', o.notYetMeasured),
  ]
  return { title: 'Actions', blocks: blocks.length ? blocks : [text('There are no open actions.')] }
}

export function escalationsCard(lines: ActionLine[]): Card {
  return { title: 'Escalations: 20 working days overdue', blocks: lines.length ? grouped('Escalated', lines) : [text('Nothing is escalated.')] }
}
