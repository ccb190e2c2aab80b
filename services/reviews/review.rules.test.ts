/** Pure review rules: a new review's timeline, and the refusals for identifying details and lost races. */
import { describe, expect, it } from 'vitest'
import { AppError } from '../../lib/errors.js'
import {
  agencyOfLabel,
  changedMeanwhile,
  dueDateOf,
  dueInMonths,
  earliestPublication,
  periodWords,
  planMilestones,
  refuseSensitive,
} from './review.rules.js'
import { DEFAULT_REVIEW_TYPES, type MilestoneTemplate, ZMilestoneTemplate } from './review.schema.js'

const templatesOf = (key: string): MilestoneTemplate[] =>
  DEFAULT_REVIEW_TYPES.find((t) => t.key === key)!.milestones.map((m) => ZMilestoneTemplate.parse(m))

const who = {
  withRole: (role: string) =>
    ({ 'business-manager': { id: 'claire' }, 'independent-chair': { id: 'robert' } })[role] ?? null,
  chairOf: (group: string) => (group === 'case-review' ? { id: 'helen' } : null),
  leadOf: (agency: string) => (agency === 'police' ? { id: 'dana' } : null),
  partnershipChair: () => ({ id: 'mark' }),
}
const names = (key: string) => ({ police: 'Northshire Police', health: 'Northshire NHS Foundation Trust' })[key] ?? key
const anchors = { awareness: '2026-11-02', start: '2026-11-03' }

describe('planMilestones', () => {
  it("plans a serious incident's rapid review: one request per agency, the Panel notification, the meeting", () => {
    const plan = planMilestones(
      templatesOf('rapid-review'),
      { anchors, agencies: ['police', 'health'], isSeriousIncident: true, owningSubGroupKey: 'case-review' },
      who,
      names,
    )
    expect(plan.map((m) => [m.key, m.dueDate, m.responsiblePersonId])).toEqual([
      ['panel-notification', '2026-11-09', 'claire'],
      ['agency-information:police', '2026-11-16', 'dana'],
      // No safeguarding lead for health in this partnership: the business manager follows it up.
      ['agency-information:health', '2026-11-16', 'claire'],
      ['rapid-review-meeting', '2026-11-18', 'helen'],
      ['sent-to-panel', '2026-11-23', 'claire'],
    ])
    expect(plan[2]!.label).toBe('Agency chronology summary and immediate learning: Northshire NHS Foundation Trust')
    expect(agencyOfLabel(plan[2]!.label)).toBe('Northshire NHS Foundation Trust')
  })

  it('leaves out the Panel notification when the serious-incident criteria are not met', () => {
    const plan = planMilestones(
      templatesOf('rapid-review'),
      { anchors, agencies: [], isSeriousIncident: false, owningSubGroupKey: 'case-review' },
      who,
      names,
    )
    expect(plan.map((m) => m.key)).toEqual(['rapid-review-meeting', 'sent-to-panel'])
  })

  it("gives the lead reviewer's milestones of an LCSPR to the owning chair, counted from the start", () => {
    const plan = planMilestones(
      templatesOf('lcspr'),
      { anchors, agencies: [], isSeriousIncident: true, owningSubGroupKey: 'case-review' },
      who,
      names,
    )
    expect(plan.find((m) => m.key === 'draft-report')).toMatchObject({
      dueDate: '2027-03-03',
      responsiblePersonId: 'helen',
    })
    // The partnership chair publishes; the business manager sends the advance copy.
    expect(plan.find((m) => m.key === 'published')).toMatchObject({ responsiblePersonId: 'mark' })
    expect(plan.find((m) => m.key === 'sent-before-publication')).toMatchObject({ responsiblePersonId: 'claire' })
  })

  it('counts the advance copy and "kept online" from publication, not from the start (issue 9, item 7)', () => {
    const plan = planMilestones(
      templatesOf('lcspr'),
      { anchors, agencies: [], isSeriousIncident: true, owningSubGroupKey: 'case-review' },
      who,
      names,
    )
    const due = (key: string) => plan.find((m) => m.key === key)?.dueDate
    // 6 months from the start is Mon 3 May 2027, a bank holiday: due to be published Tue 4 May 2027.
    expect(due('published')).toBe('2027-05-04')
    // 7 working days before Tue 4 May: Mon 3 May 2027 is a bank holiday, so Fri 30 Apr is 1.
    expect(due('sent-before-publication')).toBe('2027-04-22')
    expect(due('kept-online')).toBe('2028-05-04')
  })
})

describe('dueDateOf', () => {
  it('moves a date counted in calendar months off a weekend or bank holiday', () => {
    // 6 months from Mon 29 Nov 2026 is Sat 29 May 2027; Mon 31 May is a bank holiday, so Tue 1 Jun 2027.
    const sixMonths = { due: { amount: 6, unit: 'calendar-months' as const }, from: 'start' as const }
    expect(dueDateOf(sixMonths, { awareness: '2026-11-29', start: '2026-11-29' })).toBe('2027-06-01')
    expect(dueInMonths('2026-11-28', 3)).toBe('2027-03-01') // Sun 28 Feb 2027 to Mon 1 Mar
  })

  it('counts from the publication date once it is known', () => {
    const keptOnline = { due: { amount: 12, unit: 'calendar-months' as const }, from: 'publication' as const }
    expect(dueDateOf(keptOnline, { ...anchors, publication: '2027-06-14' })).toBe('2028-06-14')
    const advance = { ...keptOnline, due: { amount: 7, unit: 'working-days' as const }, before: true }
    expect(dueDateOf(advance, { ...anchors, publication: '2027-06-14' })).toBe('2027-06-03')
  })
})

describe('refusals', () => {
  it('asks to edit or confirm free text that may identify a child, per field', () => {
    expect(() => refuseSensitive({ voiceOfChild: 'The child was hungry and tired at school.' }, false)).not.toThrow()
    let thrown: unknown
    try {
      refuseSensitive({ voiceOfChild: 'Jayden Smith, born 03/04/2019, was hungry at school.' }, false)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect((thrown as AppError).code).toBe('SENSITIVE_TEXT')
    expect(Object.keys((thrown as AppError).fieldErrors)).toEqual(['voiceOfChild'])
    expect(() =>
      refuseSensitive({ voiceOfChild: 'Jayden Smith, born 03/04/2019, was hungry at school.' }, true),
    ).not.toThrow()
  })

  it('tells the loser of a race that someone else changed the review', () => {
    expect(changedMeanwhile('NSCP-2026-0001')).toMatchObject({
      code: 'ALREADY_DONE',
      userMessage: 'NSCP-2026-0001 was changed by someone else a moment ago. Please look at it again.',
    })
  })
})

describe('the advance copy', () => {
  it('allows publication its period after the full report was sent, whatever unit the setting uses', () => {
    // Sent Tue 4 May 2027: 7 working days on is Thu 13 May (WT2023 ch.5, to be confirmed: DOMAIN.md 1.7).
    expect(earliestPublication({ due: { amount: 7, unit: 'working-days' } }, '2027-05-04')).toBe('2027-05-13')
    expect(earliestPublication({ due: { amount: 10, unit: 'calendar-days' } }, '2027-05-04')).toBe('2027-05-14')
    expect(periodWords({ amount: 7, unit: 'working-days' })).toBe('7 working days')
    expect(periodWords({ amount: 1, unit: 'calendar-months' })).toBe('1 calendar month')
  })
})
