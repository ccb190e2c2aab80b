/**
 * The Teams tab. GET /tab is a shell: its script (tab-client.js) initialises teams-js, asks Teams for the
 * person's single sign-on token, and fetches each page from /tab/view/<page> with that token; the pages are
 * drawn on the server (tab-pages.ts). A missing, bad, expired or foreign token gets 401 and a page saying so;
 * a person the partnership does not know gets 403. The person is resolved through services, and every figure
 * comes from a service query that checks what they may see.
 *
 * Content-Security-Policy: scripts and styles from this origin only, framed only by Teams and Microsoft 365.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import express, { type Express, type Request, type Response } from 'express'
import { AppError } from '../../lib/errors.js'
import type { Logger } from '../../lib/logger.js'
import { errorSummary } from '../../lib/db-errors.js'
import type { Services } from '../../services/index.js'
import type { Actor } from '../../services/people/index.js'
import type { TabAuth } from './tab-auth.js'
import { dashboardPage, esc, myItemsPage, reportPage } from './tab-pages.js'
import { yearlyReportCsv, yearlyReportDocx, yearlyReportXlsx } from './yearly-report.js'

const require = createRequire(import.meta.url)
const here = path.dirname(fileURLToPath(import.meta.url))

export type TabDeps = { services: Services; log: Logger; auth: TabAuth }

/** Teams, Outlook and Microsoft 365 may frame the tab; nothing else may. */
export const FRAME_ANCESTORS = [
  "frame-ancestors 'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
].join(' ')

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  FRAME_ANCESTORS,
].join('; ')

const SHELL = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Learning Loop</title><link rel="stylesheet" href="/tab/tab.css"></head>
<body><a class="skip" href="#main">Skip to the dashboard</a>
<header class="bar"><span class="brand">Learning Loop</span>
<nav aria-label="Tab pages"><a href="#" data-view="home">Dashboard</a> <a href="#" data-view="mine">Your items</a></nav></header>
<main id="main" tabindex="-1" aria-live="polite"><p>Loading…</p></main>
<script src="/tab/teams.js"></script><script src="/tab/tab-client.js"></script></body></html>`

const CONFIGURE = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Add Learning Loop</title><link rel="stylesheet" href="/tab/tab.css"></head>
<body><main id="main"><h1>Add the Learning Loop dashboard</h1>
<p>Everyone in the team sees only what their role lets them see: the partnership, their sub-group or agency, or
their own items. Choose Save to add the tab.</p></main>
<script src="/tab/teams.js"></script><script src="/tab/tab-configure.js"></script></body></html>`

function send(res: Response, status: number, body: string, type = 'html') {
  res.setHeader('content-security-policy', CSP)
  res.setHeader('cache-control', 'no-store')
  res.status(status).type(type).send(body)
}

/** A page fragment as JSON: its title and HTML, for the shell to show. */
const fragment = (res: Response, status: number, title: string, html: string) => {
  res.setHeader('cache-control', 'no-store')
  res.status(status).json({ title, html })
}

const SIGN_IN_FAILED =
  '<h1>Please open Learning Loop in Microsoft Teams</h1><p>Your sign-in could not be checked: it is missing, has ' +
  'expired or is not for this partnership. Open the Learning Loop tab in Teams, or reload it there.</p>'

/** The person behind the request's token, or an answer already sent (401 or 403). */
async function viewer(deps: TabDeps, req: Request, res: Response): Promise<Actor | null> {
  const header = req.get('authorization') ?? ''
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : ''
  let identity
  try {
    if (!token) throw new Error('no token')
    identity = await deps.auth.verify(token)
  } catch (error) {
    deps.log.info({ err: errorSummary(error) }, 'tab: token refused')
    fragment(res, 401, 'Sign-in needed', SIGN_IN_FAILED)
    return null
  }
  try {
    return await deps.services.people.resolveActor({ platform: 'teams', ...identity })
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    fragment(res, 403, 'Not registered', `<h1>Not registered</h1><p>${esc(error.userMessage)}</p>`)
    return null
  }
}

/** A refusal or a bad request in words, next to the page; anything else is logged and answered plainly. */
function failure(deps: TabDeps, res: Response, error: unknown) {
  if (error instanceof AppError) {
    const status = error.code === 'NOT_PERMITTED' ? 403 : error.code === 'NOT_FOUND' ? 404 : 400
    res.status(status).json({
      title: 'Not available',
      html: `<h1>Not available</h1><p>${esc(error.userMessage)}</p>`,
      fieldErrors: error.fieldErrors,
      message: error.userMessage,
    })
    return
  }
  deps.log.error({ err: errorSummary(error) }, 'tab request failed')
  res.status(500).json({ title: 'Something went wrong', html: '<h1>Something went wrong</h1><p>Please try again.</p>' })
}

/** The scope named in a query string: scope=partnership, or scope=agency&key=police and the like. */
function scopeFrom(query: Record<string, unknown>) {
  const kind = typeof query.scope === 'string' ? query.scope : undefined
  if (!kind) return undefined
  return kind === 'partnership' ? { kind } : { kind, key: typeof query.key === 'string' ? query.key : '' }
}

/** Mounts the tab's shell, its assets, its pages and its one form. */
export function mountTab(app: Express, deps: TabDeps): void {
  const css = readFileSync(path.join(here, 'tab.css'), 'utf8')
  const client = readFileSync(path.join(here, 'tab-client.js'), 'utf8')
  const configure = readFileSync(path.join(here, 'tab-configure.js'), 'utf8')
  app.get('/tab', (_req, res) => send(res, 200, SHELL))
  // A team adds the dashboard as a channel tab: this page tells Teams where the tab lives.
  app.get('/tab/configure', (_req, res) => send(res, 200, CONFIGURE))
  app.get('/tab/tab-configure.js', (_req, res) => send(res, 200, configure, 'application/javascript'))
  app.get('/tab/tab.css', (_req, res) => send(res, 200, css, 'text/css'))
  app.get('/tab/tab-client.js', (_req, res) => send(res, 200, client, 'application/javascript'))
  app.get('/tab/teams.js', (_req, res) => {
    const dist = path.join(path.dirname(require.resolve('@microsoft/teams-js/package.json')), 'dist', 'umd')
    res.setHeader('content-security-policy', CSP)
    res.sendFile(path.join(dist, 'MicrosoftTeams.min.js'))
  })

  app.get('/tab/view/:page', async (req, res) => {
    try {
      const actor = await viewer(deps, req, res)
      if (!actor) return
      const { services } = deps
      const scopes = await services.insight.listInsightScopes(actor)
      const page = req.params.page
      const query = req.query as Record<string, unknown>
      if (page === 'mine' || (page === 'home' && scopes.length === 0)) {
        const [referrals, actions] = await Promise.all([
          services.referrals.listMyReferrals(actor),
          services.actions.listMyActions(actor),
        ])
        const view = myItemsPage(referrals, actions)
        return fragment(res, 200, view.title, view.html)
      }
      if (page === 'report') {
        const defaults = await services.insight.yearlyReportDefaults(actor)
        if (!defaults.allowed)
          return fragment(
            res,
            403,
            'Not available',
            '<h1>Not available</h1><p>The yearly report is drafted by the ' +
              'business manager or the partnership chair.</p>',
          )
        const view = reportPage(defaults)
        return fragment(res, 200, view.title, view.html)
      }
      if (page === 'home' || page === 'dashboard') {
        const dashboard = await services.insight.readDashboard(actor, {
          scope: scopeFrom(query) ?? scopes[0]!.scope,
          from: typeof query.from === 'string' && query.from ? query.from : undefined,
          to: typeof query.to === 'string' && query.to ? query.to : undefined,
        })
        const scope = dashboard.scope
        const wide = scope.kind === 'partnership' || scope.kind === 'theme'
        const theme = scope.kind === 'theme' ? scope.key : undefined
        const [recurrences, loop] = await Promise.all([
          wide ? services.insight.listRecurrences(actor, theme) : undefined,
          theme ? services.insight.readThemeLoop(actor, theme) : undefined,
        ])
        const view = await dashboardPage(dashboard, scopes, { recurrences, loop })
        return fragment(res, 200, view.title, view.html)
      }
      fragment(res, 404, 'Not found', '<h1>Not found</h1><p>There is no such page in the tab.</p>')
    } catch (error) {
      failure(deps, res, error)
    }
  })

  // The yearly report's draft as a file: generating it is recorded (who, when, which period).
  app.post('/tab/api/yearly-report', express.json({ limit: '4kb' }), async (req, res) => {
    try {
      const actor = await viewer(deps, req, res)
      if (!actor) return
      const body = (req.body ?? {}) as Record<string, unknown>
      const report = await deps.services.insight.generateYearlyReport(actor, { from: body.from, to: body.to })
      const name = `yearly-report-${report.from}-to-${report.to}`
      res.setHeader('cache-control', 'no-store')
      if (body.format === 'xlsx') {
        res
          .attachment(`${name}.xlsx`)
          .type('xlsx')
          .send(await yearlyReportXlsx(report))
      } else if (body.format === 'csv') {
        res.attachment(`${name}.csv`).type('text/csv').send(yearlyReportCsv(report))
      } else {
        res
          .attachment(`${name}.docx`)
          .type('docx')
          .send(await yearlyReportDocx(report))
      }
    } catch (error) {
      failure(deps, res, error)
    }
  })

  app.post('/tab/api/story', express.json({ limit: '16kb' }), async (req, res) => {
    try {
      const actor = await viewer(deps, req, res)
      if (!actor) return
      const body = (req.body ?? {}) as Record<string, unknown>
      const scope = scopeFrom({ scope: body.kind, key: body.key })
      await deps.services.insight.writeStory(actor, { panelKey: body.panelKey, scope, text: body.text })
      res.json({ saved: true })
    } catch (error) {
      failure(deps, res, error)
    }
  })
}
