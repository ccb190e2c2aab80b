/**
 * Issue 11 item 9, through the Teams protocol and a real PostgreSQL: a due date counted in calendar months
 * never lands on a weekend or bank holiday, a statutory clock that has passed is flagged overdue on the
 * screening card, and every date is shown one way ("Tue 1 Jun 2027"), never as a raw ISO date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cardOf, cardText } from './support/fake-connector.js'
import { eventually, startHarness, type Harness } from './support/harness.js'

const clock = {
  // Monday 30 Nov 2026: six months on is Sunday 30 May 2027, and Monday 31 May 2027 is a bank holiday.
  at: new Date('2026-11-30T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
let h: Harness
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/

beforeAll(async () => {
  h = await startHarness({ clock })
})
afterAll(async () => h?.stop())

describe('dates (issue 11 item 9)', () => {
  it('moves a due date counted in calendar months to the next working day', async () => {
    const started = await h.teams.invoke('claire', 'review.start', {
      typeKey: 'lcspr',
      caseReference: 'NSCP-2026-0077',
      agencies: 'csc',
    })
    expect(cardText(started.card)).toContain('Review started for NSCP-2026-0077')
    const review = await h.app.db.review.findFirstOrThrow({ where: { reference: 'NSCP-2026-0077' } })
    const published = await h.app.db.milestone.findFirstOrThrow({ where: { reviewId: review.id, key: 'published' } })
    expect(published.dueDate.toISOString().slice(0, 10)).toBe('2027-06-01')
    const before = h.connector.sentTo('a:personal-claire').length
    await h.teams.message('claire', 'review NSCP-2026-0077')
    const card = await eventually(
      () =>
        h.connector
          .sentTo('a:personal-claire')
          .slice(before)
          .map(cardOf)
          .find((c) => cardText(c).includes('NSCP-2026-0077')),
      'the review card',
    )
    expect(cardText(card)).toContain('Tue 1 Jun 2027')
    expect(cardText(card)).not.toContain('Sun 30 May 2027')
    expect(cardText(card)).not.toMatch(ISO_DATE)
  })

  it('flags a rapid review clock that has passed as overdue on the screening card', async () => {
    const form = (await h.teams.invoke('priya', 'open:referral.submit', {})).card
    const formToken = JSON.stringify(form).match(/"formToken":"([0-9a-f-]{36})"/)![1]!
    const submitted = await h.teams.invoke('priya', 'referral.submit', {
      formToken,
      caseReference: 'HV-2026-2001',
      ageBand: 'under-1',
      incidentDate: '2026-11-26',
      awarenessDate: '2026-11-27',
      criteria: 'abuse-or-neglect,seriously-harmed',
      agencies: 'police,csc',
      whatHappened: 'Infant admitted to hospital with unexplained bruising after several missed health visits.',
      whyReview: 'Health and police held different information and it was not shared in time.',
    })
    const reference = /NSCP-2026-\d{4}/.exec(cardText(submitted.card))![0]
    const referral = await h.app.db.referral.findUniqueOrThrow({ where: { reference } })
    const onTime = cardText((await h.teams.invoke('helen', 'referral.refresh', { referralId: referral.id })).card)
    expect(onTime).toContain('Rapid review to the Panel by\nFri 18 Dec 2026 (provisional)')
    expect(onTime).not.toContain('overdue')

    clock.at = new Date('2026-12-21T10:00:00Z')
    const late = cardText((await h.teams.invoke('helen', 'referral.refresh', { referralId: referral.id })).card)
    expect(late).toContain('Rapid review to the Panel by\nFri 18 Dec 2026 (provisional): overdue')
    expect(late).toContain('Notify the national Panel by\nFri 4 Dec 2026 (provisional): overdue')
    expect(late).not.toMatch(ISO_DATE)
  })
})
