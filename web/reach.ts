/**
 * The reach page of a learning product, and its spreadsheet (XLSX, like Company Communicator's delivery report,
 * with reading and use): delivered, not reachable and why, read, and teams briefed, by agency and by role, over
 * time. Reached only through the signed link its reach card gives (services check the signature and its age),
 * so the page itself needs no sign-in and shows nothing to anyone without the link.
 */
import ExcelJS from 'exceljs'
import type { Express, Request, Response } from 'express'
import { formatDate } from '../services/calendar/dates.js'
import type { Services } from '../services/index.js'
import type { ReachRow, ReachView } from '../services/learning/learning.schema.js'
import { errorSummary } from '../lib/db-errors.js'
import { isAppError } from '../lib/errors.js'
import type { Logger } from '../lib/logger.js'

const STYLE =
  'body{font-family:"Segoe UI",system-ui,sans-serif;margin:2rem;max-width:60rem;line-height:1.45;color:#242424}' +
  'h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}table{border-collapse:collapse;width:100%}' +
  'th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left}td.n,th.n{text-align:right}' +
  '.bar{display:inline-block;height:.7rem;background:#5b5fc7;vertical-align:middle}.muted{color:#616161}'

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const COLUMNS: [keyof Omit<ReachRow, 'key' | 'label'>, string][] = [
  ['queued', 'Sent to'],
  ['delivered', 'Delivered'],
  ['notReachable', 'Not reachable'],
  ['read', 'Read'],
  ['teamsBriefed', 'Teams briefed'],
  ['staffBriefed', 'Staff briefed'],
]

function table(title: string, rows: ReachRow[]): string {
  const head = `<tr><th>${title}</th>${COLUMNS.map(([, l]) => `<th class="n">${l}</th>`).join('')}<th>Share read</th></tr>`
  const body = rows
    .map((r) => {
      const share = r.delivered ? Math.round((r.read / r.delivered) * 100) : 0
      const cells = COLUMNS.map(([k]) => `<td class="n">${r[k]}</td>`).join('')
      return `<tr><td>${esc(r.label)}</td>${cells}<td><span class="bar" style="width:${share}px"></span> ${share}%</td></tr>`
    })
    .join('')
  return `<table>${head}${body}</table>`
}

/** The page's HTML (everything typed is escaped). */
function reachPage(r: ReachView, xlsxUrl: string): string {
  const t = r.totals
  const overTime = r.overTime
    .map(
      (d) =>
        `<tr><td>${formatDate(d.day)}</td><td class="n">${d.delivered}</td><td class="n">${d.read}</td><td class="n">${d.teamsBriefed}</td></tr>`,
    )
    .join('')
  const missing = r.notReachable
    .map((p) => `<tr><td>${esc(p.name)}</td><td>${esc(p.agency)}</td><td>${esc(p.reason)}</td></tr>`)
    .join('')
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Reach of ${esc(r.reference)}</title>
<style>${STYLE}</style></head><body>
<h1>Reach of ${esc(r.reference)}: ${esc(r.title)}</h1>
<p class="muted">${esc(r.kindLabel)}, sent to ${esc(r.audience)}. Status: ${esc(r.status)}.</p>
<p>Delivered to <strong>${t.delivered}</strong> of ${t.queued} people${t.channels ? ` and ${t.channels} channels` : ''};
not reachable: <strong>${t.notReachable}</strong>; read by <strong>${t.read}</strong>;
<strong>${t.teamsBriefed}</strong> teams briefed (${t.staffBriefed} staff).${t.pending ? ` ${t.pending} still to send.` : ''}</p>
<p><a href="${esc(xlsxUrl)}">Download as a spreadsheet (XLSX)</a></p>
<h2>By agency</h2>${table('Agency', r.byAgency)}
<h2>By role</h2>${table('Role', r.byRole)}
<h2>Over time</h2><table><tr><th>Day</th><th class="n">Delivered</th><th class="n">Read</th><th class="n">Teams briefed</th></tr>${overTime}</table>
<h2>Not reachable</h2>${missing ? `<table><tr><th>Name</th><th>Agency</th><th>Why</th></tr>${missing}</table>` : '<p>Nobody.</p>'}
</body></html>`
}

/** The same figures as a workbook: a summary, by agency, by role, over time, and who could not be reached. */
async function reachWorkbook(r: ReachView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Learning Loop'
  const summary = wb.addWorksheet('Summary')
  summary.addRows([
    ['Product', `${r.reference}: ${r.title}`],
    ['Kind', r.kindLabel],
    ['Sent to', r.audience],
    ['Status', r.status],
    ['People sent to', r.totals.queued],
    ['Delivered', r.totals.delivered],
    ['Not reachable', r.totals.notReachable],
    ['Read', r.totals.read],
    ['Teams briefed', r.totals.teamsBriefed],
    ['Staff briefed', r.totals.staffBriefed],
    ['Channels', r.totals.channels],
  ])
  summary.getColumn(1).width = 18
  summary.getColumn(2).width = 60
  for (const [name, rows] of [
    ['By agency', r.byAgency],
    ['By role', r.byRole],
  ] as const) {
    const sheet = wb.addWorksheet(name)
    sheet.addRow([name === 'By agency' ? 'Agency' : 'Role', ...COLUMNS.map(([, l]) => l)]).font = { bold: true }
    for (const row of rows) sheet.addRow([row.label, ...COLUMNS.map(([k]) => row[k])])
    sheet.getColumn(1).width = 40
  }
  const time = wb.addWorksheet('Over time')
  time.addRow(['Day', 'Delivered', 'Read', 'Teams briefed']).font = { bold: true }
  for (const d of r.overTime) time.addRow([d.day, d.delivered, d.read, d.teamsBriefed])
  const missing = wb.addWorksheet('Not reachable')
  missing.addRow(['Name', 'Agency', 'Why']).font = { bold: true }
  for (const p of r.notReachable) missing.addRow([p.name, p.agency, p.reason])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const linkOf = (req: Request) => ({
  productId: String(req.params.productId ?? ''),
  expires: String(req.query.expires ?? ''),
  sig: String(req.query.sig ?? ''),
})

/** Mounts GET /reach/:productId (the page) and GET /reach/:productId/xlsx (the spreadsheet). */
export function mountReachPages(app: Express, services: Services, log: Logger): void {
  const withReach =
    (send: (res: Response, r: ReachView, req: Request) => Promise<void> | void) =>
    async (req: Request, res: Response) => {
      try {
        await send(res, await services.learning.reachForLink(linkOf(req)), req)
      } catch (error) {
        if (isAppError(error)) {
          res.status(404).type('text').send(error.userMessage)
          return
        }
        log.error({ err: errorSummary(error) }, 'reach page failed')
        res.status(500).type('text').send('Sorry, the reach page could not be shown.')
      }
    }
  app.get(
    '/reach/:productId',
    withReach((res, r, req) => {
      const q = new URLSearchParams({ expires: String(req.query.expires ?? ''), sig: String(req.query.sig ?? '') })
      res.setHeader(
        'content-security-policy',
        "default-src 'self'; style-src 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'",
      )
      res.type('html').send(reachPage(r, `/reach/${encodeURIComponent(r.productId)}/xlsx?${q}`))
    }),
  )
  app.get(
    '/reach/:productId/xlsx',
    withReach(async (res, r) => {
      res
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .set('content-disposition', `attachment; filename="reach-${r.reference}.xlsx"`)
        .send(await reachWorkbook(r))
    }),
  )
}
