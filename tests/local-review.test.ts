/**
 * Issue 4: from an approved rapid review recommendation to a published local child safeguarding practice
 * review, through the Teams protocol and a real PostgreSQL: independence check, terms of reference,
 * practitioners' perspectives, family involvement, voice of the child, findings, recommendations,
 * milestones to publication; and editing review types (business manager only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../lib/errors.js'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { peopleService } from '../services/people/index.js'
import { setTermsOfReference } from '../services/reviews/index.js'
import { cardOf, cardText, verbsIn } from './support/fake-connector.js'
import { eventually, person, startHarness, type Harness, type PersonKey } from './support/harness.js'

const clock = { at: new Date('2026-11-03T10:00:00Z'), now() { return new Date(this.at) } }
let h: Harness
let reviewId = ''
const chat = (key: PersonKey) => `a:personal-${key}`
const lastCard = (key: PersonKey) => cardOf(h.connector.sentTo(chat(key)).at(-1))

beforeAll(async () => {
  h = await startHarness({ clock, env: { SLACK_CASE_REVIEW_CHANNEL: '' } })
  await h.teams.channelMessage('claire', 'set channel case-review')
  for (const key of ['priya', 'tom', 'dana', 'sam', 'helen', 'robert', 'claire', 'mark', 'kate'] as const) await h.teams.message(key, 'my referrals')
  await h.teams.message('priya', 'referral')
  const token = JSON.stringify(lastCard('priya')).match(/"formToken":"([0-9a-f-]{36})"/)![1]
  await h.teams.invoke('priya', 'referral.submit', {
    formToken: token, caseReference: 'HV-2026-3001', ageBand: '5-9', incidentDate: '2026-11-01', awarenessDate: '2026-11-02',
    criteria: 'abuse-or-neglect,died', agencies: 'police', whatHappened: 'A child died at home; neglect had been suspected for months.', whyReview: 'Signs were seen by several agencies.',
  })
  const referral = await h.app.db.referral.findFirstOrThrow()
  await h.teams.invoke('helen', 'referral.start-rapid-review', { referralId: referral.id })
  const rr = await h.app.db.review.findFirstOrThrow({ where: { typeKey: 'rapid-review' } })
  await h.teams.invoke('helen', 'review.record-outcome', {
    reviewId: rr.id, tests: 'improvements-needed,recurring-themes', recommendation: 'lcspr',
    immediateLearning: 'Neglect toolkit to be used at every health visit.', rationale: 'Recurring neglect themes across agencies.',
  })
  clock.at = new Date('2026-11-20T10:00:00Z')
  const approved = await h.teams.invoke('mark', 'review.approve', { reviewId: rr.id, decision: 'approve' })
  expect(cardText(approved.card)).toContain('You approved the recommendation')
  reviewId = (await h.app.db.review.findFirstOrThrow({ where: { typeKey: 'lcspr' } })).id
})
afterAll(async () => h?.stop())

describe('a local child safeguarding practice review', () => {
  it('is commissioned on approval, due 6 months from the decision, with its milestones', async () => {
    const review = await h.app.db.review.findUniqueOrThrow({ where: { id: reviewId }, include: { milestones: { orderBy: { dueDate: 'asc' } } } })
    expect(review.dueBy?.toISOString().slice(0, 10)).toBe('2027-05-20')
    expect(review.milestones.map((m) => m.key)).toEqual(expect.arrayContaining(['terms-of-reference', 'practitioner-event', 'family-invited', 'draft-report', 'final-report', 'sent-before-publication', 'published']))
    await h.teams.message('helen', 'review NSCP-2026-0001')
    const text = cardText(lastCard('helen'))
    expect(text).toContain('Local child safeguarding practice review (formerly serious case review)')
    expect(text).toContain('Thu 20 May 2027')
    expect(text).toContain("Not yet recorded (required)")
    expect(verbsIn(lastCard('helen'))).toEqual(expect.arrayContaining(['review.set-lead-reviewer', 'review.set-terms', 'review.invite', 'review.family', 'review.voice-of-child', 'review.add-learning-point']))
  })

  it('refuses a lead reviewer who has worked for an agency involved in the case, with the reason', async () => {
    const refused = await h.teams.invoke('helen', 'review.set-lead-reviewer', { reviewId, name: 'Pat Jones', organisation: 'Independent', agencies: 'police,probation' })
    expect(cardText(refused.card)).toContain('Pat Jones belongs to or has worked for Northshire Police, which was involved in this case.')
    expect((await h.app.db.review.findUniqueOrThrow({ where: { id: reviewId } })).leadReviewerName).toBeNull()
    // Probation was not involved: that history is fine.
    const ok = await h.teams.invoke('helen', 'review.set-lead-reviewer', { reviewId, name: 'Pat Jones', organisation: 'Independent', agencies: 'probation' })
    expect(cardText(ok.card)).toContain('Lead reviewer saved for NSCP-2026-0001')
    expect(cardText(ok.card)).toContain('Pat Jones, Independent')
    const priya = await h.teams.invoke('priya', 'review.set-terms', { reviewId, termsOfReference: 'x'.repeat(30) })
    expect(cardText(priya.card)).toContain('Only the chair of the Case Review Group or the business manager can change this review.')
  })

  it('agrees terms, invites practitioners and takes their perspective, blame-free', async () => {
    const terms = await h.teams.invoke('helen', 'review.set-terms', { reviewId, termsOfReference: 'How did agencies recognise and respond to neglect between January and October 2026?' })
    expect(cardText(terms.card)).toContain('Terms of reference agreed')
    const tom = await h.app.db.person.findFirstOrThrow({ where: { key: 'tom' } })
    const sam = await h.app.db.person.findFirstOrThrow({ where: { key: 'sam' } })
    const before = h.connector.sentTo(chat('tom')).length
    const invited = await h.teams.invoke('helen', 'review.invite', { reviewId, people: `${tom.id},${sam.id}` })
    expect(cardText(invited.card)).toContain('2 invited, 0 perspectives added')
    const invitation = await eventually(() => h.connector.sentTo(chat('tom')).slice(before).map(cardOf).find((c) => cardText(c).includes('your perspective')), 'invitation to Tom')
    expect(cardText(invitation)).toContain('not blame')
    expect(verbsIn(invitation)).toEqual(['review.add-perspective'])
    const priya = await h.teams.invoke('priya', 'review.add-perspective', { reviewId, wentWell: 'Something went well.', wasHard: 'It was hard.', wouldHelp: 'More time.' })
    expect(cardText(priya.card)).toContain('Only practitioners invited to the learning event can add their perspective.')
    const added = await h.teams.invoke('tom', 'review.add-perspective', { reviewId, wentWell: 'Good joint visits.', wasHard: 'Caseload meant visits slipped.', wouldHelp: 'Shared chronology.' })
    expect(cardText(added.card)).toContain('Perspective added to NSCP-2026-0001')
  })

  it('of two edits at once, one is saved and the other is told someone else changed the review', async () => {
    const helen = await peopleService.resolveActor(
      { db: h.app.db, clock }, { platform: 'teams', aadObjectId: person('helen').teamsAadObjectId },
    )
    // Both edits read the review before either writes: each waits at its transaction until the other arrives.
    let arrived = 0
    let open!: () => void
    const gate = new Promise<void>((resolve) => { open = resolve })
    const db = new Proxy(h.app.db, {
      get(target, key) {
        const value = Reflect.get(target, key)
        if (key !== '$transaction') return value
        return async (...args: unknown[]) => {
          if (++arrived === 2) open()
          await gate
          return (value as (...a: unknown[]) => unknown).apply(target, args)
        }
      },
    })
    const texts = [
      'How did agencies share what they knew about neglect?',
      'How did agencies hear the child between January and October?',
    ]
    const edit = (termsOfReference: string) => setTermsOfReference({ db, clock }, helen, { reviewId, termsOfReference })
    const results = await Promise.allSettled(texts.map(edit))
    const saved = results.flatMap((r, i) => (r.status === 'fulfilled' ? [texts[i]] : []))
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    expect(saved).toHaveLength(1)
    expect(refused).toHaveLength(1)
    expect(refused[0]).toBeInstanceOf(AppError)
    expect((refused[0] as AppError).code).toBe('ALREADY_DONE')
    expect((refused[0] as AppError).userMessage).toBe(
      'NSCP-2026-0001 was changed by someone else a moment ago. Please look at it again.',
    )
    expect((await h.app.db.review.findUniqueOrThrow({ where: { id: reviewId } })).termsOfReference).toBe(saved[0])
  })

  it('records the family offer, and needs a reason when involving them is not appropriate', async () => {
    const noReason = await h.teams.invoke('helen', 'review.family', { reviewId, status: 'not-appropriate', reason: '' })
    expect(cardText(noReason.card)).toContain('Say why it is not appropriate')
    const ok = await h.teams.invoke('helen', 'review.family', { reviewId, status: 'accepted' })
    expect(cardText(ok.card)).toContain('The family accepted')
  })

  it('needs the voice of the child and findings before the final report, and tags findings with themes', async () => {
    const final = await h.app.db.milestone.findFirstOrThrow({ where: { reviewId, key: 'final-report' } })
    const early = await h.teams.invoke('helen', 'milestone.complete', { milestoneId: final.id, reviewId })
    expect(cardText(early.card)).toContain("The final report needs the child's lived experience")
    const badTheme = await h.teams.invoke('helen', 'review.add-learning-point', { reviewId, kind: 'improvement', text: 'Neglect was seen but not named as neglect.', themes: 'Astrology' })
    expect(cardText(badTheme.card)).toContain("Choose themes from the partnership's list")
    await h.teams.invoke('helen', 'review.voice-of-child', { reviewId, voiceOfChild: 'School noticed the child was often hungry and said they were tired; no one asked them about home.' })
    const lp = await h.teams.invoke('helen', 'review.add-learning-point', { reviewId, kind: 'improvement', text: 'Neglect was seen but not named as neglect.', themes: 'Neglect,Professional curiosity' })
    expect(cardText(lp.card)).toContain('Area for improvement: Neglect was seen but not named as neglect. [Neglect, Professional curiosity]')
    const point = await h.app.db.learningPoint.findFirstOrThrow({ where: { reviewId } })
    const rec = await h.teams.invoke('helen', 'review.add-recommendation', { reviewId, recommendation: 'All agencies use the neglect toolkit and record the child\u2019s daily life.', learningPoints: point.id })
    expect(cardText(rec.card)).toContain('Recommendations (1)')
  })

  it('is published only after it is sent to the Panel and the Secretary of State, with its address', async () => {
    const ms = await h.app.db.milestone.findMany({ where: { reviewId }, orderBy: { dueDate: 'asc' } })
    const publish = ms.find((m) => m.key === 'published')!
    const early = await h.teams.invoke('claire', 'milestone.complete', { milestoneId: publish.id, reviewId, publicationUrl: 'https://northshire.example/reviews/child-a' })
    expect(cardText(early.card)).toContain('Send the report to the national Panel and the Secretary of State before it is published.')
    const keptOnline = ms.find((m) => m.key === 'kept-online')!
    const tooEarly = await h.teams.invoke('claire', 'milestone.complete', { milestoneId: keptOnline.id, reviewId })
    expect(cardText(tooEarly.card)).toContain('The report has to be published before it can be kept online.')
    for (const m of ms.filter((x) => !['published', 'terms-of-reference', 'family-invited', 'kept-online'].includes(x.key))) {
      const res = await h.teams.invoke('helen', 'milestone.complete', { milestoneId: m.id, reviewId })
      expect(cardText(res.card)).toMatch(/Milestone done|already done/)
    }
    const noUrl = await h.teams.invoke('claire', 'milestone.complete', { milestoneId: publish.id, reviewId })
    expect(cardText(noUrl.card)).toContain('Enter the web address where the report is published.')
    const beforeTom = h.connector.sentTo(chat('tom')).length
    const done = await h.teams.invoke('claire', 'milestone.complete', { milestoneId: publish.id, reviewId, publicationUrl: 'https://northshire.example/reviews/child-a' })
    // The LCSPR's learning audience (Case Review Group, Learning and Development, Executive) is told at once:
    // publishing asks for delivery after it commits (no sweep runs in these tests).
    const sentToTom = () => h.connector.sentTo(chat('tom')).slice(beforeTom).map(cardOf)
    const told = await eventually(() => sentToTom().find((c) => cardText(c).includes('is published')), 'the notice')
    expect(JSON.stringify(told)).toContain('https://northshire.example/reviews/child-a')
    expect(cardText(done.card)).toContain('NSCP-2026-0001 is published.')
    expect((await h.app.db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('PUBLISHED')
    // A year later the business manager confirms it stayed online.
    expect(verbsIn(done.card)).toContain('milestone.complete')
    expect(verbsIn(done.card)).not.toContain('review.set-terms')
    // Its recommendations can still be turned into actions.
    expect(verbsIn(done.card)).toContain('open:action.create')
    const kept = await h.teams.invoke('claire', 'milestone.complete', { milestoneId: keptOnline.id, reviewId })
    expect(cardText(kept.card)).toContain('Milestone done for NSCP-2026-0001')
    await h.teams.message('helen', 'review status')
    expect(cardText(lastCard('helen'))).not.toContain('local child safeguarding')
    expect((await verifyAuditChain(h.app.db)).problems).toEqual([])
  })
})

describe('review types', () => {
  it('are data the business manager can change, and no one else', async () => {
    await h.teams.message('helen', 'review types')
    const card = lastCard('helen')
    expect(cardText(card)).toContain('panel-notification: Serious incident notified to the national Panel, 5 working days after awareness')
    expect(verbsIn(card)).not.toContain('review.edit-type')
    const refused = await h.teams.invoke('helen', 'review.edit-type', { typeKey: 'rapid-review', milestoneKey: 'agency-information', amount: '8', unit: 'working-days' })
    expect(cardText(refused.card)).toContain('Only the partnership business manager can change review types.')
    await h.teams.message('claire', 'review types')
    expect(verbsIn(lastCard('claire'))).toContain('review.edit-type')
    const bad = await h.teams.invoke('claire', 'review.edit-type', { typeKey: 'rapid-review', milestoneKey: 'nope', amount: '8', unit: 'working-days' })
    expect(cardText(bad.card)).toContain('Choose one of: panel-notification, agency-information')
    const ok = await h.teams.invoke('claire', 'review.edit-type', { typeKey: 'rapid-review', milestoneKey: 'agency-information', amount: '8', unit: 'working-days' })
    expect(cardText(ok.card)).toContain('now falls due 8 working days after the agency became aware')
    const type = await h.app.db.reviewType.findFirstOrThrow({ where: { key: 'rapid-review' } })
    expect((type.milestones as any[]).find((m) => m.key === 'agency-information').due).toEqual({ amount: 8, unit: 'working-days' })
  })
})

describe('learning themes', () => {
  it('are a list the business manager edits from chat, which new findings choose from', async () => {
    await h.teams.message('helen', 'themes')
    expect(cardText(lastCard('helen'))).toContain('Voice of the child')
    expect(verbsIn(lastCard('helen'))).toEqual([])
    const refused = await h.teams.invoke('helen', 'themes.set', { themes: 'Neglect' })
    expect(cardText(refused.card)).toContain('Only the partnership business manager can change review types.')
    await h.teams.message('claire', 'themes')
    expect(verbsIn(lastCard('claire'))).toEqual(['open:themes.set'])
    const form = await h.teams.invoke('claire', 'open:themes.set', {})
    expect(JSON.stringify(form.card)).toContain('Neglect\\nVoice of the child')
    const saved = await h.teams.invoke('claire', 'themes.set', { themes: 'Neglect\nVoice of the child\nExploitation\n\nNeglect' })
    expect(cardText(saved.card)).toContain('New findings can be tagged with: Neglect, Voice of the child, Exploitation.')
    const empty = await h.teams.invoke('claire', 'themes.set', { themes: '\n' })
    expect(cardText(empty.card)).toContain('List the themes, one per line.')
  })
})

describe('other reviews', () => {
  it("starts a single-agency review for one agency, with that agency lead's milestone", async () => {
    const priya = await h.teams.invoke('priya', 'open:review.start', {})
    expect(cardText(priya.card)).toContain('Only the chair of the Case Review Group or the business manager can change this review.')
    await h.teams.message('claire', 'new review')
    expect(verbsIn(lastCard('claire'))).toEqual(['review.start'])
    const two = await h.teams.invoke('claire', 'review.start', { typeKey: 'single-agency', caseReference: 'POL-2026-77', agencies: 'police,health' })
    expect(cardText(two.card)).toContain('Choose the one agency whose review this is.')
    const ok = await h.teams.invoke('claire', 'review.start', { typeKey: 'single-agency', caseReference: 'POL-2026-77', agencies: 'police' })
    expect(cardText(ok.card)).toContain('Review started for POL-2026-77')
    expect(cardText(ok.card)).toContain('Single-agency review notified to the partnership')
    const dana = await h.app.db.person.findFirstOrThrow({ where: { key: 'dana' } })
    const m = await h.app.db.milestone.findFirstOrThrow({ where: { key: 'findings-shared:police' } })
    expect(m.responsiblePersonId).toBe(dana.id)
  })

  it('turns a CDOP finding of possible abuse or neglect into a referral for screening', async () => {
    const before = await h.app.db.referral.count()
    const form = await h.teams.invoke('helen', 'open:review.cdop', {})
    const formToken = JSON.stringify(form.card).match(/"formToken":"([0-9a-f-]{36})"/)![1]!
    const notice = { formToken, cdopReference: 'CDOP-2026-014', ageBand: 'under-1', dateOfDeath: '2026-11-10', notifiedOn: '2026-11-18', agencies: 'health,police', summary: 'Sudden unexpected death in infancy; unsafe sleeping and neglect concerns noted.' }
    const plain = await h.teams.invoke('helen', 'review.cdop', { ...notice, abuseOrNeglectSuspected: 'false', formToken: crypto.randomUUID(), cdopReference: 'CDOP-2026-013' })
    expect(cardText(plain.card)).toContain('Recorded for the Case Review Group to screen.')
    expect(await h.app.db.referral.count()).toBe(before)
    const suspected = await h.teams.invoke('helen', 'review.cdop', { ...notice, abuseOrNeglectSuspected: 'true' })
    expect(cardText(suspected.card)).toMatch(/it is now referral NSCP-2026-\d{4}, sent to the Case Review Group for screening/)
    const again = await h.teams.invoke('helen', 'review.cdop', { ...notice, abuseOrNeglectSuspected: 'true' })
    expect(cardText(again.card)).toContain(/NSCP-2026-\d{4}/.exec(cardText(suspected.card))![0])
    expect(await h.app.db.referral.count()).toBe(before + 1)
    const referral = await h.app.db.referral.findFirstOrThrow({ where: { caseReference: 'CDOP-2026-014' } })
    expect(referral.criteria).toEqual(['abuse-or-neglect', 'died'])
    expect(await h.app.db.review.count({ where: { typeKey: 'cdop-notification' } })).toBe(2)
  })
})
