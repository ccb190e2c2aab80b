/** The person's overview (Slack App Home): their referrals and actions, and for chairs what waits for their decision. */
import { myActionsCard } from '../../cards/messages/action-cards.js'
import { messageCard } from '../../cards/messages/general.js'
import { awaitingDecisionCard, myReferralsCard } from '../../cards/messages/referral-cards.js'
import type { Card } from '../../cards/model.js'
import { VERBS } from '../../cards/verbs.js'
import { isAppError } from '../../lib/errors.js'
import type { Identity } from '../../services/people/people.schema.js'
import type { BotDeps } from './types.js'

export async function homeCards({ services }: BotDeps, identity: Identity): Promise<Card[]> {
  try {
    const actor = await services.people.resolveActor(identity)
    const mine = myReferralsCard(await services.referrals.listMyReferrals(actor))
    const raise = {
      type: 'open' as const,
      verb: VERBS.referralSubmit,
      label: 'Raise a review referral',
      data: {},
      style: 'positive' as const,
    }
    mine.blocks.push({ type: 'actions', actions: [raise] })
    const cards: Card[] = [{ ...mine, title: `Learning Loop: ${actor.name}` }]
    cards.push(myActionsCard(await services.actions.listMyActions(actor)))
    if (services.can(actor, 'referral.decide'))
      cards.push(awaitingDecisionCard(await services.referrals.listAwaitingMyDecision(actor)))
    return cards
  } catch (error) {
    if (isAppError(error)) return [messageCard('Learning Loop', error.userMessage)]
    throw error
  }
}
