/**
 * What the forms about one action share: the line that says which action it is, and the answer to a change,
 * which shows the list it was made from again (with the message on top) so the person keeps their place.
 */
import { actionOverviewCard, myActionsCard } from '../messages/action-cards.js'
import type { Reply, Scope } from '../interaction.js'
import type { Block } from '../model.js'
import { about, done } from './shared.js'

export type ActionRef = { id: string; reference: string; what: string }

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
