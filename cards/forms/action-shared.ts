/**
 * What the forms about one action share: the line that says which action it is, and the answer to a change,
 * which shows the list it was made from again (with the message on top) so the person keeps their place.
 */
import { actionOverviewCard, myActionsCard } from '../messages/action-cards.js'
import type { Reply, Scope } from '../interaction.js'
import type { Block } from '../model.js'
import { about, done } from './shared.js'

/** `list`: the list the form was opened from, whose answer shows it again. */
export type ActionRef = { id: string; reference: string; what: string; list?: string }

/** Loads the action a form is about, remembering the list it was opened from. */
export async function loadActionRef({ services, actor, meta }: Scope): Promise<ActionRef> {
  const a = await services.actions.getActionSummary(actor, meta.actionId ?? '')
  return { ...a, ...(meta.list ? { list: meta.list } : {}) }
}

/** The hidden values of a form about one action. */
export const actionMeta = (a: ActionRef) => ({ actionId: a.id, ...(a.list ? { list: a.list } : {}) })

export const actionIntro = (a: ActionRef): Block[] => about(`${a.reference}: ${a.what}`)

/** The answer to a change of an action: its list again when it came from one, else a confirmation card. */
export async function actionAnswer({ services, actor, meta }: Scope, title: string, message: string): Promise<Reply[]> {
  if (meta.list === 'mine')
    return [{ type: 'card', card: myActionsCard(await services.actions.listMyActions(actor), `${title}. ${message}`) }]
  if (meta.list === 'overview')
    return [
      { type: 'card', card: actionOverviewCard(await services.actions.actionOverview(actor), `${title}. ${message}`) },
    ]
  return done(title, message)
}
