/**
 * The privacy and terms pages named in the Teams manifest (the tab itself is web/tab/). Served in every
 * environment, with helmet's headers (app/server.ts) and a Content-Security-Policy that lets only Microsoft 365
 * hosts frame them.
 */
import type { Express, Response } from 'express'
import { FRAME_ANCESTORS } from './tab/tab-routes.js'

const STYLE =
  'body{font-family:"Segoe UI",system-ui,sans-serif;margin:2rem;max-width:44rem;line-height:1.5;color:#242424}' +
  'h1{font-size:1.4rem}'

const page = (title: string, body: string) => `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head><body>${body}</body></html>`

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

function send(res: Response, html: string) {
  // Replaces the strict default app/server.ts sets with helmet (whose other headers stay).
  res.setHeader(
    'content-security-policy',
    `default-src 'self'; style-src 'unsafe-inline'; object-src 'none'; base-uri 'none'; ${FRAME_ANCESTORS}`,
  )
  res.type('html').send(html)
}

/** Mounts the privacy and terms pages. */
export function mountPages(app: Express): void {
  app.get('/privacy', (_req, res) => send(res, page('Learning Loop privacy', PRIVACY)))
  app.get('/terms', (_req, res) => send(res, page('Learning Loop terms of use', TERMS)))
}
