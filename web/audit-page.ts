/**
 * An audit's web page and its XLSX export (issue 12): the summary a chat card shows (returns received against
 * expected and who is outstanding, ratings by standard self-assessed and moderated, the change since the last
 * cycle, findings by theme), opened by a link signed for the person who read the card. The services read the
 * summary as that person, so the page shows exactly what they may see; a bad or expired link shows a short page.
 */
import ExcelJS from 'exceljs'
import type { Express, Request, Response } from 'express'
import type { AuditSummary } from '../services/audits/audit.schema.js'
import { formatDate } from '../services/calendar/dates.js'
import type { Services } from '../services/index.js'
import { isAppError } from '../lib/errors.js'
import type { Logger } from '../lib/logger.js'
import { errorSummary } from '../lib/db-errors.js'

const STYLE =
  'body{font-family:"Segoe UI",system-ui,sans-serif;margin:2rem;max-width:60rem;line-height:1.5;color:#242424}' +
  'h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}table{border-collapse:collapse;width:100%}' +
  'th,td{border:1px solid #d1d1d1;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f5f5f5}' +
  '.late{color:#a4262c}.muted{color:#616161}'

/** Text made safe for HTML: what a person typed is shown as typed, never as markup. */
const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const page = (title: string, body: string) => `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`

/** The findings grouped by theme ("Not yet tagged" last). */
function byTheme(s: AuditSummary): [string, AuditSummary['findings']][] {
  const themes = [...new Set(s.findings.flatMap((f) => f.themes))].sort()
  const groups: [string, AuditSummary['findings']][] = themes.map((t) => [
    t,
    s.findings.filter((f) => f.themes.includes(t)),
  ])
  const untagged = s.findings.filter((f) => !f.themes.length)
  return untagged.length ? [...groups, ['Not yet tagged', untagged]] : groups
}

const change = (mean: number | null, last: number | null) =>
  mean === null || last === null ? '' : mean > last ? 'better' : mean < last ? 'worse' : 'the same'

/** The summary as an HTML page. */
function auditHtml(s: AuditSummary, xlsxHref: string): string {
  const rows = (cells: string[][]) =>
    cells.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')
  const parts = [
    `<h1>${esc(s.reference)}: ${esc(s.title)}</h1>`,
    `<p>${esc(s.typeLabel)}, with ${esc(s.toolName)}${s.theme ? `, on ${esc(s.theme)}` : ''}. Opens ${esc(formatDate(s.openingDate))}; deadline ${esc(formatDate(s.deadline))}.</p>`,
    `<p><strong>${s.received} of ${s.expected} returns received.</strong> <a href="${esc(xlsxHref)}">Download the summary (Excel)</a></p>`,
  ]
  if (s.outstanding.length)
    parts.push(
      '<h2>Outstanding</h2><ul>',
      ...s.outstanding.map(
        (o) =>
          `<li${o.isLate ? ' class="late"' : ''}>${esc(o.participant)} (${esc(o.lead ?? 'nobody registered to complete it')}): ${esc(o.status)}${o.isLate ? ', overdue' : ''}</li>`,
      ),
      '</ul>',
    )
  const rated = s.standards.filter((x) => x.ratings.length)
  if (rated.length)
    parts.push(
      '<h2>Ratings by standard</h2><table><tr><th>Standard</th><th>Participant</th><th>Self-assessed</th><th>Moderated</th></tr>',
      rows(
        rated.flatMap((x) => x.ratings.map((r) => [x.title, r.participant, r.self ?? 'not rated', r.moderated ?? ''])),
      ),
      '</table>',
    )
  if (s.standards.some((x) => x.mean !== null || x.lastMean !== null))
    parts.push(
      '<h2>Change since the last cycle</h2><p class="muted">The mean of the final ratings per standard.</p>',
      '<table><tr><th>Standard</th><th>This cycle</th><th>Last cycle</th><th>Change</th></tr>',
      rows(
        s.standards.map((x) => [
          x.title,
          x.mean === null ? 'not yet moderated' : x.mean.toFixed(1),
          x.lastMean === null ? 'no last cycle' : x.lastMean.toFixed(1),
          change(x.mean, x.lastMean),
        ]),
      ),
      '</table>',
    )
  if (s.findings.length)
    parts.push(
      '<h2>Findings by theme</h2>',
      ...byTheme(s).flatMap(([theme, list]) => [
        `<h3>${esc(theme)} (${list.length})</h3><ul>`,
        ...list.map(
          (f) => `<li>${esc(f.text)}${f.actions.length ? ` Actions: ${esc(f.actions.join(', '))}.` : ''}</li>`,
        ),
        '</ul>',
      ]),
    )
  if (s.cases.length)
    parts.push(
      '<h2>Cases</h2><ul>',
      ...s.cases.map(
        (k) =>
          `<li>${esc(k.label)}: ${esc(k.parts.map((p) => `${p.participant} ${p.status.toLowerCase()}`).join('; '))}${k.discussed ? '. Discussed.' : ''}</li>`,
      ),
      '</ul>',
    )
  return page(`${s.reference}: ${s.title}`, parts.join('\n'))
}

/** The summary as an XLSX workbook: Summary, Ratings, Change and Findings sheets. */
async function auditWorkbook(s: AuditSummary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Learning Loop'
  const summary = wb.addWorksheet('Summary')
  summary.columns = [
    { header: 'Item', key: 'item', width: 30 },
    { header: 'Value', key: 'value', width: 70 },
  ]
  summary.addRows([
    { item: 'Audit', value: `${s.reference}: ${s.title}` },
    { item: 'Type', value: s.typeLabel },
    { item: 'Tool', value: s.toolName },
    { item: 'Theme', value: s.theme ?? '' },
    { item: 'Opens', value: formatDate(s.openingDate) },
    { item: 'Deadline', value: formatDate(s.deadline) },
    { item: 'Returns received', value: `${s.received} of ${s.expected}` },
    ...s.outstanding.map((o) => ({
      item: 'Outstanding',
      value: `${o.participant} (${o.lead ?? 'nobody registered'}): ${o.status}${o.isLate ? ', overdue' : ''}`,
    })),
  ])
  const ratings = wb.addWorksheet('Ratings')
  ratings.columns = [
    { header: 'Standard', key: 'standard', width: 36 },
    { header: 'Participant', key: 'participant', width: 40 },
    { header: 'Self-assessed', key: 'self', width: 36 },
    { header: 'Moderated', key: 'moderated', width: 36 },
  ]
  for (const x of s.standards)
    for (const r of x.ratings)
      ratings.addRow({
        standard: x.title,
        participant: r.participant,
        self: r.self ?? '',
        moderated: r.moderated ?? '',
      })
  const trend = wb.addWorksheet('Change')
  trend.columns = [
    { header: 'Standard', key: 'standard', width: 36 },
    { header: 'This cycle', key: 'now', width: 14 },
    { header: 'Last cycle', key: 'last', width: 14 },
    { header: 'Change', key: 'change', width: 12 },
  ]
  for (const x of s.standards)
    trend.addRow({ standard: x.title, now: x.mean ?? '', last: x.lastMean ?? '', change: change(x.mean, x.lastMean) })
  const findings = wb.addWorksheet('Findings')
  findings.columns = [
    { header: 'Theme', key: 'theme', width: 26 },
    { header: 'Finding', key: 'text', width: 80 },
    { header: 'Actions', key: 'actions', width: 30 },
  ]
  for (const [theme, list] of byTheme(s))
    for (const f of list) findings.addRow({ theme, text: f.text, actions: f.actions.join(', ') })
  for (const ws of [summary, ratings, trend, findings]) ws.getRow(1).font = { bold: true }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function send(res: Response, status: number, html: string) {
  res.setHeader(
    'content-security-policy',
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft",
  )
  res.setHeader('cache-control', 'no-store')
  res.setHeader('referrer-policy', 'no-referrer')
  res.status(status).type('html').send(html)
}

/** Mounts the audit page and its export; both read the summary through a link's signed token. */
export function mountAuditPages(app: Express, services: Services, log: Logger): void {
  const read = async (req: Request, res: Response) => {
    try {
      return await services.audits.readAuditPage(String(req.query.t ?? ''))
    } catch (error) {
      if (!isAppError(error)) log.error({ err: errorSummary(error), path: req.path }, 'audit page failed')
      const message = isAppError(error) ? error.userMessage : 'Sorry, the audit could not be shown. Please try again.'
      send(
        res,
        isAppError(error) ? (error.code === 'NOT_PERMITTED' ? 403 : 404) : 500,
        page('Audit', `<p>${esc(message)}</p>`),
      )
      return null
    }
  }
  app.get('/audits/page', async (req, res) => {
    const summary = await read(req, res)
    if (summary) send(res, 200, auditHtml(summary, `/audits/export.xlsx?t=${encodeURIComponent(String(req.query.t))}`))
  })
  app.get('/audits/export.xlsx', async (req, res) => {
    const summary = await read(req, res)
    if (!summary) return
    res.setHeader('cache-control', 'no-store')
    res.setHeader('content-disposition', `attachment; filename="${summary.reference}.xlsx"`)
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await auditWorkbook(summary))
  })
}
