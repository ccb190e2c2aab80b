/** `my tasks`: what is waiting for this person, grouped (referrals, reviews, actions), each with its next step. */
import { formatDate } from '../../services/calendar/dates.js'
import type { MyTask, TaskGroup } from '../../services/tasks/index.js'
import type { Action, Block, Card } from '../model.js'
import { text } from '../model.js'
import { isVerb } from '../verbs.js'

const GROUPS: [TaskGroup, string][] = [
  ['referrals', 'Referrals'],
  ['reviews', 'Reviews'],
  ['actions', 'Actions'],
  ['surveys', 'Surveys'],
  ['audits', 'Audits'],
]

/** The buttons of one task: only verbs the registry knows, so a stale step can never render a dead button. */
function buttons(task: MyTask): Action[] {
  return task.steps.flatMap((s): Action[] =>
    isVerb(s.verb)
      ? [{ type: s.type, verb: s.verb, label: s.label, data: s.data, ...(s.positive ? { style: 'positive' } : {}) }]
      : [],
  )
}

function line(task: MyTask): string {
  const ref = task.caseReference ? `${task.reference} (case ${task.caseReference})` : task.reference
  const due = task.dueDate ? ` Due ${formatDate(task.dueDate)}${task.isOverdue ? ': overdue' : ''}.` : ''
  const what = /[.?!]$/.test(task.what) ? task.what : `${task.what}.`
  return `${ref}: ${what}${due}`
}

/** Items shown on one card (Slack allows 50 blocks); the rest are counted. */
const MAX_SHOWN = 15

export function myTasksCard(tasks: readonly MyTask[]): Card {
  if (!tasks.length) return { title: 'My tasks', blocks: [text('Nothing is waiting for you.', 'good')] }
  const blocks: Block[] = [
    text(`${tasks.length} thing${tasks.length === 1 ? ' is' : 's are'} waiting for you. Act from the buttons.`),
  ]
  let shown = 0
  for (const [group, heading] of GROUPS) {
    const items = tasks.filter((t) => t.group === group)
    if (!items.length) continue
    blocks.push({ type: 'heading', text: `${heading} (${items.length})` })
    for (const task of items) {
      if (shown++ >= MAX_SHOWN) continue
      blocks.push(text(line(task), task.isOverdue ? 'attention' : 'default'))
      const actions = buttons(task)
      if (actions.length) blocks.push({ type: 'actions', actions })
    }
  }
  if (tasks.length > MAX_SHOWN)
    blocks.push(
      text(`And ${tasks.length - MAX_SHOWN} more: act on these first, then type "my tasks" again.`, 'default', true),
    )
  return { title: 'My tasks', blocks }
}
