/**
 * A local stand-in for the Slack Web API (SLACK_API_URL): records calls and answers like Slack. It can be
 * told that some users cannot be messaged (`conversations.open` answers `user_not_found`) and that the app
 * lacks a scope for some methods (`missing_scope`).
 */
import type http from 'node:http'
import { LocalServer } from './local-server.js'
import { collect } from './walk.js'

export type SlackCall = { method: string; args: Record<string, any>; authorization?: string }

export class FakeSlackApi extends LocalServer {
  readonly calls: SlackCall[] = []
  /** Users `conversations.open` refuses (deactivated, or unknown in this workspace). */
  readonly unreachableUsers = new Set<string>()
  /** Methods answered with `missing_scope`, as for an install made before the app asked for that scope. */
  readonly missingScope = new Set<string>()
  protected readonly basePath = '/api/'
  private ts = 1_700_000_000

  protected onRequest(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!
    const type = req.headers['content-type'] ?? ''
    let args: Record<string, any> = {}
    if (type.includes('json')) args = raw ? JSON.parse(raw) : {}
    else for (const [k, v] of new URLSearchParams(raw)) args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v
    if (method !== 'auth.test' && this.throttled(res, { ok: false, error: 'ratelimited' })) return
    this.calls.push({ method, args, authorization: req.headers.authorization })
    this.json(res, this.answer(method, args))
  }

  private answer(method: string, args: Record<string, any>): Record<string, unknown> {
    if (this.missingScope.has(method)) return { ok: false, error: 'missing_scope', needed: 'im:write' }
    switch (method) {
      case 'conversations.open': {
        const user = String(args.users ?? '')
        if (this.unreachableUsers.has(user)) return { ok: false, error: 'user_not_found' }
        return { ok: true, channel: { id: `D${user.slice(1)}` } }
      }
      case 'auth.test':
        return { ok: true, user_id: 'U0BOT00001', bot_id: 'B0BOT00001', team_id: 'T0NORTHSH1', team: 'Northshire' }
      case 'chat.postMessage': {
        const channel = String(args.channel)
        // Posting to a user id lands in the app's DM with them.
        return {
          ok: true,
          channel: channel.startsWith('U') ? `D${channel.slice(1)}` : channel,
          ts: `${++this.ts}.000100`,
        }
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
