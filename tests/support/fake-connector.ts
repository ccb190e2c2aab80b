/**
 * A local stand-in for the Bot Framework Connector (the activity's serviceUrl): records every activity
 * the bot sends, creates or updates, and answers as the connector does. It can be told to answer 429, to
 * refuse a conversation with 403 (the app removed or blocked), and to hold an answer (`beforeAnswer`).
 * Creating a 1:1 conversation (`POST /v3/conversations`) works only for members listed in `installedFor`,
 * as Teams allows it only where the app is installed for the person; anyone else gets 403.
 */
import type http from 'node:http'
import { LocalServer } from './local-server.js'
import { collect } from './walk.js'

export type ConnectorCall = {
  method: string
  path: string
  conversationId: string
  activityId?: string
  body: any
  authorization?: string
}

export class FakeConnector extends LocalServer {
  readonly calls: ConnectorCall[] = []
  /** Member id (AAD object id or 29: id) → the 1:1 conversation Teams has (or creates) for them. */
  readonly installedFor = new Map<string, string>()
  /** Conversations that answer 403, as Teams does once the person removed or blocked the app. */
  readonly forbidden = new Set<string>()
  /** Called before answering a recorded call (e.g. to stop the database while a send is in flight). */
  beforeAnswer?: (call: ConnectorCall) => Promise<void>
  /** Answer with numeric message ids, as Teams does in 1:1 chats (read receipts compare them as numbers). */
  numericIds = false
  protected readonly basePath = '/'
  private counter = 0

  protected onRequest(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    void this.answer(req, res, raw)
  }

  private async answer(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    if (this.throttled(res, { error: { code: 'TooManyRequests' } })) return
    const url = new URL(req.url ?? '/', 'http://x')
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname)
    const body = raw ? JSON.parse(raw) : null
    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      conversationId: m ? decodeURIComponent(m[1]!) : '',
      activityId: m?.[2] ? decodeURIComponent(m[2]) : undefined,
      body,
      authorization: req.headers.authorization,
    }
    if (url.pathname === '/v3/conversations' && req.method === 'POST') {
      const member = String(body?.members?.[0]?.id ?? '')
      const conversation = this.installedFor.get(member)
      this.calls.push(call)
      if (!conversation) return this.refuse(res, "Bot is not installed in user's personal scope")
      await this.beforeAnswer?.(call)
      return this.json(res, { id: conversation })
    }
    if (this.forbidden.has(call.conversationId.split(';')[0]!))
      return this.refuse(res, 'The bot is not part of the conversation roster.')
    this.calls.push(call)
    await this.beforeAnswer?.(call)
    const id = this.numericIds ? String(1_700_000_000_000 + ++this.counter) : `activity-${++this.counter}`
    this.json(res, { id: req.method === 'PUT' ? call.activityId : id })
  }

  private refuse(res: http.ServerResponse, message: string) {
    res.writeHead(403, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ error: { code: 'Forbidden', message } }))
  }

  /** Conversations the bot asked Teams to create (the member ids it asked for). */
  creations(): string[] {
    return this.calls.filter((c) => c.path === '/v3/conversations').map((c) => String(c.body?.members?.[0]?.id))
  }

  /** Activities sent to a conversation (new messages and replies, not updates). */
  sentTo(conversationId: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.conversationId.split(';')[0] === conversationId)
  }

  updatesTo(conversationId: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT' && c.conversationId.split(';')[0] === conversationId)
  }
}

/** The Adaptive Card inside an activity the bot sent. */
export const cardOf = (call: ConnectorCall | undefined): any => call?.body?.attachments?.[0]?.content

/** All text of a card, flattened, for "what would the user read" assertions. */
export function cardText(card: any): string {
  return collect(card, (n) =>
    ['text', 'title', 'label', 'value', 'placeholder'].filter((k) => typeof n[k] === 'string').map((k) => n[k]),
  ).join('\n')
}

/**
 * Action.Execute verbs present anywhere in a card (not the refresh action, nor the Cancel every whole-card
 * form has: tests/conversation.test.ts checks that one).
 */
export function verbsIn(card: any): string[] {
  return collect(card, (n) => (n.type === 'Action.Execute' && n.verb && n.verb !== 'form.cancel' ? [n.verb] : []), [
    'refresh',
  ])
}

/** The data of a card's Action.Execute for `verb` (the first whose title includes `title`, if given), as Teams sends it. */
export function actionData(card: any, verb: string, title?: string): Record<string, string> {
  const pick = (n: any) => (n.type === 'Action.Execute' && n.verb === verb ? [n] : [])
  const actions = collect(card, pick, ['refresh']) as unknown as { title: string; data: Record<string, string> }[]
  const action = title ? actions.find((a) => a.title.includes(title)) : actions[0]
  if (!action) throw new Error(`no ${verb}${title ? ` "${title}"` : ''} button on the card`)
  const { verb: _verb, ...data } = action.data
  return data
}
