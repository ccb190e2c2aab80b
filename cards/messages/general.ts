/** Help, errors and other general messages. */
import type { Card, Tone } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'

/** Commands a person can type; the Teams manifest's command list and the bot's router use this list. */
export const COMMANDS = [
  { command: 'referral', description: 'Raise a review referral (no child names)' },
  { command: 'my referrals', description: 'See the status of the referrals you raised' },
  { command: 'awaiting', description: 'Chairs: referrals waiting for your decision' },
  { command: 'review status', description: 'Live reviews, their next milestone and how late' },
  { command: 'my actions', description: 'Your actions: update, complete or ask for more time' },
  { command: 'actions overdue', description: "Chairs: your sub-group's actions, grouped by agency" },
  { command: 'help', description: 'What Learning Loop can do' },
] as const

export function helpCard(name: string, lines: readonly { command: string; description: string }[] = COMMANDS): Card {
  return {
    title: `Hello ${name.split(' ')[0]}, this is Learning Loop`,
    blocks: [
      text('I help the partnership learn from cases. You can:'),
      ...lines.map((c) => text(`\u2022 "${c.command}": ${c.description}`)),
      { type: 'actions', actions: [{ type: 'submit', verb: VERBS.referralOpenForm, label: 'Raise a review referral', data: {}, style: 'positive' }] },
    ],
  }
}

export function messageCard(title: string, message: string, tone: Tone = 'default'): Card {
  return { title, blocks: [text(message, tone)] }
}
