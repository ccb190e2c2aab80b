/**
 * The small web pages the Teams app points at: the Dashboard tab (a placeholder until the reports issue),
 * and the privacy and terms pages named in the manifest. Served in every environment, with helmet's headers
 * (app/server.ts) and a Content-Security-Policy that lets only Microsoft 365 hosts frame them.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Express, Response } from 'express'

const require = createRequire(import.meta.url)

/** Teams, Outlook and Microsoft 365 may frame the tab; nothing else may. */
const FRAME_ANCESTORS = [
  "frame-ancestors 'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
].join(' ')

const STYLE =
  'body{font-family:"Segoe UI",system-ui,sans-serif;margin:2rem;max-width:44rem;line-height:1.5;color:#242424}' +
  'h1{font-size:1.4rem}'

const page = (title: string, body: string, script = '') => `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head><body>${body}${script}</body></html>`

const TAB = `
<h1>Learning Loop dashboard</h1>
<p>The partnership dashboard (how much we did, how well, and whether anyone is better off) is on its way.</p>
<p>Until then, ask the bot in chat: <strong>my referrals</strong>, <strong>awaiting</strong> or
<strong>review status</strong>.</p>`

const PRIVACY = `
<h1>Privacy</h1>
<p>Learning Loop is run by your safeguarding children partnership. It never asks for a child's name: cases are
identified by an agency's case reference, and free text is checked for names, dates of birth, NHS numbers and
postcodes before it is saved.</p>
<p>It keeps who did what and when in an append-only audit log. Your partnership is the data controller; ask its
business manager how long records are kept and how to exercise your rights under UK GDPR.</p>`

const TERMS = `
<h1>Terms of use</h1>
<p>Use Learning Loop only for your partnership's learning and improvement work, in line with your agency's
information-sharing policy. Do not enter a child's name or other identifying details. If a child is at immediate
risk, follow your safeguarding procedures: this tool is not for referrals about a child's safety.</p>`

/** Inside Teams, tell the host the tab has loaded; opened in a plain browser, do nothing. */
const TAB_SCRIPT =
  'if (window.microsoftTeams && window.parent !== window) { microsoftTeams.app.initialize()' +
  '.then(function () { microsoftTeams.app.notifySuccess() }).catch(function () {}) }'

function send(res: Response, html: string) {
  // Replaces the strict default app/server.ts sets with helmet (whose other headers stay).
  res.setHeader(
    'content-security-policy',
    `default-src 'self'; style-src 'unsafe-inline'; object-src 'none'; base-uri 'none'; ${FRAME_ANCESTORS}`,
  )
  res.type('html').send(html)
}

/** Mounts the Teams tab, its two scripts, and the privacy and terms pages. */
export function mountPages(app: Express): void {
  app.get('/tab', (_req, res) =>
    send(
      res,
      page('Learning Loop dashboard', TAB, '<script src="/tab/teams.js"></script><script src="/tab/tab.js"></script>'),
    ),
  )
  app.get('/tab/teams.js', (_req, res) => {
    const dist = path.join(path.dirname(require.resolve('@microsoft/teams-js/package.json')), 'dist', 'umd')
    res.sendFile(path.join(dist, 'MicrosoftTeams.min.js'))
  })
  app.get('/tab/tab.js', (_req, res) => {
    res.type('application/javascript').send(TAB_SCRIPT)
  })
  app.get('/privacy', (_req, res) => send(res, page('Learning Loop privacy', PRIVACY)))
  app.get('/terms', (_req, res) => send(res, page('Learning Loop terms of use', TERMS)))
}
