/**
 * A local stand-in for Microsoft Graph and its token endpoint (GRAPH_API_URL, GRAPH_LOGIN_URL), as far as
 * installing Learning Loop for a person goes: the client-credentials token, `POST /users/{id}/teamwork/
 * installedApps`, listing it, and its 1:1 chat. Users in `refused` get 403 (no licence, or blocked by policy);
 * every install is recorded, and `onInstall` lets the fake Bot Connector learn of the new chat.
 */
import type http from 'node:http'
import { LocalServer } from './local-server.js'

export class FakeGraph extends LocalServer {
  readonly installs: string[] = []
  readonly tokenRequests: Record<string, string>[] = []
  /** Entra object ids Graph refuses to install for. */
  readonly refused = new Set<string>()
  protected readonly basePath = ''
  private readonly installed = new Map<string, string>()

  /** The chat Graph reports for a user once installed. */
  chatOf(user: string): string {
    return `19:${user}_learning-loop@unq.gbl.spaces`
  }

  protected onRequest(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', 'http://x')
    if (/\/oauth2\/v2\.0\/token$/.test(url.pathname)) {
      this.tokenRequests.push(Object.fromEntries(new URLSearchParams(raw)))
      return this.json(res, { access_token: 'graph-token', expires_in: 3600, token_type: 'Bearer' })
    }
    if (req.headers.authorization !== 'Bearer graph-token') return this.status(res, 401)
    const m = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)(\/chat)?)?$/.exec(url.pathname)
    if (!m) return this.status(res, 404)
    const user = decodeURIComponent(m[1]!)
    if (req.method === 'POST' && !m[2]) {
      if (this.refused.has(user)) return this.status(res, 403)
      this.installs.push(user)
      this.installed.set(user, `install-${user}`)
      return this.status(res, 201)
    }
    if (req.method === 'GET' && !m[2]) {
      const id = this.installed.get(user)
      return this.json(res, { value: id ? [{ id }] : [] })
    }
    if (req.method === 'GET' && m[3]) return this.json(res, { id: this.chatOf(user) })
    return this.status(res, 404)
  }

  private status(res: http.ServerResponse, code: number) {
    res.writeHead(code, { 'content-type': 'application/json' })
    res.end(code === 201 ? '{}' : JSON.stringify({ error: { code: String(code) } }))
  }
}
