/**
 * The yearly report's draft as files: a Word document (the `docx` package) with the period's figures, the same
 * charts as the tab (SVG, with a PNG drawn by resvg for Word processors that cannot show SVG, and the figures in
 * a table beside each), the reviews, action progress by agency and the lessons that came back; the underlying
 * data as an XLSX workbook (`exceljs`) and as CSV. Drawn from what services/insight returns; decides nothing.
 */
import { Resvg } from '@resvg/resvg-js'
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import ExcelJS from 'exceljs'
import type { Panel, YearlyReport } from '../../services/insight/index.js'
import { OBA_QUESTIONS } from '../../services/insight/index.js'
import { describeTrend, trendSvg } from '../charts.js'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
/** "3 March 2026". */
const longDate = (iso: string) =>
  `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`

/** A panel's figure in words: "60% of 5", "12", or why there is none. */
function figureText(p: Panel): string {
  if (p.value === null) return p.empty ?? 'Nothing to measure.'
  if (p.unit === 'points') return `${p.value > 0 ? '+' : ''}${p.value} points, from ${p.n} answers`
  return p.unit === 'share' ? `${p.value}% of ${p.n}` : p.value.toLocaleString('en-GB')
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] })

function table(head: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  })
}

async function chart(p: Panel): Promise<Paragraph | null> {
  if (!p.trend.some((t) => t.value)) return null
  const svg = await trendSvg(p.label, p.unit, p.trend)
  const size = svg.match(/width="(\d+)" height="(\d+)"/)
  const [width, height] = size ? [Number(size[1]), Number(size[2])] : [360, 200]
  const png = new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng()
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(svg),
        fallback: { type: 'png', data: png },
        transformation: { width, height },
        altText: { name: p.key, title: p.label, description: describeTrend(p.label, p.unit, p.trend) },
      }),
    ],
  })
}

async function panelBlocks(p: Panel): Promise<(Paragraph | Table)[]> {
  const blocks: (Paragraph | Table)[] = [
    new Paragraph({ text: p.label, heading: HeadingLevel.HEADING_3 }),
    new Paragraph({ children: [new TextRun({ text: figureText(p), bold: true })] }),
  ]
  const picture = await chart(p)
  if (picture) blocks.push(picture)
  blocks.push(
    table(
      p.unit === 'count' ? ['Quarter', 'Number'] : ['Quarter', 'Share', 'Of'],
      p.trend.map((t) => {
        const value = t.value === null ? '–' : p.unit === 'share' ? `${t.value}%` : String(t.value)
        return p.unit === 'count' ? [t.quarter, value] : [t.quarter, value, String(t.n)]
      }),
    ),
  )
  if (p.breakdown?.length)
    blocks.push(
      new Paragraph({ text: 'By agency', heading: HeadingLevel.HEADING_4 }),
      table(
        ['Agency', 'On time', 'Due'],
        p.breakdown.map((b) => [b.label, b.value === null ? '–' : `${b.value}%`, String(b.n)]),
      ),
    )
  if (p.story)
    blocks.push(
      new Paragraph({
        children: [
          new TextRun({ text: 'The story behind the curve: ', bold: true }),
          new TextRun({ text: `${p.story.text} (${p.story.by}, ${longDate(p.story.on)})`, italics: true }),
        ],
      }),
    )
  return blocks
}

/** The draft yearly report as a Word document. */
export async function yearlyReportDocx(r: YearlyReport): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: `${r.partnership}: yearly report (draft)`, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: `For ${longDate(r.from)} to ${longDate(r.to)}.` }),
    new Paragraph({
      children: [
        new TextRun({
          text:
            `Drafted by Learning Loop for ${r.generatedBy} on ${longDate(r.generatedOn)}. The figures are counts, ` +
            'dates and references only: no child or family can be identified from them. Edit this draft before publishing.',
          italics: true,
        }),
      ],
    }),
  ]
  for (const [question, title] of Object.entries(OBA_QUESTIONS)) {
    const panels = r.dashboard.panels.filter((p) => p.question === question)
    if (!panels.length) continue
    children.push(new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 }))
    for (const p of panels) children.push(...(await panelBlocks(p)))
  }
  children.push(new Paragraph({ text: 'Reviews undertaken and published', heading: HeadingLevel.HEADING_1 }))
  children.push(
    r.reviews.length
      ? table(
          ['Reference', 'Type', 'Started', 'Status', 'Published'],
          r.reviews.map((v) => [
            v.reference,
            v.type,
            longDate(v.started),
            v.status,
            v.publishedOn ? longDate(v.publishedOn) : '–',
          ]),
        )
      : new Paragraph({ text: 'No review was started or published in this period.' }),
  )
  children.push(new Paragraph({ text: 'Lessons that came back', heading: HeadingLevel.HEADING_1 }))
  const answered = r.recurrences.filter((f) => f.response).length
  children.push(
    new Paragraph({
      text: r.recurrences.length
        ? `${r.recurrences.length} finding${r.recurrences.length === 1 ? '' : 's'} showed learning that did not transfer; ` +
          `the chairs answered ${answered}.`
        : 'No lesson came back in this period: no new finding repeated a theme whose actions had been verified.',
    }),
  )
  for (const f of r.recurrences)
    children.push(
      new Paragraph({
        bullet: { level: 0 },
        children: [
          new TextRun(f.sentence),
          new TextRun({ text: f.response ? ` Response: ${f.response.label}.` : ' Not answered yet.', bold: true }),
        ],
      }),
    )
  const doc = new Document({
    creator: 'Learning Loop',
    title: `${r.partnership} yearly report (draft)`,
    description: `Figures for ${r.from} to ${r.to}`,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [{ children: [...children, new Paragraph({ alignment: AlignmentType.CENTER, text: '' })] }],
  })
  return Packer.toBuffer(doc)
}

/** Every figure of the report, one row per panel and quarter: measure, question, quarter, value, of. */
function figureRows(r: YearlyReport): (string | number | null)[][] {
  return r.dashboard.panels.flatMap((p) =>
    p.trend.map((t) => [
      p.key,
      p.label,
      OBA_QUESTIONS[p.question],
      t.quarter,
      t.value,
      p.unit === 'count' ? null : t.n,
    ]),
  )
}

const FIGURE_HEAD = ['Measure', 'Label', 'Question', 'Quarter', 'Value', 'Of']

/** The report's data as an XLSX workbook: figures by quarter, actions by agency, reviews, recurrences. */
export async function yearlyReportXlsx(r: YearlyReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = 'Learning Loop'
  const sheet = (name: string, head: string[], rows: (string | number | null)[][]) => {
    const s = book.addWorksheet(name)
    s.addRow(head).font = { bold: true }
    for (const row of rows) s.addRow(row)
    s.columns.forEach((c) => {
      c.width = 22
    })
  }
  sheet('Figures by quarter', FIGURE_HEAD, figureRows(r))
  const byAgency = r.dashboard.panels.find((p) => p.breakdown)?.breakdown ?? []
  sheet(
    'Actions by agency',
    ['Agency', 'On time (%)', 'Due'],
    byAgency.map((b) => [b.label, b.value, b.n]),
  )
  sheet(
    'Reviews',
    ['Reference', 'Type', 'Started', 'Status', 'Published'],
    r.reviews.map((v) => [v.reference, v.type, v.started, v.status, v.publishedOn ?? null]),
  )
  sheet(
    'Lessons that came back',
    ['Theme', 'Finding in', 'Raised', 'Earlier actions', 'Response'],
    r.recurrences.map((f) => [
      f.theme,
      f.findingReference,
      f.raisedOn,
      f.earlier.map((a) => a.reference).join(', '),
      f.response?.label ?? null,
    ]),
  )
  return Buffer.from(await book.xlsx.writeBuffer())
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v)
  // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The report's figures as CSV, one row per measure and quarter. */
export function yearlyReportCsv(r: YearlyReport): string {
  return [FIGURE_HEAD, ...figureRows(r)].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
