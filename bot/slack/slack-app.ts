/**
 * The Slack edge: Bolt listeners for the shortcut, the slash command, modals, buttons, direct messages and
 * App Home, all on POST /slack/events. Listeners translate; bot/core and services decide. Every request is
 * signed (Bolt checks it); a repeated one is acknowledged once (slack-guard.ts); each person's interactions
 * are counted (bot/core/throttle.ts); the workspace's team id goes with the identity, and services refuse
 * a team that is not the partnership's.
 */
import { App, ExpressReceiver, LogLevel } from '@slack/bolt'
import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt'
import { openId, splitActionId } from '../../cards/action-id.js'
import type { Reply } from '../../cards/interaction.js'
import type { Card } from '../../cards/model.js'
import type { Interaction } from '../../cards/interaction.js'
import { INTERACTIONS, REGISTRY } from '../../cards/registry.js'
import {
  cardToBlocks,
  cardToModal,
  DIALOG_BUTTONS,
  formToModal,
  type FormButtonValue,
} from '../../cards/render/blockkit.js'
import { valuesFromSlack } from '../../cards/submit.js'
import { VERBS } from '../../cards/verbs.js'
import { messageCard } from '../../cards/messages/general.js'
import type { Config } from '../../lib/config.js'
import { homeCards } from '../core/home.js'
import { handle } from '../core/interact.js'
import { ReplayGuard } from '../core/replay-guard.js'
import { PersonThrottle } from '../core/throttle.js'
import type { BotDeps, MessageOrAction } from '../core/types.js'
import { listenForDialogs } from './slack-dialogs.js'
import { boltLogger, replayMiddleware } from './slack-guard.js'
import { identityOf, parseJson, parseMeta, toMeta } from './slack-payload.js'
import { errorSummary } from '../../lib/db-errors.js'

/**
 * Every id Slack can call us with, derived from the definitions; the manifest test checks the rest against
 * manifest/slack.
 */
function slackListeners(interactions: readonly Interaction[]) {
  const modals = interactions.filter((i) => i.kind !== 'button')
  return {
    shortcuts: ['referral.raise'],
    commands: ['/learning'],
    /** Form and dialog submits (a modal's callback id is its form's or dialog's verb). */
    views: modals.map((f) => f.verb),
    /**
     * Buttons: every verb runs (a form's verb submits it with no answers), every form and dialog can be opened,
     * and a dialog's modal has Back and Save and close.
     */
    actions: [
      ...interactions.map((i) => i.verb),
      ...modals.map((f) => openId(f.verb)),
      ...Object.values(DIALOG_BUTTONS),
    ],
    events: ['app_home_opened', 'message.im'],
  }
}

/** What the app's own definitions (cards/registry.ts) listen to. */
export const SLACK_LISTENERS = slackListeners(INTERACTIONS)

const fallbackText = (card: Card) => card.title

const SOMETHING_WENT_WRONG = messageCard(
  'Something went wrong',
  'Sorry, that did not work and nothing was saved. Please try again in a moment.',
  'attention',
)

/** A Slack payload is at most a few tens of kilobytes; anything much larger is refused unread (413). */
const BODY_LIMIT = 1024 * 1024

/** Bolt's app with every listener, its receiver (the router for /slack/events), logging through pino. */
export function createSlackApp(config: Config, deps: BotDeps): { app: App; receiver: ExpressReceiver } {
  const logger = boltLogger(deps.log)
  const receiver = new ExpressReceiver({
    signingSecret: config.slack.signingSecret!,
    endpoints: '/slack/events',
    processBeforeResponse: true,
    logger,
    bodyLimit: BODY_LIMIT,
  })
  const app = new App({
    token: config.slack.botToken,
    receiver,
    tokenVerificationEnabled: false,
    logger,
    logLevel: LogLevel.WARN,
    clientOptions: {
      ...(config.slack.apiUrl
        ? { slackApiUrl: config.slack.apiUrl.endsWith('/') ? config.slack.apiUrl : `${config.slack.apiUrl}/` }
        : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    },
  })

  app.error(async (error) => {
    deps.log.error({ err: errorSummary(error) }, 'slack listener failed')
  })

  // Per instance: see bot/core/replay-guard.ts. Registered first, so a repeat reaches no listener.
  app.use(replayMiddleware(new ReplayGuard(), deps.log) as never)
  const throttle = new PersonThrottle(config.security.limits)
  /** Every interaction goes through here: over a person's limit the slow-down card, on a failure a card saying so. */
  const run = async (incoming: MessageOrAction): Promise<Reply[]> => {
    try {
      return throttle.check(incoming) ?? (await handle(deps, incoming))
    } catch (error) {
      // Without an answer Slack shows its own connection error; the person should know nothing was saved.
      // Name, code and model only: a Prisma error's message quotes the input, and so the case.
      deps.log.error({ err: errorSummary(error), platform: 'slack' }, 'slack interaction failed')
      return [{ type: 'card', card: SOMETHING_WENT_WRONG, ephemeral: true }]
    }
  }

  const registry = deps.registry ?? REGISTRY
  const listeners = slackListeners(registry.all)
  const isDialog = (id: string) => registry.find(id)?.def.kind === 'dialog'
  const opensDialog = (id: string) => splitActionId(id).open && isDialog(id)
  // Dialogs (a long form a page at a time) have listeners of their own: their submits, openers and moves.
  listenForDialogs(app, deps, throttle, {
    views: listeners.views.filter(isDialog),
    openers: listeners.actions.filter(opensDialog),
  })

  /** Opens a form as a modal, or shows a card in a modal (e.g. "not registered"). */
  async function openInModal(client: AllMiddlewareArgs['client'], triggerId: string, replies: Reply[]) {
    const form = replies.find((r) => r.type === 'form')
    const card = replies.find((r) => r.type === 'card')
    const view =
      form?.type === 'form'
        ? formToModal(form.form)
        : card?.type === 'card'
          ? cardToModal(card.card, 'Learning Loop')
          : null
    if (view) await client.views.open({ trigger_id: triggerId, view: view as never })
  }

  app.shortcut('referral.raise', async ({ ack, body, client }) => {
    await ack()
    const replies = await run({
      ...identityOf(body),
      kind: 'action',
      verb: openId(VERBS.referralSubmit),
      meta: {},
      readValues: () => ({}),
    })
    await openInModal(client, body.trigger_id, replies)
  })

  app.command('/learning', async ({ ack, command, client }) => {
    const text = command.text.trim()
    const isDirect = command.channel_name === 'directmessage'
    const incoming: MessageOrAction = {
      platform: 'slack',
      identity: { platform: 'slack', userId: command.user_id, teamId: command.team_id },
      ...(isDirect
        ? { personalAddress: { userId: command.user_id } }
        : { groupAddress: { channelId: command.channel_id } }),
      kind: 'message',
      text: text.replace(/^set-channel\b/, 'set channel'),
    }
    const replies = await run(incoming)
    // A command that answers with a form opens it as a modal; the others answer in the channel, to this person.
    const form = replies.find((r) => r.type === 'form')
    if (form) {
      await ack()
      await openInModal(client, command.trigger_id, [form])
      return
    }
    const blocks = replies.flatMap((r) => (r.type === 'card' ? cardToBlocks(r.card) : []))
    const first = replies.find((r) => r.type === 'card')
    await ack({
      response_type: 'ephemeral',
      blocks: blocks as never,
      text: first?.type === 'card' ? fallbackText(first.card) : 'Learning Loop',
    })
  })

  for (const callbackId of listeners.views.filter((id) => !isDialog(id))) {
    app.view(callbackId, async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
      const replies = await run({
        ...identityOf(body),
        kind: 'action',
        verb: callbackId,
        meta: parseMeta(view.private_metadata),
        readValues: (fields) => valuesFromSlack(fields, view.state.values as never),
      })
      const reply = replies[0]
      if (reply?.type === 'form' && reply.reason === 'invalid' && reply.form.errors) {
        await ack({ response_action: 'errors', errors: reply.form.errors })
      } else if (reply?.type === 'form') {
        await ack({ response_action: 'update', view: formToModal(reply.form) as never })
      } else if (reply?.type === 'card') {
        await ack({ response_action: 'update', view: cardToModal(reply.card, 'Learning Loop') as never })
      } else {
        await ack()
      }
    })
  }

  type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs
  const onButton = async ({ ack, body, action, client }: ButtonArgs) => {
    await ack()
    // A form button carries { form, meta }; a plain button carries its data as it is.
    const raw = (parseJson(action.value) ?? {}) as Partial<FormButtonValue>
    const meta = toMeta(raw.form && raw.meta ? raw.meta : raw)
    const replies = await run({
      ...identityOf(body),
      kind: 'action',
      verb: action.action_id,
      meta,
      readValues: () => ({}),
    })
    if (replies.some((r) => r.type === 'form')) return openInModal(client, body.trigger_id, replies)
    const channel = body.channel?.id ?? body.user.id
    for (const reply of replies) {
      if (reply.type !== 'card') continue
      await client.chat.postEphemeral({
        channel,
        user: body.user.id,
        blocks: cardToBlocks(reply.card) as never,
        text: fallbackText(reply.card),
      })
    }
  }
  const dialogMoves = new Set<string>(Object.values(DIALOG_BUTTONS))
  for (const id of listeners.actions.filter((a) => !dialogMoves.has(a) && !opensDialog(a))) {
    app.action({ type: 'block_actions', action_id: id }, onButton as never)
  }

  app.event('app_home_opened', async ({ event, client, body }) => {
    if (event.tab !== 'home') return
    const cards = await homeCards(deps, {
      platform: 'slack',
      userId: event.user,
      teamId: (body as { team_id?: string }).team_id,
    })
    const blocks = cards.flatMap((c) => [...cardToBlocks(c), { type: 'divider' }]).slice(0, 100)
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: blocks as never } })
  })

  app.message(async ({ message, say, body }) => {
    const m = message as {
      channel_type?: string
      subtype?: string
      bot_id?: string
      user?: string
      text?: string
      team?: string
    }
    if (m.channel_type !== 'im' || m.subtype || m.bot_id || !m.user) return
    const replies = await run({
      platform: 'slack',
      // The envelope's team is the workspace that sent the event; the message's own may be absent.
      identity: { platform: 'slack', userId: m.user, teamId: (body as { team_id?: string }).team_id ?? m.team },
      personalAddress: { userId: m.user },
      kind: 'message',
      text: m.text ?? '',
    })
    for (const reply of replies) {
      if (reply.type === 'card')
        await say({ blocks: cardToBlocks(reply.card) as never, text: fallbackText(reply.card) })
      if (reply.type === 'form') {
        // A form needs a click to open as a modal in Slack: a button that opens this very form.
        const open = {
          type: 'open' as const,
          verb: reply.form.id,
          label: `Open: ${reply.form.title}`,
          data: reply.form.meta,
          style: 'positive' as const,
        }
        const card: Card = { title: reply.form.title, blocks: [{ type: 'actions', actions: [open] }] }
        await say({ blocks: cardToBlocks(card) as never, text: card.title })
      }
    }
  })

  return { app, receiver }
}
