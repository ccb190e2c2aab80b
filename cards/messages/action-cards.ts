/**
 * Lists of actions: mine, a chair's overview grouped by agency, and the escalation list. A change made from a
 * list (a button, or a form it opens) answers with the list again, so the person keeps their place (the `list`
 * hidden value says which).
 */
import type { ActionLine, ActionOverview } from '../../services/actions/index.js'
import { formatDate } from '../../services/calendar/dates.js'
import type { Action, Block, Card } from '../model.js'
import { text } from '../model.js'
import { type Verb, VERBS } from '../verbs.js'

/** Which list a change was made from, so its answer can show that list again. */
export type ActionList = 'mine' | 'overview'

const MAX_LINES = 25
const line = (l: ActionLine) =>
  `${l.reference}: ${l.what.slice(0, 140)}. ${l.statusLabel}, due ${formatDate(l.dueDate)}${l.workingDaysLate ? `, ${l.workingDaysLate} working days late` : ''}.`

/**
 * A button that opens an action's form, remembering the list (one card never holds two copies of the same inputs,
 * so the forms open on demand rather than inline); the form's answer shows the list again.
 */
function opener(verb: Verb, l: ActionLine, list: ActionList, label: string, style?: 'positive'): Action {
  return { type: 'open', verb, label, data: { actionId: l.id, list }, ...(style ? { style } : {}) }
}

/** What the reader can do next with one action on a list. */
function lineActions(l: ActionLine, list: ActionList): Action[] {
  const data = { actionId: l.id, list }
  if (l.status === 'PROPOSED')
    return [
      { type: 'submit', verb: VERBS.actionAccept, label: 'Accept', data, style: 'positive' },
      opener(VERBS.actionProposeDate, l, list, 'Ask for more time'),
    ]
  if (l.status === 'OPEN')
    return [
      opener(VERBS.actionProgress, l, list, 'Update'),
      opener(VERBS.actionComplete, l, list, 'Mark complete', 'positive'),
      opener(VERBS.actionProposeDate, l, list, 'Ask for more time'),
    ]
  if (l.status === 'AWAITING_VERIFICATION' && l.canVerify)
    return [
      { type: 'submit', verb: VERBS.actionVerify, label: 'Accept as done', data, style: 'positive' },
      opener(VERBS.actionSendBack, l, list, 'Send back'),
    ]
  return []
}

const withMessage = (card: Card, message?: string): Card =>
  message ? { ...card, blocks: [text(message, 'good'), ...card.blocks] } : card

export function myActionsCard(lines: ActionLine[], message?: string): Card {
  if (!lines.length) return withMessage({ title: 'Your actions', blocks: [text('You have no open actions.')] }, message)
  const blocks: Block[] = []
  for (const l of lines.slice(0, MAX_LINES)) {
    blocks.push(text(`${line(l)} (${l.owner})`, l.workingDaysLate ? 'attention' : 'default'))
    const actions = lineActions(l, 'mine')
    if (actions.length) blocks.push({ type: 'actions', actions })
  }
  if (lines.length > MAX_LINES) blocks.push(text(`And ${lines.length - MAX_LINES} more.`, 'default', true))
  return withMessage({ title: 'Your actions', blocks }, message)
}

function grouped(title: string, lines: ActionLine[], list?: ActionList): Block[] {
  if (!lines.length) return []
  const blocks: Block[] = [{ type: 'heading', text: `${title} (${lines.length})` }]
  const agencies = [...new Set(lines.map((l) => l.agency))]
  for (const agency of agencies) {
    blocks.push(text(agency, 'accent'))
    for (const l of lines.filter((x) => x.agency === agency).slice(0, MAX_LINES)) {
      blocks.push(text(`${line(l)} Owner: ${l.owner}.`, l.workingDaysLate ? 'attention' : 'default'))
      // The overview offers only the chair's own step: verifying what their sub-group checks.
      const actions = list && l.canVerify && l.status === 'AWAITING_VERIFICATION' ? lineActions(l, list) : []
      if (actions.length) blocks.push({ type: 'actions', actions })
    }
  }
  return blocks
}

export function actionOverviewCard(o: ActionOverview, message?: string): Card {
  const blocks = [
    ...grouped('Overdue', o.overdue, 'overview'),
    ...grouped('Awaiting verification', o.awaitingVerification, 'overview'),
    ...grouped('Open', o.open, 'overview'),
    ...grouped('Verified, impact not yet measured', o.notYetMeasured, 'overview'),
  ]
  return withMessage(
    { title: 'Actions', blocks: blocks.length ? blocks : [text('There are no open actions.')] },
    message,
  )
}

export function escalationsCard(lines: ActionLine[]): Card {
  return {
    title: 'Escalations: 20 working days overdue',
    blocks: lines.length ? grouped('Escalated', lines) : [text('Nothing is escalated.')],
  }
}
