/** Help, errors and other general messages. */
import type { Card, Tone } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'


/** The help card: the commands this person may use (from bot/core/commands.ts) and a button to raise a referral. */
export function helpCard(name: string, lines: readonly { command: string; description: string }[]): Card {
  return {
    title: `Hello ${name.split(' ')[0]}, this is Learning Loop`,
    blocks: [
      text('I help the partnership learn from cases. You can:'),
      ...lines.map((c) => text(`\u2022 "${c.command}": ${c.description}`)),
      { type: 'actions', actions: [{ type: 'open', verb: VERBS.referralSubmit, label: 'Raise a review referral', data: {}, style: 'positive' }] },
    ],
  }
}

export function messageCard(title: string, message: string, tone: Tone = 'default'): Card {
  return { title, blocks: [text(message, tone)] }
}
