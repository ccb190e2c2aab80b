/**
 * The one place that turns a verb into a platform action id and back. A button either runs its verb
 * (`referral.start-rapid-review`) or opens the form of that verb (`open:action.create`): Teams sends the id
 * as an Action.Execute verb, Slack as an action id.
 */
import { isVerb, type Verb } from './verbs.js'

const OPEN = 'open:'

/** The id of a button that opens the form of `verb`. */
export const openId = (verb: Verb): string => `${OPEN}${verb}`

/** The verb a platform action id names (known or not), and whether it asks to open it. */
export function splitActionId(id: string): { verb: string; open: boolean } {
  const open = id.startsWith(OPEN)
  return { verb: open ? id.slice(OPEN.length) : id, open }
}

/** What a platform action id asks for, or null if it names no verb we know. */
export function parseActionId(id: string): { verb: Verb; open: boolean } | null {
  const { verb, open } = splitActionId(id)
  return isVerb(verb) ? { verb, open } : null
}
