/**
 * Dialogs in Slack (cards/dialog.ts): an opener button opens the first page as a modal (views.open); the
 * modal's submit is Next (or the finish on the last page), answered in the same response (`update` with the
 * next page, `errors` for messages next to the fields Slack can show); Back and Save and close are buttons
 * inside the view, answered with views.update (with the view's hash, so a stale view is never overwritten).
 * When the dialog closes, the outcome shows in the modal and its replies are posted to the person's 1:1 chat.
 *
 * A page is saved once however often Slack (or an impatient person) sends the same view: a submission or a
 * move is remembered by the person, the view's id and hash (which Slack changes whenever the view changes)
 * and the answers in it, and a repeat gets the first answer again without reaching the definition. Answers
 * corrected after a message are a new submission.
 */
import { createHash } from 'node:crypto'
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt'
import type { DialogMove } from '../../cards/dialog.js'
import { messageCard } from '../../cards/messages/general.js'
import type { Card } from '../../cards/model.js'
import {
  cardToBlocks,
  cardToModal,
  DIALOG_BUTTONS,
  dialogPageToModal,
  type SlackView,
} from '../../cards/render/blockkit.js'
import { valuesFromSlack } from '../../cards/submit.js'
import { errorSummary } from '../../lib/db-errors.js'
import { handleDialog } from '../core/interact.js'
import { ReplayGuard } from '../core/replay-guard.js'
import type { PersonThrottle } from '../core/throttle.js'
import type { BotDeps, DialogAnswer, DialogIncoming, Reply } from '../core/types.js'
import { identityOf, parseJson, parseMeta, toMeta } from './slack-payload.js'

type Client = AllMiddlewareArgs['client']
type ViewPayload = {
  id: string
  hash?: string
  callback_id: string
  private_metadata?: string
  blocks?: { type: string; block_id?: string }[]
  state?: { values: Record<string, Record<string, unknown>> }
}

const MOVES: readonly DialogMove[] = ['back', 'next', 'close', 'finish']
const isMove = (value: unknown): value is DialogMove => MOVES.includes(value as DialogMove)

const NOT_AVAILABLE = messageCard('Not found', 'That button is no longer available.', 'attention')

/** The modal that shows the dialog's outcome, or a card in its place (a refusal): Close only. */
const cardView = (card: Card): SlackView => cardToModal(card, 'Learning Loop')

/** The hidden values of a dialog's view, and the move its submit makes (kept beside them). */
function viewMeta(view: ViewPayload): { meta: Record<string, string>; submitMove: string | undefined } {
  const { move, ...meta } = parseMeta(view.private_metadata)
  return { meta: toMeta(meta), submitMove: move }
}

/** What makes a submission or move the same one again: who, which view as it was, which answers, which button. */
const onceKey = (userId: string, view: ViewPayload, what: string) =>
  createHash('sha256')
    .update(JSON.stringify([userId, view.id, view.hash ?? '', view.state?.values ?? {}, what]))
    .digest('base64url')

/** Wires the dialogs' listeners: `views` are their callback ids, `openers` their opener buttons' action ids. */
export function listenForDialogs(
  app: App,
  deps: BotDeps,
  throttle: PersonThrottle,
  ids: { views: string[]; openers: string[] },
): void {
  // Per instance, as bot/core/replay-guard.ts says: keyed by person, view and hash (and the button pressed).
  const seen = new ReplayGuard<DialogAnswer>()

  const run = (incoming: DialogIncoming): Promise<DialogAnswer> => {
    const slow = throttle.check(incoming)?.find((r) => r.type === 'card')
    if (slow?.type === 'card') return Promise.resolve({ type: 'card', card: slow.card })
    return handleDialog(deps, incoming)
  }

  /** Posts the closing replies to the person's 1:1 chat; a failure is logged, the page is already saved. */
  const post = async (client: Client, userId: string, replies: Reply[]) => {
    for (const reply of replies) {
      if (reply.type !== 'card') continue
      await client.chat
        .postMessage({ channel: userId, blocks: cardToBlocks(reply.card) as never, text: reply.card.title })
        .catch((error: unknown) => deps.log.error({ err: errorSummary(error), platform: 'slack' }, 'dialog reply'))
    }
  }

  /** The view after a move made from inside the modal, or the modal the outcome shows in. */
  const viewFor = (answer: DialogAnswer): SlackView => {
    if (answer.type === 'page') return dialogPageToModal(answer.verb, answer.page)
    if (answer.type === 'card') return cardView(answer.card)
    const first = answer.replies.find((r) => r.type === 'card')
    return cardView(first?.type === 'card' ? first.card : messageCard('Saved', 'Your answers are saved.', 'good'))
  }

  for (const id of ids.openers) {
    type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs
    app.action({ type: 'block_actions', action_id: id }, (async ({ ack, body, action, client }: Args) => {
      await ack()
      const answer = await run({
        ...identityOf(body),
        kind: 'dialog',
        verb: id,
        move: null,
        meta: toMeta(parseJson(action.value)),
        readValues: () => ({}),
      })
      await client.views.open({ trigger_id: body.trigger_id, view: viewFor(answer) as never })
    }) as never)
  }

  for (const callbackId of ids.views) {
    type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs
    app.view(callbackId, (async ({ ack, body, view, client }: Args) => {
      const payload = view as unknown as ViewPayload
      const { meta, submitMove } = viewMeta(payload)
      const { repeated, result } = seen.once(onceKey(body.user.id, payload, 'submit'), () =>
        isMove(submitMove) && (submitMove === 'next' || submitMove === 'finish')
          ? run({
              ...identityOf(body),
              kind: 'dialog',
              verb: callbackId,
              move: submitMove,
              meta,
              readValues: (fields) => valuesFromSlack(fields, payload.state?.values as never),
            })
          : Promise.resolve<DialogAnswer>({ type: 'card', card: NOT_AVAILABLE }),
      )
      const answer = await result
      if (answer.type === 'page' && answer.page.errors && sameInputs(payload, answer.page.fields, answer.page.errors)) {
        // Messages next to the fields, shown by Slack itself; everything the person typed stays as it is.
        await ack({ response_action: 'errors', errors: answer.page.errors })
      } else {
        await ack({ response_action: 'update', view: viewFor(answer) as never })
      }
      if (answer.type === 'done' && !repeated) await post(client, body.user.id, answer.replies)
    }) as never)
  }

  for (const move of ['back', 'close'] as const) {
    type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs
    app.action({ type: 'block_actions', action_id: DIALOG_BUTTONS[move] }, (async ({ ack, body, client }: Args) => {
      await ack()
      const payload = body.view as unknown as ViewPayload | undefined
      if (!payload || !ids.views.includes(payload.callback_id)) return
      const { repeated, result } = seen.once(onceKey(body.user.id, payload, move), () =>
        run({
          ...identityOf(body),
          kind: 'dialog',
          verb: payload.callback_id,
          move,
          meta: viewMeta(payload).meta,
          readValues: (fields) => valuesFromSlack(fields, payload.state?.values as never),
        }),
      )
      const answer = await result
      if (repeated) return
      await client.views
        .update({
          view_id: payload.id,
          ...(payload.hash ? { hash: payload.hash } : {}),
          view: viewFor(answer) as never,
        })
        .catch((error: unknown) => deps.log.warn({ err: errorSummary(error), platform: 'slack' }, 'dialog update'))
      if (answer.type === 'done') await post(client, body.user.id, answer.replies)
    }) as never)
  }
}

/**
 * True when the answer is the page the person is looking at (the same inputs) with messages only for those
 * inputs, so Slack can show them itself; Slack refuses `errors` naming a block the view does not have.
 */
function sameInputs(view: ViewPayload, fields: { id: string }[], errors: Record<string, string>): boolean {
  const shown = (view.blocks ?? []).filter((b) => b.type === 'input').map((b) => b.block_id)
  return (
    shown.length === fields.length &&
    fields.every((f, i) => shown[i] === f.id) &&
    Object.keys(errors).every((id) => shown.includes(id))
  )
}
