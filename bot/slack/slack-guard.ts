/**
 * What runs in front of Bolt at POST /slack/events, and the pieces Bolt is given so that it fails quietly:
 * - a per-address request limit (429 with Retry-After), before anything is parsed or verified;
 * - a timestamp more than 5 minutes in the future is refused (Bolt refuses only those 5 minutes old);
 * - Bolt's own log lines go through pino, short, with no stack and no request body;
 * - a replayed or redelivered request (the same signed body, or an event Slack sends again) is acknowledged
 *   and not handled a second time.
 */
import { createHash } from 'node:crypto'
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt'
import type { Request, RequestHandler } from 'express'
import type { Logger } from '../../lib/logger.js'
import type { RateLimiter } from '../core/rate-limit.js'
import type { ReplayGuard } from '../core/replay-guard.js'
import { errorSummary } from '../../lib/db-errors.js'

const FIVE_MINUTES_S = 5 * 60

/** The address a request came from, as the socket says (behind a proxy: the proxy's, one budget for all). */
const clientAddress = (req: Request): string => req.socket.remoteAddress ?? 'unknown'

/** Refuses floods and future-dated requests before Bolt reads the body. */
export function slackRequestGuard(limiter: RateLimiter, log: Logger, now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const waitMs = limiter.tryTake(clientAddress(req))
    if (waitMs > 0) {
      log.warn({ platform: 'slack', reason: 'rate-limited' }, 'slack request refused')
      res
        .status(429)
        .set('retry-after', String(Math.ceil(waitMs / 1000)))
        .end()
      return
    }
    const ts = Number(req.get('x-slack-request-timestamp'))
    // Not a number: Bolt refuses it. Too old: Bolt refuses it. Too far ahead: only we do.
    if (Number.isFinite(ts) && ts > Math.floor(now() / 1000) + FIVE_MINUTES_S) {
      log.warn({ platform: 'slack', reason: 'timestamp-in-future' }, 'slack request refused')
      res.status(401).end()
      return
    }
    next()
  }
}

/** An error as its name and code only; anything else as text. */
const describe = (m: unknown): string => {
  if (!(m instanceof Error)) return String(m)
  const { name, code } = errorSummary(m)
  return code ? `${name} ${code}` : name
}

/** Bolt's logger interface on pino: warnings and errors only, each cut short (they can quote a request). */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN
  const line = (msg: unknown[]) => msg.map(describe).join(' ').slice(0, 200)
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => log.warn({ source: 'bolt' }, line(msg)),
    error: (...msg: unknown[]) => log.error({ source: 'bolt' }, line(msg)),
    setLevel: (l: LogLevel) => {
      level = l
    },
    getLevel: () => level,
    setName: () => undefined,
  }
}

/**
 * The key a request is remembered by: an event's id (Slack redelivers an event with the same id), otherwise
 * a hash of the whole signed body, which names the user, the action or view, its value, the message or view
 * id and the trigger id and action_ts. A person pressing again makes a new body; a replay cannot.
 */
function replayKey(body: unknown): string {
  const eventId = (body as { event_id?: unknown } | null)?.event_id
  if (typeof eventId === 'string' && eventId) return `event:${eventId}`
  return `body:${createHash('sha256').update(JSON.stringify(body)).digest('base64url')}`
}

type MiddlewareArgs = { body: unknown; ack?: (response?: never) => Promise<void>; next: () => Promise<void> }

/** Bolt global middleware: a repeat is acknowledged with nothing and goes no further. */
export function replayMiddleware(guard: ReplayGuard, log: Logger) {
  return async ({ body, ack, next }: MiddlewareArgs) => {
    const { repeated, result } = guard.once(replayKey(body), next)
    if (!repeated) return result
    log.info({ platform: 'slack', reason: 'repeated' }, 'slack request already handled')
    await ack?.()
  }
}
