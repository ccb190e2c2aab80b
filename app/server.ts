/** HTTP routes: /api/messages (Teams), /slack/events (Slack), /healthz, and the playground in development. */
import express, { type Express } from 'express'
import type { TeamsChannel } from '../bot/teams/index.js'
import { mountPages } from '../web/pages.js'
import type { DbClient } from '../lib/db.js'
import type { Logger } from '../lib/logger.js'

export type ServerParts = {
  db: DbClient
  log: Logger
  databaseMode: 'embedded' | 'external'
  teams?: TeamsChannel
  slackRouter?: express.Router
  extraRoutes?: (app: Express) => void
}

export function createHttpApp(parts: ServerParts): Express {
  const app = express()
  app.disable('x-powered-by')

  app.get('/healthz', async (_req, res) => {
    try {
      await parts.db.$queryRaw`select 1`
      res.json({ status: 'ok', database: { state: 'up', mode: parts.databaseMode }, teams: Boolean(parts.teams), slack: Boolean(parts.slackRouter) })
    } catch {
      res.status(503).json({ status: 'degraded', database: { state: 'down', mode: parts.databaseMode } })
    }
  })

  if (parts.teams) {
    const teams = parts.teams
    app.post('/api/messages', express.json({ limit: '256kb' }), (req, res) => {
      teams.process(req, res).catch((error: unknown) => {
        parts.log.error({ err: error instanceof Error ? error.message : String(error) }, 'teams request failed')
        if (!res.headersSent) res.status(500).end()
      })
    })
  }

  if (parts.slackRouter) app.use(parts.slackRouter)
  mountPages(app)
  parts.extraRoutes?.(app)
  app.use((_req, res) => res.status(404).json({ error: 'not found' }))
  return app
}
