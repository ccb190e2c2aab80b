/**
 * The broadcast engine's Teams port: one Bot Connector call per message, no retries and no pacing of its own
 * (services/broadcast paces the whole send and retries, so one 429 slows everyone). The calls are made here
 * directly over HTTP, with the bot's token, because the SDK's connector client retries a 429 by itself for
 * that one message. A 1:1 chat with someone the bot never heard from is created from their Entra object id
 * (Teams answers 403 where the app is not installed for them: NotReachable), and handed back to be kept.
 */
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder'
import { productMessageCard, progressCard } from '../../cards/messages/learning-cards.js'
import { cardToAdaptive } from '../../cards/render/adaptive.js'
import type { BroadcastMessage, BroadcastPort, BroadcastSent } from '../../services/broadcast/index.js'
import type { PersonTarget } from '../../services/notifications/index.js'
import { DeliveryError, NotReachable } from '../../services/notifications/index.js'

type Reference = {
  serviceUrl?: string
  conversation?: { id?: string; tenantId?: string }
  bot?: { id?: string }
  channelId?: string
}
type TeamsRef = { serviceUrl: string; conversationId: string; activityId: string }

/** The card of a broadcast message. */
const cardOf = (m: BroadcastMessage) =>
  cardToAdaptive(m.template === 'learning.product' ? productMessageCard(m) : progressCard(m))
const activityOf = (m: BroadcastMessage) => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: cardOf(m) }],
})
/** A message's activity as JSON, rendered once per message object (one send shares a few among thousands). */
const rendered = new WeakMap<BroadcastMessage, string>()
function bodyOf(m: BroadcastMessage): string {
  let body = rendered.get(m)
  if (!body) {
    body = JSON.stringify(activityOf(m))
    rendered.set(m, body)
  }
  return body
}
const base = (serviceUrl: string) => (serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`)

export type TeamsCredentials = { appId?: string; appPassword?: string; appType?: string; tenantId?: string }

export class TeamsBroadcaster implements BroadcastPort {
  readonly platform = 'teams' as const
  private token: { value: string; at: number } | null = null

  constructor(private readonly credentials: TeamsCredentials) {}

  /** The bot's token for the Bot Connector (none without an app id: development and tests). */
  private async authorization(): Promise<Record<string, string>> {
    const { appId } = this.credentials
    if (!appId) return {}
    if (!this.token || Date.now() - this.token.at > 30 * 60_000) {
      const factory = new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: appId,
        MicrosoftAppPassword: this.credentials.appPassword,
        MicrosoftAppType: this.credentials.appType,
        MicrosoftAppTenantId: this.credentials.tenantId,
      })
      const creds = (await factory.createCredentials(appId, 'https://api.botframework.com', '', true)) as unknown as {
        getToken(forceRefresh?: boolean): Promise<string>
      }
      this.token = { value: await creds.getToken(), at: Date.now() }
    }
    return { authorization: `Bearer ${this.token.value}` }
  }

  /** One call to the connector; its refusals as the engine understands them. */
  private async call(method: string, url: string, body: unknown): Promise<{ id?: string }> {
    const json = typeof body === 'string' ? body : JSON.stringify(body)
    let res: Response
    try {
      res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(await this.authorization()) },
        body: json,
      })
    } catch {
      throw new DeliveryError('teams connector unreachable', true)
    }
    const text = await res.text()
    if (res.ok) return text ? (JSON.parse(text) as { id?: string }) : {}
    const retryAfter = Number(res.headers.get('retry-after'))
    const detail = { status: res.status, ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}) }
    if (res.status === 403 || res.status === 404) throw new NotReachable(`teams refused (${res.status})`, detail)
    throw new DeliveryError(`teams answered ${res.status}`, res.status === 429 || res.status >= 500, detail)
  }

  scopeOf(target: PersonTarget): string {
    return target.teamsTenantId ?? 'tenant'
  }

  canReach(target: PersonTarget, address: unknown): boolean {
    return Boolean(address) || this.creation(target) !== null
  }

  private creation(target: PersonTarget): { memberId: string; tenantId: string; serviceUrl: string } | null {
    const memberId = target.teamsUserId ?? target.teamsAadObjectId
    const hint = target.serviceHints.teams as Reference | undefined
    const tenantId = target.teamsTenantId ?? hint?.conversation?.tenantId
    return memberId && tenantId && hint?.serviceUrl ? { memberId, tenantId, serviceUrl: hint.serviceUrl } : null
  }

  private async post(reference: Reference, message: BroadcastMessage): Promise<BroadcastSent> {
    const serviceUrl = base(String(reference.serviceUrl ?? ''))
    const conversationId = String(reference.conversation?.id ?? '')
    const answer = await this.call(
      'POST',
      `${serviceUrl}v3/conversations/${encodeURIComponent(conversationId)}/activities`,
      bodyOf(message),
    )
    const ref: TeamsRef = { serviceUrl, conversationId, activityId: String(answer.id ?? '') }
    return { conversationId, messageId: ref.activityId, ref }
  }

  async sendToPerson(target: PersonTarget, address: unknown, message: BroadcastMessage): Promise<BroadcastSent> {
    if (address) return this.post(address as Reference, message)
    const p = this.creation(target)
    if (!p) throw new NotReachable('no Teams chat, and no service URL or tenant to create one')
    const created = await this.call('POST', `${base(p.serviceUrl)}v3/conversations`, {
      isGroup: false,
      bot: { id: this.credentials.appId ? `28:${this.credentials.appId}` : '28:learning-loop', name: 'Learning Loop' },
      members: [{ id: p.memberId, name: target.name }],
      tenantId: p.tenantId,
      channelData: { tenant: { id: p.tenantId } },
    })
    if (!created.id) throw new DeliveryError('teams created no chat', true)
    const opened = {
      channelId: 'msteams',
      serviceUrl: p.serviceUrl,
      conversation: { id: created.id, conversationType: 'personal', tenantId: p.tenantId },
    }
    return { ...(await this.post(opened, message)), opened }
  }

  postToChannel(channel: unknown, message: BroadcastMessage): Promise<BroadcastSent> {
    const reference = channel as Reference
    const id = String(reference.conversation?.id ?? '').split(';')[0]
    return this.post({ ...reference, conversation: { ...reference.conversation, id } }, message)
  }

  async update(ref: unknown, message: BroadcastMessage): Promise<void> {
    const r = ref as TeamsRef
    await this.call(
      'PUT',
      `${base(r.serviceUrl)}v3/conversations/${encodeURIComponent(r.conversationId)}/activities/${encodeURIComponent(r.activityId)}`,
      { ...activityOf(message), id: r.activityId },
    )
  }
}
