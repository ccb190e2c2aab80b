/**
 * HTTP routes: /api/messages (Teams), /slack/events (Slack), /healthz, the Teams tab and its pages, and the
 * playground in development. Security headers (helmet) go on every response; each page may then set its own
 * Content-Security-Policy (the tab may be framed by Microsoft 365 hosts, nothing else may). Failures answer
 * with a status and no internal text, and are logged through pino.
 */
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express'
import helmet from 'helmet'
import type { TeamsChannel } from '../bot/teams/index.js'
import { mountPages } from '../web/pages.js'
import { mountTab, type TabDeps } from '../web/tab/tab-routes.js'
import { mountAuditPages } from '../web/audit-page.js'
import type { Services } from '../services/index.js'
import type { DbClient } from '../lib/db.js'
import type { Logger } from '../lib/logger.js'
import { errorSummary } from '../lib/db-errors.js'

export type ServerParts = {
  db: DbClient
  log: Logger
  databaseMode: 'embedded' | 'external'
  teams?: TeamsChannel
  slackRouter?: express.Router
  /** The Teams tab: the services its pages read, and the check of its sign-in tokens. */
  tab: TabDeps
  extraRoutes?: (app: Express) => void
  /** The services, for pages that read through them (an audit's page and its export). */
  services?: Services
}

/**
 * HSTS only where it means something: on a request that came over https, directly or through a proxy that
 * says so. Over plain http (a developer's loopback) browsers ignore it, and it would only confuse.
 */
const hsts = helmet.hsts({ maxAge: 31_536_000, includeSubDomains: true })
const hstsOverHttps: RequestHandler = (req, res, next) => {
  const forwarded = String(req.get('x-forwarded-proto') ?? '')
    .split(',')[0]
    ?.trim()
    .toLowerCase()
  if (req.secure || forwarded === 'https') hsts(req, res, next)
  else next()
}

/** Creates the Express app with every route; start.ts listens on it. */
export function createHttpApp(parts: ServerParts): Express {
  const app = express()
  app.disable('x-powered-by')
  app.use(
    helmet({
      // A strict default for anything that sets none; the pages and the playground set their own.
      contentSecurityPolicy: { directives: { 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null } },
      // Framing is governed by CSP frame-ancestors, which the Teams tab relaxes for Microsoft 365 hosts;
      // an X-Frame-Options header would contradict it in older browsers.
      xFrameOptions: false,
      strictTransportSecurity: false,
    }),
    hstsOverHttps,
  )

  app.get('/healthz', async (_req, res) => {
    try {
      await parts.db.$queryRaw`select 1`
      res.json({
        status: 'ok',
        database: { state: 'up', mode: parts.databaseMode },
        teams: Boolean(parts.teams),
        slack: Boolean(parts.slackRouter),
      })
    } catch {
      res.status(503).json({ status: 'degraded', database: { state: 'down', mode: parts.databaseMode } })
    }
  })

  if (parts.teams) {
    const teams = parts.teams
    app.post('/api/messages', express.json({ limit: '256kb' }), (req, res) => {
      teams.process(req, res).catch((error: unknown) => {
        parts.log.error({ err: errorSummary(error) }, 'teams request failed')
        if (!res.headersSent) res.status(500).end()
      })
    })
  }

  if (parts.slackRouter) app.use(parts.slackRouter)
  mountTab(app, parts.tab)
  mountPages(app)
  if (parts.services) mountAuditPages(app, parts.services, parts.log)
  parts.extraRoutes?.(app)
  app.use((_req, res) => res.status(404).json({ error: 'not found' }))
  app.use(lastResort(parts.log))
  return app
}

/**
 * Errors Express catches (a body that is not JSON, one too large, a route that threw): the status they
 * carry (400, 413) or 500, a short JSON body, and a log line with the error's kind, never its text or stack.
 */
function lastResort(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const e = error as { status?: unknown; statusCode?: unknown; type?: unknown; name?: unknown }
    const raw = Number(e.status ?? e.statusCode)
    const status = raw >= 400 && raw < 600 ? raw : 500
    const entry = { status, path: req.path, err: { name: String(e.name ?? typeof error), type: e.type } }
    if (status >= 500) log.error(entry, 'request failed')
    else log.info(entry, 'request refused')
    if (res.headersSent) return
    res.status(status).json({ error: status === 413 ? 'too large' : status < 500 ? 'bad request' : 'server error' })
  }
}
