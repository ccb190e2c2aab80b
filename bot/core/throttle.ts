/**
 * Per-person limits, checked by both edges before anyone is resolved: every interaction counts against the
 * person's budget, and form submits and buttons (what writes) against a smaller one. The defaults are far
 * above what a busy person does (60 interactions at once, then one a second; 20 submits at once, then one
 * every 6 seconds), and far below a script posting five referrals a second, each with a channel card.
 * Counted in this process's memory (bot/core/rate-limit.ts): with several instances each counts on its own,
 * which still stops a flood, since a script's requests spread over n instances meet n times the limit.
 */
import { splitActionId } from '../../cards/action-id.js'
import { messageCard } from '../../cards/messages/general.js'
import type { Bucket } from '../../lib/config.js'
import { type Clock, RateLimiter } from './rate-limit.js'
import type { Incoming, Reply } from './types.js'

export type PersonLimits = { person: Bucket; submit: Bucket }

const SLOW_DOWN =
  'You are going faster than Learning Loop allows, so nothing was done with that last one. ' +
  'Please wait a minute, then try again.'

/** The friendly card a person gets when they are over a limit. */
const slowDownReply = (): Reply => ({
  type: 'card',
  card: messageCard('Slow down', SLOW_DOWN, 'attention'),
  ephemeral: true,
})

/** Who is acting, as the platform says (not yet resolved): the key their budget is kept under. */
const personKey = (incoming: Incoming): string =>
  incoming.identity.platform === 'teams'
    ? `teams:${incoming.identity.aadObjectId || incoming.identity.userId || ''}`
    : `slack:${incoming.identity.teamId ?? ''}:${incoming.identity.userId}`

/** A submit, a button press or a dialog's move (it may change something); opening or typing a command reads. */
const isSubmit = (incoming: Incoming): boolean =>
  incoming.kind === 'dialog'
    ? incoming.move !== null
    : incoming.kind === 'action' && splitActionId(incoming.verb).open !== true

/** Both budgets of every person, kept by the key the platform gives them. */
export class PersonThrottle {
  private readonly all: RateLimiter
  private readonly submits: RateLimiter

  constructor(limits: PersonLimits, now: Clock = Date.now) {
    this.all = new RateLimiter(limits.person.perSecond, limits.person.burst, now)
    this.submits = new RateLimiter(limits.submit.perSecond, limits.submit.burst, now)
  }

  /** Null when the person may go on (and their turn is counted); otherwise the slow-down reply. */
  check(incoming: Incoming): Reply[] | null {
    const key = personKey(incoming)
    if (this.all.tryTake(key) > 0) return [slowDownReply()]
    if (isSubmit(incoming) && this.submits.tryTake(key) > 0) return [slowDownReply()]
    return null
  }
}
