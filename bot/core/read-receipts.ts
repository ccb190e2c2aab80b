/**
 * A Teams read receipt, channel-neutral: who read up to which message in their 1:1 chat. Finds the person
 * and hands the receipt to the learning service, which decides what it means. Nothing is answered: a receipt
 * is not a message, and a failure is logged by name only.
 */
import { errorSummary } from '../../lib/db-errors.js'
import { isAppError } from '../../lib/errors.js'
import type { BotDeps, Incoming } from './types.js'

/** Records the receipt for the person it came from; never throws. */
export async function recordReadReceipt(
  deps: BotDeps,
  from: Pick<Incoming, 'identity' | 'personalAddress'>,
  receipt: { conversationId: string; lastReadMessageId: string },
): Promise<void> {
  try {
    const actor = await deps.services.people.resolveActor(from.identity, from.personalAddress)
    const { marked } = await deps.services.learning.recordReadReceipt(actor, receipt)
    deps.log.debug({ platform: 'teams', marked }, 'read receipt')
  } catch (error) {
    if (isAppError(error)) deps.log.info({ code: error.code }, 'read receipt not recorded')
    else deps.log.warn({ err: errorSummary(error) }, 'read receipt failed')
  }
}
