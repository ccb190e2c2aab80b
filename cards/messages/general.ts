/** Help, errors and other general messages: the help card, "did you mean", "nothing to cancel" and "cancelled". */
import type { Card, Tone } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'

/**
 * The help card: the commands this person may use (from bot/core/commands.ts) and a button to raise a referral;
 * first, when `waiting` things wait for them, how many and where to see them.
 */
export function helpCard(name: string, lines: readonly { command: string; description: string }[], waiting = 0): Card {
  return {
    title: `Hello ${name.split(' ')[0]}, this is Learning Loop`,
    blocks: [
      ...(waiting > 0
        ? [text(`You have ${waiting} thing${waiting === 1 ? '' : 's'} waiting: type "my tasks"`, 'attention')]
        : []),
      text('I help the partnership learn from cases. You can:'),
      ...lines.map((c) => text(`\u2022 "${c.command}": ${c.description}`)),
      {
        type: 'actions',
        actions: [
          { type: 'open', verb: VERBS.referralSubmit, label: 'Raise a review referral', data: {}, style: 'positive' },
        ],
      },
    ],
  }
}

export function messageCard(title: string, message: string, tone: Tone = 'default'): Card {
  return { title, blocks: [text(message, tone)] }
}

/** An unknown phrase: the nearest command this person may use, if one is near enough. */
export function notUnderstoodCard(suggestion: string | null): Card {
  if (!suggestion) {
    return messageCard(
      'Sorry, I did not understand',
      'Type "help" to see what I can do, or "referral" to raise a review referral.',
    )
  }
  return messageCard(`Did you mean "${suggestion}"?`, `Type "${suggestion}", or "help" to see everything you can do.`)
}

/** "cancel" typed in the chat: forms close with their own button, and nothing is kept until submitted. */
export function nothingToCancelCard(): Card {
  return messageCard(
    'Nothing to cancel',
    'Forms close with their Cancel button (in Slack, Close), and nothing is saved until you submit one. ' +
      'Type "help" to see what I can do.',
  )
}

/** What a form becomes when its Cancel button is pressed. */
export function cancelledCard(): Card {
  return messageCard('Cancelled', 'Cancelled. Nothing was saved.')
}

/** The partners' "approvals": their sign-offs come to them 1:1 as cards, one per review. */
export function signOffsCard(): Card {
  return messageCard(
    'Your sign-offs',
    'Recommendations for the safeguarding partners to agree or send back come to you in this chat, one card ' +
      'per review, with Agree and Send back buttons. Type "review status" to see the live reviews.',
  )
}
