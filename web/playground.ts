/**
 * The local playground (development only): a page at GET / that plays Microsoft Teams in a browser, and a
 * small Bot Connector inside the app that the bot sends its messages to. The page posts real Bot Framework
 * activities to the app's own /api/messages; this module never calls the bot, and calls the services only
 * to list who you can be and to point the Case Review Group's Teams channel at the playground when none is
 * set (services/people/playground.queries.ts). It never touches the database itself.
 *
 * Mounted by app/start.ts only when config.security.playground allows it (outside production, and on loopback or
 * with ALLOW_UNAUTHENTICATED_DEV=true); otherwise none of these routes exist.
 */
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import express, { type Express, type Request, type Response } from 'express'
import { errorSummary } from '../lib/db-errors.js'
import type { Logger } from '../lib/logger.js'
import type { Services } from '../services/index.js'
import { ROLE_LABELS, SUBGROUP_CASE_REVIEW } from '../services/people/people.schema.js'

const pageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'playground')
const require = createRequire(import.meta.url)

const CARD = 'application/vnd.microsoft.card.adaptive'
const CHANNEL_PREFIX = 'playground-channel-'
const PERSONAL_PREFIX = 'playground-personal-'
/** Messages kept per conversation (oldest dropped first); the playground is for trying things, not storage. */
const KEEP_PER_CONVERSATION = 200
const HEARTBEAT_MS = 25_000

/** The services the playground's reads and writes go through, and its own settings. */
export type PlaygroundDeps = {
  services: Services
  log: Logger
  /** The app's own base URL, e.g. http://127.0.0.1:3978: '' until the server listens. */
  appUrl: () => string
  /** Tenant id for activities when a partnership has none. */
  tenantId?: string
  /** Why the page cannot talk to the bot (e.g. Teams disabled, or authentication on), shown on the page. */
  unavailable?: string
  /** Signs the Teams tab in as a person (web/tab/tab-auth.ts), as Teams single sign-on would. */
  tabToken?: (identity: { aadObjectId: string; tenantId: string }) => Promise<string>
  /**
   * The development clock: the playground can move time forward (to see a follow-up weeks after a course) and
   * then run what has fallen due (the training job and the nudges) at once rather than at the next minute.
   */
  clock?: { now(): Date; offsetMs(): number; moveTo(offsetMs: number): void; runDue(): Promise<unknown> }
}

/** One message the bot sent, as the page shows it. */
export type PlaygroundMessage = {
  id: string
  conversationId: string
  replyToId?: string
  at: string
  /** Bumped by every update (PUT), so the page knows a per-person refreshed view is stale. */
  version: number
  text?: string
  cards: unknown[]
}

type Event = { type: 'message' | 'update'; message: PlaygroundMessage }

/** The in-memory side of the connector: messages per conversation, and who is listening. */
export class PlaygroundStore {
  private readonly conversations = new Map<string, PlaygroundMessage[]>()
  private readonly listeners = new Set<(event: Event) => void>()
  private readonly prefix = randomBytes(3).toString('hex')
  private counter = 0

  add(conversationId: string, activity: Record<string, unknown>, replyToId?: string): PlaygroundMessage {
    const message: PlaygroundMessage = {
      id: `pg-${this.prefix}-${++this.counter}`,
      conversationId,
      at: new Date().toISOString(),
      version: 1,
      ...(replyToId ? { replyToId } : {}),
      ...contentOf(activity),
    }
    const list = this.conversations.get(conversationId) ?? []
    list.push(message)
    if (list.length > KEEP_PER_CONVERSATION) list.splice(0, list.length - KEEP_PER_CONVERSATION)
    this.conversations.set(conversationId, list)
    this.emit({ type: 'message', message })
    return message
  }

  update(conversationId: string, activityId: string, activity: Record<string, unknown>): PlaygroundMessage | null {
    const list = this.conversations.get(conversationId) ?? []
    const index = list.findIndex((m) => m.id === activityId)
    if (index < 0) return null
    const { text: _text, ...before } = list[index]!
    const message: PlaygroundMessage = { ...before, version: before.version + 1, ...contentOf(activity) }
    list[index] = message
    this.emit({ type: 'update', message })
    return message
  }

  all(): PlaygroundMessage[] {
    return [...this.conversations.values()].flat()
  }

  listen(listener: (event: Event) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(event: Event) {
    for (const listener of this.listeners) listener(event)
  }
}

function contentOf(activity: Record<string, unknown>): Pick<PlaygroundMessage, 'text' | 'cards'> {
  const attachments = Array.isArray(activity.attachments)
    ? (activity.attachments as { contentType?: string; content?: unknown }[])
    : []
  const text = typeof activity.text === 'string' && activity.text.trim() ? activity.text : undefined
  return {
    ...(text ? { text } : {}),
    cards: attachments.filter((a) => a?.contentType === CARD && a.content).map((a) => a.content),
  }
}

/** Teams conversation ids may carry ";messageid=…" (a thread in a channel); the pane is the conversation. */
const baseConversation = (id: string) => id.split(';')[0] ?? id

const pageHeaders = (res: Response) => {
  res.set('cache-control', 'no-store')
  res.set('x-content-type-options', 'nosniff')
}

export function mountPlayground(app: Express, deps: PlaygroundDeps): PlaygroundStore {
  const store = new PlaygroundStore()
  const json = express.json({ limit: '1mb' })

  /**
   * Where the bot must send its messages. The app's own URL is only known after listen, so it is read per
   * request; the Host header is the fallback. The app's own address is preferred because the bot calls it
   * from the server, where the browser's host name (a port mapping, a tunnel) may not resolve.
   */
  const serviceUrlFor = (req: Request) =>
    `${(deps.appUrl() || `${req.protocol}://${req.get('host')}`).replace(/\/+$/, '')}/playground/connector/`

  // Serialised, so two pages loading at once do not both set (and audit) the channel.
  let channelWork: Promise<unknown> = Promise.resolve()
  const ensureChannels = (serviceUrl: string) => {
    const work = channelWork.then(() => ensurePlaygroundChannels(deps.services, serviceUrl, deps.tenantId))
    channelWork = work.catch(() => undefined)
    return work
  }

  // ------------------------------------------------------------------ the page

  app.get('/', (_req, res) => {
    pageHeaders(res)
    res.set(
      'content-security-policy',
      [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
    )
    res.sendFile(path.join(pageDir, 'index.html'))
  })
  app.get('/playground/playground.js', (_req, res) => {
    pageHeaders(res)
    res.type('text/javascript').sendFile(path.join(pageDir, 'playground.js'))
  })
  app.get('/playground/tab-link.js', (_req, res) => {
    pageHeaders(res)
    res.type('text/javascript').sendFile(path.join(pageDir, 'tab-link.js'))
  })
  app.get('/playground/playground.css', (_req, res) => {
    pageHeaders(res)
    res.type('text/css').sendFile(path.join(pageDir, 'playground.css'))
  })

  // The adaptivecards package's own renderer (a devDependency: the playground never runs in production).
  const vendor = (file: string, type: string) => (_req: Request, res: Response) => {
    let resolved: string
    try {
      resolved = require.resolve(`adaptivecards/dist/${file}`)
    } catch {
      res
        .status(503)
        .type('text/plain')
        .send('The adaptivecards package is not installed: run `npm install` (it is a devDependency).')
      return
    }
    pageHeaders(res)
    res.type(type).sendFile(resolved)
  }
  app.get('/playground/vendor/adaptivecards.js', vendor('adaptivecards.min.js', 'text/javascript'))
  app.get('/playground/vendor/adaptivecards.css', vendor('adaptivecards.css', 'text/css'))

  // ------------------------------------------------------------------ who you can be

  // The tab as the chosen person: a token for them, which the page puts in the tab's address fragment.
  app.post('/playground/tab-token', json, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const person = (await deps.services.people.listPlaygroundPeople()).find((p) => p.key === body.person)
    const tenantId = person?.teamsTenantId ?? deps.tenantId
    if (!person || !tenantId || !deps.tabToken) return res.status(404).json({ error: 'no such person' })
    res
      .set('cache-control', 'no-store')
      .json({ token: await deps.tabToken({ aadObjectId: person.aadObjectId, tenantId }) })
  })

  app.get('/playground/people', async (req, res) => {
    try {
      const serviceUrl = serviceUrlFor(req)
      const channels = await ensureChannels(serviceUrl)
      const people = await deps.services.people.listPlaygroundPeople()
      res.set('cache-control', 'no-store').json({
        serviceUrl,
        ...(deps.unavailable ? { unavailable: deps.unavailable } : {}),
        people: people.map((p) => ({
          key: p.key,
          name: p.name,
          jobTitle: p.jobTitle,
          roles: p.roles,
          roleLabels: p.roles.map((r) => (ROLE_LABELS as Record<string, string>)[r] ?? r),
          agency: p.agency,
          partnership: p.partnership,
          chairs: p.chairs,
          memberOf: p.memberOf,
          aadObjectId: p.aadObjectId,
          teamsUserId: `29:${p.key}`,
          tenantId: p.teamsTenantId ?? deps.tenantId ?? 'playground-tenant',
          conversationId: `${PERSONAL_PREFIX}${p.key}`,
          channel: channels.get(p.partnershipId) ?? null,
        })),
      })
    } catch (error) {
      deps.log.error({ err: errorSummary(error) }, 'playground: people failed')
      res.status(500).json({ error: 'Could not load the people of the demo partnership.' })
    }
  })

  // ------------------------------------------------------------------ moving time forward

  const DAY_MS = 86_400_000
  const clockState = () => ({
    now: deps.clock!.now().toISOString(),
    days: Math.round(deps.clock!.offsetMs() / DAY_MS),
  })
  app.get('/playground/clock', (_req, res) => {
    if (!deps.clock) return void res.status(404).json({ error: 'The clock cannot be moved here.' })
    res.set('cache-control', 'no-store').json(clockState())
  })
  app.post('/playground/clock', json, async (req, res) => {
    if (!deps.clock) return void res.status(404).json({ error: 'The clock cannot be moved here.' })
    const days = Number((req.body as { days?: unknown } | undefined)?.days)
    if (!Number.isInteger(days) || days < 0 || days > 366)
      return void res.status(400).json({ error: 'Move time forward by 0 to 366 days.' })
    deps.clock.moveTo(days * DAY_MS)
    try {
      await deps.clock.runDue()
    } catch (error) {
      deps.log.error({ err: errorSummary(error) }, 'playground: running what fell due failed')
    }
    res.json(clockState())
  })

  // ------------------------------------------------------------------ the Bot Connector

  const connector = '/playground/connector/v3/conversations/:conversationId/activities'
  const send = (req: Request, res: Response) => {
    const activity = (req.body ?? {}) as Record<string, unknown>
    const conversationId = baseConversation(String(req.params.conversationId))
    const replyToId = typeof req.params.replyToId === 'string' ? req.params.replyToId : undefined
    // Typing indicators and other non-message activities get an id and nothing else.
    const id =
      activity.type === 'message' ? store.add(conversationId, activity, replyToId).id : `pg-ignored-${Date.now()}`
    res.status(201).json({ id })
  }
  app.post(connector, json, send)
  app.post(`${connector}/:replyToId`, json, send)
  app.put(`${connector}/:activityId`, json, (req, res) => {
    const conversationId = baseConversation(String(req.params.conversationId))
    const updated = store.update(
      conversationId,
      String(req.params.activityId),
      (req.body ?? {}) as Record<string, unknown>,
    )
    if (!updated) {
      res.status(404).json({
        error: {
          code: 'ActivityNotFound',
          message: 'Unknown activity (the playground forgets messages when the app restarts).',
        },
      })
      return
    }
    res.json({ id: updated.id })
  })
  app.all('/playground/connector/{*rest}', (_req, res) => {
    res
      .status(404)
      .json({ error: { code: 'NotSupported', message: 'The playground connector only sends and updates activities.' } })
  })

  // ------------------------------------------------------------------ live updates for the page

  app.get('/playground/events', (req, res) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    const write = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    res.write('retry: 2000\n\n')
    write('snapshot', { messages: store.all() })
    const stop = store.listen((event) => write(event.type, event.message))
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS)
    heartbeat.unref()
    req.on('close', () => {
      clearInterval(heartbeat)
      stop()
    })
  })

  deps.log.info('playground mounted at / (development only)')
  return store
}

type ChannelInfo = { conversationId: string; name: string; playground: boolean }

/**
 * Points each partnership's Case Review Group Teams channel at the playground when none is set, and keeps a
 * playground channel's service URL current (the port may change between runs). A real Teams channel that
 * someone set is left alone; the page then says its cards go there.
 */
async function ensurePlaygroundChannels(
  services: Services,
  serviceUrl: string,
  fallbackTenant?: string,
): Promise<Map<string, ChannelInfo>> {
  const out = new Map<string, ChannelInfo>()
  const partnerships = await services.people.listPlaygroundChannels()
  for (const p of partnerships) {
    const suffix = partnerships.length > 1 ? `-${p.partnershipKey}` : ''
    const conversationId = `${CHANNEL_PREFIX}${SUBGROUP_CASE_REVIEW}${suffix}`
    const address = p.address as { serviceUrl?: string; conversation?: { id?: string } } | null
    const currentId = address?.conversation?.id
    if (address && !(typeof currentId === 'string' && currentId.startsWith(CHANNEL_PREFIX))) {
      const info = { conversationId: String(currentId ?? ''), name: 'Case Review Group', playground: false }
      out.set(p.partnershipId, info)
      continue
    }
    if (!address || address.serviceUrl !== serviceUrl || currentId !== conversationId) {
      const tenantId = p.teamsTenantId ?? fallbackTenant ?? 'playground-tenant'
      await services.people.configurePartnershipChannel({
        partnershipId: p.partnershipId,
        purpose: SUBGROUP_CASE_REVIEW,
        platform: 'teams',
        address: {
          channelId: 'msteams',
          serviceUrl,
          locale: 'en-GB',
          bot: { id: '28:learning-loop', name: 'Learning Loop' },
          conversation: {
            id: conversationId,
            conversationType: 'channel',
            isGroup: true,
            tenantId,
            name: 'Case Review Group',
          },
        },
      })
    }
    out.set(p.partnershipId, { conversationId, name: 'Case Review Group', playground: true })
  }
  return out
}
