/**
 * Dates of birth. A date is one when a cue is close before it ("DOB", "d.o.b.", "date of birth", "born",
 * "b.", "birthday"), when it follows another date of birth ("… 02/04/2013 and 17/10/2015"), or when it comes
 * straight after a person ("Olivia Hart (14/02/2016)", "Child A (12.03.2019)"). Incident and meeting dates
 * are left alone. Dates may be numeric (12/03/2019, 3.3.20), ISO (2019-03-12) or written (5th of June 2017).
 */
import type { Span } from './names.js'

const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?`
const DATES = [
  // 12/03/2019, 12.03.19, 3-3-2020
  /(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d]|[/.-]\d)/g,
  // 2019-03-12, 2020/01/15
  /(?<![\d/.-])(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?![\d]|[/.-]\d)/g,
  // 5th of June 2017, 1 April 2018, 12-Mar-2019
  new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?(?: of)?[ -]${MONTH},?[ -](?:\d{4}|\d{2})\b`, 'gi'),
  // June 5th, 2017
  new RegExp(String.raw`\b${MONTH} \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b`, 'gi'),
]
const CUE = /(?<![\p{L}])(?:d\.? ?o\.? ?b\.?|dates? of birth|birth ?dates?|birthdays?|born(?: on)?|b\.)(?![\p{L}])/giu
const AFTER_PERSON = /^ ?[,(]? ?$/
const PERSON_LABEL = /\b(?:child|sibling|baby|infant|young person|yp|adult|twin) [A-Z0-9]\b$/i

type DateSpan = Span & { text: string }

/** Is a numeric date a real calendar date (day 1–31, month 1–12)? Written dates are taken as they are. */
function plausible(m: RegExpMatchArray, iso: boolean): boolean {
  if (m[1] === undefined || m[3] === undefined) return true
  const [day, month] = iso ? [Number(m[3]), Number(m[2])] : [Number(m[1]), Number(m[2])]
  return day >= 1 && day <= 31 && month >= 1 && month <= 12
}

/** Every date in the text, in order. */
function findDates(text: string): DateSpan[] {
  const out: DateSpan[] = []
  const claimed = new Uint8Array(text.length + 1)
  DATES.forEach((pattern, index) => {
    for (const m of text.matchAll(pattern)) {
      if (index < 2 && !plausible(m, index === 1)) continue
      const start = m.index ?? 0
      const end = start + m[0].length
      if (claimed.subarray(start, end).includes(1)) continue
      claimed.fill(1, start, end)
      out.push({ start, end, text: m[0] })
    }
  })
  return out.sort((a, b) => a.start - b.start)
}

/** The dates that are dates of birth, given where the names in the text are (in order, not overlapping). */
export function findDatesOfBirth(text: string, names: Span[]): Span[] {
  const cueEnds = [...text.matchAll(CUE)].map((m) => (m.index ?? 0) + m[0].length)
  const births: Span[] = []
  // Dates, cues and names are all in text order, so one pass finds the nearest cue and name before each date.
  let cue = 0
  let name = 0
  for (const date of findDates(text)) {
    while (cue < cueEnds.length && cueEnds[cue]! <= date.start) cue++
    while (name < names.length && names[name]!.end <= date.start) name++
    const cueEnd = cueEnds[cue - 1]
    const between = cueEnd === undefined ? '' : text.slice(cueEnd, date.start)
    const cued = cueEnd !== undefined && between.length <= 30 && !/[\d.!?;]/.test(between.replace(/^\./, ''))
    const previous = births.at(-1)
    const chained = !!previous && /^(?:and|&|,|;|or)$/.test(text.slice(previous.end, date.start).trim())
    const lastName = names[name - 1]
    const afterName = !!lastName && AFTER_PERSON.test(text.slice(lastName.end, date.start))
    const before = text.slice(Math.max(0, date.start - 24), date.start)
    const afterLabel = PERSON_LABEL.test(before.replace(/ ?[,(]? ?$/, '')) && /[,(] ?$/.test(before)
    if (cued || chained || afterName || afterLabel) births.push(date)
  }
  return births
}
