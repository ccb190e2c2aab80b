/**
 * The yearly report's draft (issue 15) through the tab, on a real PostgreSQL: the business manager downloads it
 * as a Word document (a valid .docx: its word/document.xml is read back), as XLSX (read back with exceljs) and
 * as CSV, each with the period's figures; generating it is recorded and audited. Others are refused, and a
 * period that ends before it starts is refused next to the field.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness, type PersonKey } from './support/harness.js'
import { insertKnownActions, tabToken } from './support/insight-data.js'
import { unzipEntry } from './support/unzip.js'

let h: Harness
const NOW = new Date('2026-11-24T10:00:00Z')

async function download(who: PersonKey, body: Record<string, string>) {
  const res = await fetch(`${h.app.url}/tab/api/yearly-report`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tabToken(h.app.url, who)}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { res, bytes: Buffer.from(await res.arrayBuffer()) }
}

const PERIOD = { from: '2026-01-01', to: '2026-11-24' }

beforeAll(async () => {
  h = await startHarness({ clock: { now: () => NOW } })
  await insertKnownActions(h.app.db)
  const res = await fetch(`${h.app.url}/tab/api/story`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tabToken(h.app.url, 'claire')}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      panelKey: 'actions-on-time',
      kind: 'partnership',
      text: 'Police actions slipped in spring.',
    }),
  })
  expect(res.status).toBe(200)
})
afterAll(() => h?.stop())

describe('the yearly report', () => {
  it('downloads as a Word document with the figures, the charts and the stories of the period', async () => {
    const { res, bytes } = await download('claire', { ...PERIOD, format: 'docx' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('yearly-report-2026-01-01-to-2026-11-24.docx')
    const xml = unzipEntry(bytes, 'word/document.xml').toString('utf8')
    const text = xml.replace(/<[^>]+>/g, '')
    expect(text).toContain('Northshire Safeguarding Children Partnership: yearly report (draft)')
    expect(text).toContain('For 1 January 2026 to 24 November 2026.')
    expect(text).toContain('Actions completed by their due date60% of 5')
    expect(text).toContain('Police actions slipped in spring. (Claire Dunn, 24 November 2026)')
    expect(text).toContain('No lesson came back in this period')
    // The chart goes in as SVG with a PNG for Word processors that cannot show SVG, and a text alternative.
    expect(xml).toMatch(/descr="Actions completed by their due date\. Jan–Mar 2026: 75%/)
    const rels = unzipEntry(bytes, 'word/_rels/document.xml.rels').toString('utf8')
    expect(rels).toMatch(/\.svg"/)
    expect(rels).toMatch(/\.png"/)
  })

  it('downloads its data as XLSX and CSV', async () => {
    const xlsx = await download('claire', { ...PERIOD, format: 'xlsx' })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Figures by quarter',
      'Actions by agency',
      'Reviews',
      'Lessons that came back',
    ])
    const byAgency = book.getWorksheet('Actions by agency')!
    expect(byAgency.getRow(2).values).toEqual([undefined, 'Northshire NHS Foundation Trust', 66.7, 3])
    const csv = (await download('claire', { ...PERIOD, format: 'csv' })).bytes.toString('utf8')
    expect(csv.split('\r\n')[0]).toBe('Measure,Label,Question,Quarter,Value,Of')
    expect(csv).toContain(
      'actions-on-time,Actions completed by their due date,How well did we do it?,Jan–Mar 2026,75,4',
    )
  })

  it('records each draft: who, when and which period, in the audit log', async () => {
    const runs = await h.app.db.yearlyReportRun.findMany()
    expect(runs).toHaveLength(3)
    const events = await h.app.db.auditEvent.findMany({ where: { action: 'YEARLY_REPORT_GENERATED' } })
    expect(events.map((e) => e.after)).toContainEqual({ from: '2026-01-01', to: '2026-11-24' })
  })

  it('is refused to a sub-group chair, and a period that ends before it starts is refused next to the field', async () => {
    const refused = await download('gareth', { ...PERIOD, format: 'docx' })
    expect(refused.res.status).toBe(403)
    const backwards = await download('claire', { from: '2026-06-01', to: '2026-01-01', format: 'docx' })
    expect(backwards.res.status).toBe(400)
    expect(JSON.parse(backwards.bytes.toString('utf8')).fieldErrors.to).toBe('The period must end after it starts.')
    expect(await h.app.db.yearlyReportRun.count()).toBe(3)
  })
})
