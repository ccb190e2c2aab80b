/**
 * The Teams channel as the app wires it: the handler for POST /api/messages and the outbound port.
 *
 * Each request, in order: a per-address request limit (429); the body must look like an activity (400,
 * so `{}` never reaches botbuilder); authentication (401 with an empty body, logged through pino: a bad
 * token and Microsoft's signing keys being out of reach are both refused, never a 500 with the error's
 * text); a repeat of an activity already handled gets the first answer again; then the turn. Text is cut
 * to a length no command needs, so no later step works on a huge message.
 */
import type { Request, Response } from 'express'
import { z } from 'zod'
import type { Config } from '../../lib/config.js'
import type { Logger } from '../../lib/logger.js'
import { RateLimiter } from '../core/rate-limit.js'
import { ReplayGuard } from '../core/replay-guard.js'
import type { RetryOptions } from '../core/retry.js'
import { PersonThrottle } from '../core/throttle.js'
import type { BotDeps } from '../core/types.js'
import {
  createTeamsAdapter,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type TeamsAdapter,
} from './teams-adapter.js'
import { LearningLoopTeamsBot } from './teams-bot.js'
import { TeamsBroadcaster } from './teams-broadcaster.js'
import { TeamsNotifier } from './teams-notifier.js'
import { errorSummary } from '../../lib/db-errors.js'

export type TeamsChannel = {
  /** Handles one POST /api/messages (the request body already parsed as JSON). */
  process(req: Request, res: Response): Promise<void>
  notifier: TeamsNotifier
  /** The broadcast engine's port (one call a message, paced and retried by the engine). */
  broadcaster: TeamsBroadcaster
}

/** Longer texts are cut: commands read 300 characters, and a Teams message is at most about 28 KB. */
const MAX_TEXT = 4000
const MAX_ENTITIES = 50

const ZId = z.object({ id: z.string().min(1).max(512) }).passthrough()
/** The least an activity must carry for the bot to answer it; everything else passes through unchanged. */
const ZActivity = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    serviceUrl: z.string().min(1).max(2048),
    from: ZId,
    recipient: ZId,
    conversation: ZId,
    text: z.string().optional(),
    entities: z.array(z.unknown()).optional(),
  })
  .passthrough()

/** As CloudAdapter's own request handling does: timestamps become Dates, the strings kept beside them. */
function fixTimestamps(activity: Record<string, unknown>) {
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = activity[field]
    if (typeof value !== 'string') continue
    activity[raw] = value
    activity[field] = new Date(value)
  }
}

type InvokeResult = { status: number; body?: unknown }

/** The error's kind only: auth errors quote tokens and URLs, turn errors can quote a case. */
const summary = (error: unknown) => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode
  return { ...errorSummary(error), ...(typeof status === 'number' ? { status } : {}) }
}

/** The Teams edge: adapter, bot, and the checks every request passes before its turn. */
export function createTeamsChannel(config: Config, deps: BotDeps, retry?: RetryOptions): TeamsChannel {
  const { adapter, auth } = createTeamsAdapter(config, deps.log)
  const bot = new LearningLoopTeamsBot(deps, new PersonThrottle(config.security.limits))
  const { perSecond, burst } = config.security.limits.endpoint
  const limiter = new RateLimiter(perSecond, burst)
  // Per instance: see bot/core/replay-guard.ts.
  const replays = new ReplayGuard<InvokeResult>()
  return {
    process: (req, res) => processRequest({ adapter, auth, bot, limiter, replays, log: deps.log }, req, res),
    notifier: new TeamsNotifier(adapter, config.teams.appId ?? '', retry),
    broadcaster: new TeamsBroadcaster(config.teams),
  }
}

type Parts = {
  adapter: TeamsAdapter
  auth: BotFrameworkAuthentication
  bot: LearningLoopTeamsBot
  limiter: RateLimiter
  replays: ReplayGuard<InvokeResult>
  log: Logger
}

async function processRequest(parts: Parts, req: Request, res: Response): Promise<void> {
  const { log } = parts
  const waitMs = parts.limiter.tryTake(req.socket.remoteAddress ?? 'unknown')
  if (waitMs > 0) {
    log.warn({ platform: 'teams', reason: 'rate-limited' }, 'teams request refused')
    res
      .status(429)
      .set('retry-after', String(Math.ceil(waitMs / 1000)))
      .end()
    return
  }
  const parsed = ZActivity.safeParse(req.body)
  if (!parsed.success) {
    log.info({ platform: 'teams', reason: 'not-an-activity' }, 'teams request refused')
    res.status(400).json({ error: 'not an activity' })
    return
  }
  const activity = parsed.data
  if (activity.text && activity.text.length > MAX_TEXT) activity.text = activity.text.slice(0, MAX_TEXT)
  if (activity.entities && activity.entities.length > MAX_ENTITIES)
    activity.entities = activity.entities.slice(0, MAX_ENTITIES)
  fixTimestamps(activity)

  let authenticated: AuthenticateRequestResult
  try {
    authenticated = await parts.auth.authenticateRequest(activity as never, String(req.headers.authorization ?? ''))
  } catch (error) {
    log.warn({ platform: 'teams', reason: 'unauthenticated', err: summary(error) }, 'teams request refused')
    res.status(401).end()
    return
  }

  const run = async (): Promise<InvokeResult> => {
    const response = await parts.adapter.runAuthenticated(authenticated, activity as never, (ctx) => parts.bot.run(ctx))
    return { status: response?.status ?? 200, body: response?.body }
  }
  // The same activity (same sender, conversation and id) is answered once; Teams never reuses an id.
  const key = activity.id ? JSON.stringify([activity.from.id, activity.conversation.id, activity.id]) : null
  let result: InvokeResult
  try {
    const once = key ? parts.replays.once(key, run) : { repeated: false, result: run() }
    if (once.repeated) log.info({ platform: 'teams', reason: 'repeated' }, 'teams activity already handled')
    result = await once.result
    if (key && result.status >= 500) parts.replays.forget(key)
  } catch (error) {
    log.error({ platform: 'teams', err: summary(error) }, 'teams request failed')
    if (!res.headersSent) res.status(500).end()
    return
  }
  res.status(result.status)
  if (result.body !== undefined) res.json(result.body)
  else res.end()
}
