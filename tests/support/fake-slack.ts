/** A local stand-in for the Slack Web API (SLACK_API_URL): records calls and answers like Slack. */
import http from 'node:http'
import { collect } from './walk.js'

export type SlackCall = { method: string; args: Record<string, any>; authorization?: string }

export class FakeSlackApi {
  readonly calls: SlackCall[] = []
  private server = http.createServer((req, res) => this.onRequest(req, res))
  private ts = 1_700_000_000
  /** Answer the next N calls with HTTP 429 and this Retry-After (seconds). */
  throttle = { remaining: 0, retryAfter: 0 }
  url = ''

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/api/`
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
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!
      const type = req.headers['content-type'] ?? ''
      let args: Record<string, any> = {}
      if (type.includes('json')) args = raw ? JSON.parse(raw) : {}
      else for (const [k, v] of new URLSearchParams(raw)) args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v
      if (this.throttle.remaining > 0 && method !== 'auth.test') {
        this.throttle.remaining -= 1
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(this.throttle.retryAfter) })
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }))
        return
      }
      this.calls.push({ method, args, authorization: req.headers.authorization })
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(this.answer(method, args)))
    })
  }

  private answer(method: string, args: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'U0BOT00001', bot_id: 'B0BOT00001', team_id: 'T0NORTHSH1', team: 'Northshire' }
      case 'chat.postMessage': {
        const channel = String(args.channel)
        // Posting to a user id lands in the app's DM with them.
        return { ok: true, channel: channel.startsWith('U') ? `D${channel.slice(1)}` : channel, ts: `${++this.ts}.000100` }
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts }
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${++this.ts}`, ...args.view } }
      default:
        return { ok: true }
    }
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method)
  }
}

/** All readable text in a list of Block Kit blocks (or a view). */
export function blocksText(blocks: any): string {
  return collect(blocks, (n) => (typeof n.text === 'string' ? [n.text] : [])).join('\n')
}

/** Action ids of buttons in blocks. */
export function buttonIds(blocks: any): string[] {
  return collect(blocks, (n) => (n.type === 'button' && n.action_id ? [n.action_id] : []))
}
