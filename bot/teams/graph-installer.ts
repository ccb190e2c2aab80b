/**
 * Installs Learning Loop for someone who never opened it, through Microsoft Graph, as Company Communicator
 * does: with the app registration's own token (client credentials; application permission
 * TeamsAppInstallation.ReadWriteForUser.All, admin-consented), `POST /users/{id}/teamwork/installedApps` with
 * the app's id in the organisation's catalogue, then `GET …/installedApps/{installation}/chat` for the 1:1
 * chat's id, which the Bot Connector accepts as the conversation. README, "Briefings and reach", says how to
 * set it up. Refusals (no consent, no such user, no licence) are `NotReachable`, never retried.
 */
import type { JsonInput } from '../../lib/json.js'
import type { AppInstaller } from '../../services/broadcast/index.js'
import type { PersonTarget } from '../../services/notifications/index.js'
import { DeliveryError, NotReachable } from '../../services/notifications/index.js'

export type GraphSettings = {
  tenantId: string
  clientId: string
  clientSecret: string
  /** The app's id in the organisation's app catalogue (Teams admin centre: the app's "App ID"). */
  catalogAppId: string
  /** https://graph.microsoft.com/v1.0 (a local fake in tests). */
  apiUrl: string
  /** https://login.microsoftonline.com (a local fake in tests). */
  loginUrl: string
}

export class GraphInstaller implements AppInstaller {
  readonly platform = 'teams' as const
  private token: { value: string; expires: number } | null = null

  constructor(private readonly s: GraphSettings) {}

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expires > Date.now() + 60_000) return this.token.value
    const res = await fetch(`${this.s.loginUrl}/${encodeURIComponent(this.s.tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.s.clientId,
        client_secret: this.s.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
    })
    if (!res.ok) throw new NotReachable(`graph token refused (${res.status})`, { status: res.status })
    const body = (await res.json()) as { access_token?: string; expires_in?: number }
    if (!body.access_token) throw new NotReachable('graph gave no token')
    this.token = { value: body.access_token, expires: Date.now() + (body.expires_in ?? 3600) * 1000 }
    return this.token.value
  }

  private async graph(method: string, path: string, body?: unknown): Promise<Response> {
    const res = await fetch(`${this.s.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.accessToken()}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    if (res.status === 429 || res.status >= 500) {
      const retryAfter = Number(res.headers.get('retry-after'))
      throw new DeliveryError(`graph answered ${res.status}`, true, {
        status: res.status,
        ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}),
      })
    }
    return res
  }

  async install(target: PersonTarget): Promise<JsonInput> {
    const user = target.teamsAadObjectId
    const serviceUrl = (target.serviceHints.teams as { serviceUrl?: string } | undefined)?.serviceUrl
    const tenantId = target.teamsTenantId ?? this.s.tenantId
    if (!user || !serviceUrl) throw new NotReachable('no Entra id or Teams service URL to install for')
    const installed = `/users/${encodeURIComponent(user)}/teamwork/installedApps`
    const add = await this.graph('POST', installed, {
      'teamsApp@odata.bind': `${this.s.apiUrl}/appCatalogs/teamsApps/${encodeURIComponent(this.s.catalogAppId)}`,
    })
    // 409: it was installed already (by a policy, or the person), which is what we wanted.
    if (!add.ok && add.status !== 409)
      throw new NotReachable(`graph install refused (${add.status})`, { status: add.status })
    const filter = encodeURIComponent(`teamsApp/id eq '${this.s.catalogAppId}'`)
    const list = await this.graph('GET', `${installed}?$expand=teamsApp&$filter=${filter}`)
    const installation = list.ok ? ((await list.json()) as { value?: { id?: string }[] }).value?.[0]?.id : undefined
    if (!installation) throw new NotReachable('graph shows no installation')
    const chat = await this.graph('GET', `${installed}/${encodeURIComponent(installation)}/chat`)
    const chatId = chat.ok ? ((await chat.json()) as { id?: string }).id : undefined
    if (!chatId) throw new NotReachable('graph shows no chat with the app')
    return { channelId: 'msteams', serviceUrl, conversation: { id: chatId, conversationType: 'personal', tenantId } }
  }
}
