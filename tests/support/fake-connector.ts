/**
 * A local stand-in for the Bot Framework Connector (the activity's serviceUrl): records every activity
 * the bot sends, creates or updates, and answers as the connector does. It can be told to answer 429.
 */
import http from 'node:http'
import { collect } from './walk.js'

export type ConnectorCall = { method: string; path: string; conversationId: string; activityId?: string; body: any; authorization?: string }

export class FakeConnector {
  readonly calls: ConnectorCall[] = []
  private server = http.createServer((req, res) => this.onRequest(req, res))
  private counter = 0
  /** Answer the next N requests with 429 and this Retry-After (seconds). */
  throttle: { remaining: number; retryAfter: number } = { remaining: 0, retryAfter: 0 }
  url = ''

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    const a = this.server.address() as { port: number }
    this.url = `http://127.0.0.1:${a.port}/`
    return this
  }

  stop(): Promise<void> {
    this.server.closeAllConnections()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse) {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      if (this.throttle.remaining > 0) {
        this.throttle.remaining -= 1
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(this.throttle.retryAfter) })
        res.end(JSON.stringify({ error: { code: 'TooManyRequests' } }))
        return
      }
      const url = new URL(req.url ?? '/', 'http://x')
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname)
      const body = raw ? JSON.parse(raw) : null
      const call: ConnectorCall = {
        method: req.method ?? 'GET', path: url.pathname, conversationId: m ? decodeURIComponent(m[1]!) : '',
        activityId: m?.[2] ? decodeURIComponent(m[2]) : undefined, body, authorization: req.headers.authorization,
      }
      this.calls.push(call)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: req.method === 'PUT' ? call.activityId : `activity-${++this.counter}` }))
    })
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
