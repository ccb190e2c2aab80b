/** The person's overview (Slack App Home): their referrals, and for chairs what waits for their decision. */
import { awaitingDecisionCard, myReferralsCard } from '../../cards/messages/referral-cards.js'
import { messageCard } from '../../cards/messages/general.js'
import { myActionsCard } from '../../cards/messages/action-cards.js'
import { listMyActions } from '../../services/actions/index.js'
import type { Card } from '../../cards/model.js'
import { VERBS } from '../../cards/verbs.js'
import { isAppError } from '../../lib/errors.js'
import { can, peopleService, type Identity } from '../../services/people/index.js'
import { referralService } from '../../services/referrals/index.js'
import type { BotDeps } from './types.js'

export async function homeCards(deps: BotDeps, identity: Identity): Promise<Card[]> {
  try {
    const actor = await peopleService.resolveActor(deps, identity)
    const mine = myReferralsCard(await referralService.listMyReferrals(deps, actor))
    mine.blocks.push({ type: 'actions', actions: [{ type: 'submit', verb: VERBS.referralOpenForm, label: 'Raise a review referral', data: {}, style: 'positive' }] })
    const cards: Card[] = [{ ...mine, title: `Learning Loop: ${actor.name}` }]
    cards.push(myActionsCard(await listMyActions(deps, actor)))
    if (can(actor, 'referral.decide')) cards.push(awaitingDecisionCard(await referralService.listAwaitingMyDecision(deps, actor)))
    return cards
  } catch (error) {
    if (isAppError(error)) return [messageCard('Learning Loop', error.userMessage)]
    throw error
  }
}
