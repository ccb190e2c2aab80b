/**
 * A local stand-in for the Bot Framework Connector (the activity's serviceUrl): records every activity
 * the bot sends, creates or updates, and answers as the connector does. It can be told to answer 429.
 */
import type http from 'node:http'
import { LocalServer } from './local-server.js'
import { collect } from './walk.js'

export type ConnectorCall = { method: string; path: string; conversationId: string; activityId?: string; body: any; authorization?: string }

export class FakeConnector extends LocalServer {
  readonly calls: ConnectorCall[] = []
  protected readonly basePath = '/'
  private counter = 0

  protected onRequest(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    if (this.throttled(res, { error: { code: 'TooManyRequests' } })) return
    const url = new URL(req.url ?? '/', 'http://x')
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname)
    const body = raw ? JSON.parse(raw) : null
    const call: ConnectorCall = {
      method: req.method ?? 'GET', path: url.pathname, conversationId: m ? decodeURIComponent(m[1]!) : '',
      activityId: m?.[2] ? decodeURIComponent(m[2]) : undefined, body, authorization: req.headers.authorization,
    }
    this.calls.push(call)
    this.json(res, { id: req.method === 'PUT' ? call.activityId : `activity-${++this.counter}` })
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
  return collect(card, (n) => ['text', 'title', 'label', 'value', 'placeholder'].filter((k) => typeof n[k] === 'string').map((k) => n[k])).join('\n')
}

/** Action.Execute verbs present anywhere in a card (not the refresh action). */
export function verbsIn(card: any): string[] {
  return collect(card, (n) => (n.type === 'Action.Execute' && n.verb ? [n.verb] : []), ['refresh'])
}
