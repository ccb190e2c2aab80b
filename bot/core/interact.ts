/**
 * The channel-neutral interaction layer: finds who is acting, routes a typed message to its command, a
 * button or form submit to its definition in cards/registry.ts and a dialog's open or move to its dialog
 * (bot/core/dialog.ts), and turns refusals into replies. It decides nothing itself: services check
 * permissions and rules, and the definitions choose the cards.
 */
import type { Reply, Scope } from '../../cards/interaction.js'
import { messageCard, notUnderstoodCard } from '../../cards/messages/general.js'
import type { Card } from '../../cards/model.js'
import { REGISTRY } from '../../cards/registry.js'
import { errorSummary, isDatabaseUnavailable } from '../../lib/db-errors.js'
import { type AppError, isAppError } from '../../lib/errors.js'
import type { Actor } from '../../services/people/people.schema.js'
import { findCommand, mayUseFor, suggestCommand } from './commands.js'
import { dialogOpenerCard, moveDialog } from './dialog.js'
import { formAgain, openForm, submittedFields } from './open-form.js'
import type { BotDeps, DialogAnswer, DialogIncoming, Incoming, MessageOrAction } from './types.js'

/** Who is acting, or the card that says they are not registered. */
async function resolve(deps: BotDeps, incoming: Incoming): Promise<Actor | Card> {
  try {
    return await deps.services.people.resolveActor(incoming.identity, incoming.personalAddress)
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_REGISTERED') {
      deps.log.info({ platform: incoming.platform, kind: incoming.kind }, 'unregistered person')
      return messageCard('Not registered', error.userMessage)
    }
    throw error
  }
}
const isCard = (x: Actor | Card): x is Card => 'blocks' in x

/** A typed message, a button press or a form submit: what to answer with. */
export async function handle(deps: BotDeps, incoming: MessageOrAction): Promise<Reply[]> {
  const actor = await resolve(deps, incoming)
  if (isCard(actor)) return [{ type: 'card', card: actor, ephemeral: true }]
  const started = Date.now()
  try {
    return incoming.kind === 'message' ? await onMessage(deps, actor, incoming) : await onAction(deps, actor, incoming)
  } catch (error) {
    return [await errorReply(deps, actor, incoming, error)]
  } finally {
    const verb = incoming.kind === 'action' ? incoming.verb : undefined
    deps.log.debug({ platform: incoming.platform, kind: incoming.kind, verb, ms: Date.now() - started }, 'handled')
  }
}

/** Commands are short: only the start of a long text is read, so a huge message cannot hold up the server. */
const MAX_COMMAND_TEXT = 300

/** Lower case, no mentions, apostrophes dropped ("what's" is "whats"), other punctuation made a space. */
export function normalise(text: string): string {
  return text
    .slice(0, MAX_COMMAND_TEXT)
    .replace(/<at>[^<]*<\/at>/g, '')
    .replace(/['\u2019]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

async function onMessage(deps: BotDeps, actor: Actor, incoming: Incoming & { kind: 'message' }): Promise<Reply[]> {
  const text = normalise(incoming.text)
  const mayUse = mayUseFor({ services: deps.services, actor })
  const found = findCommand(text, mayUse)
  if (incoming.repliesArePublic && !found?.command.inChannel) {
    // In a channel everyone would see the answer: forms and personal lists belong in a 1:1 chat.
    const message =
      'Referrals, lists and reviews are personal, so I answer them in a 1:1 chat. ' +
      'Open a chat with Learning Loop and type "help".'
    return [{ type: 'card', card: messageCard('Let\u2019s talk 1:1', message) }]
  }
  if (!found) {
    // The nearest command this person may use, from the table's names and synonyms (a typo, another word).
    return [{ type: 'card', card: notUnderstoodCard(suggestCommand(text, mayUse)?.name ?? null) }]
  }
  return found.command.run({ services: deps.services, actor, incoming, match: found.match })
}

/**
 * A dialog opened or moved on: the page to show, the replies to post as it closes, or a card in its place.
 * Refusals, the database being down and unexpected failures all become a card; nothing is thrown.
 */
export async function handleDialog(deps: BotDeps, incoming: DialogIncoming): Promise<DialogAnswer> {
  const started = Date.now()
  try {
    const actor = await resolve(deps, incoming)
    if (isCard(actor)) return { type: 'card', card: actor }
    const def = (deps.registry ?? REGISTRY).find(incoming.verb)?.def
    if (def?.kind !== 'dialog') return { type: 'card', card: NO_LONGER_AVAILABLE }
    return await moveDialog(def, { services: deps.services, actor, meta: incoming.meta }, incoming)
  } catch (error) {
    return { type: 'card', card: errorCard(deps, incoming, error) }
  } finally {
    deps.log.debug(
      {
        platform: incoming.platform,
        kind: 'dialog',
        verb: incoming.verb,
        move: incoming.move,
        ms: Date.now() - started,
      },
      'handled',
    )
  }
}

const NO_LONGER_AVAILABLE = messageCard('Not found', 'That button is no longer available.', 'attention')

async function onAction(deps: BotDeps, actor: Actor, incoming: Incoming & { kind: 'action' }): Promise<Reply[]> {
  const parsed = (deps.registry ?? REGISTRY).find(incoming.verb)
  const def = parsed?.def
  if (!parsed || !def || (parsed.open && def.kind === 'button')) {
    return [{ type: 'card', card: NO_LONGER_AVAILABLE, ephemeral: true }]
  }
  const scope: Scope = { services: deps.services, actor, meta: incoming.meta }
  if (def.kind === 'button') return def.run(scope)
  // A dialog opens from its own button (a task module in Teams, a modal in Slack); a plain press offers that.
  if (def.kind === 'dialog') return [{ type: 'card', card: await dialogOpenerCard(def, scope), ephemeral: true }]
  if (parsed.open) return [await openForm(def, scope)]
  return def.submit({ ...scope, values: incoming.readValues(submittedFields(def)) })
}

/** The card for a failure: the database down, something unexpected, or a refusal with its title. */
function errorCard(deps: BotDeps, incoming: Incoming, error: unknown): Card {
  const verb = incoming.kind === 'message' ? undefined : incoming.verb
  if (!isAppError(error)) {
    // Name and code only: an error's message can quote what a person typed.
    deps.log.error({ err: errorSummary(error), platform: incoming.platform, verb }, 'interaction failed')
    const message = isDatabaseUnavailable(error)
      ? 'Learning Loop cannot reach its database just now, so nothing was saved. Please try again in a few minutes.'
      : 'Sorry, that did not work and nothing was saved. Please try again in a moment.'
    return messageCard('Something went wrong', message, 'attention')
  }
  deps.log.info({ code: error.code, platform: incoming.platform, verb }, 'request refused')
  return messageCard(titleFor(error.code), error.userMessage, 'attention')
}

async function errorReply(deps: BotDeps, actor: Actor, incoming: MessageOrAction, error: unknown): Promise<Reply> {
  if (!isAppError(error)) return { type: 'card', card: errorCard(deps, incoming, error), ephemeral: true }
  const verb = incoming.kind === 'action' ? incoming.verb : undefined
  deps.log.info({ code: error.code, platform: incoming.platform, verb }, 'request refused')
  const def = incoming.kind === 'action' ? (deps.registry ?? REGISTRY).find(incoming.verb)?.def : undefined
  if (incoming.kind === 'action' && def) {
    const scope: Scope = { services: deps.services, actor, meta: incoming.meta }
    const hasFieldErrors = Object.keys(error.fieldErrors).length > 0
    if (def.kind === 'form' && hasFieldErrors && (error.code === 'INVALID_INPUT' || error.code === 'SENSITIVE_TEXT')) {
      const state = {
        values: incoming.readValues(submittedFields(def)),
        errors: error.fieldErrors,
        sensitive: error.code === 'SENSITIVE_TEXT',
      }
      const form = await formAgain(def, scope, state)
      if (form) return { type: 'form', form, reason: error.code === 'SENSITIVE_TEXT' ? 'confirm' : 'invalid' }
    }
    if (def.kind !== 'dialog' && def.onRefused && error.code !== 'NOT_FOUND') {
      const reply = await def.onRefused(scope, error.userMessage)
      if (reply) return reply
    }
  }
  return { type: 'card', card: messageCard(titleFor(error.code), error.userMessage, 'attention'), ephemeral: true }
}

function titleFor(code: AppError['code']): string {
  switch (code) {
    case 'NOT_PERMITTED':
      return 'Not allowed'
    case 'ALREADY_DONE':
      return 'Already decided'
    case 'NOT_FOUND':
      return 'Not found'
    case 'INVALID_TRANSITION':
      return 'No longer possible'
    case 'NOT_CONFIGURED':
      return 'Not set up yet'
    default:
      return 'Please check'
  }
}
