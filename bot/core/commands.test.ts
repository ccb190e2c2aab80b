/** The command table's phrase matching: synonyms by role, and the "Did you mean" suggestion for an unknown phrase. */
import { describe, expect, it } from 'vitest'
import { type Command, editDistance, findCommand, phraseKey, suggestCommand } from './commands.js'
import { normalise } from './interact.js'

/** Someone allowed exactly these permissions (the services decide; here a stub). */
const allows =
  (...permissions: string[]) =>
  (c: Command) =>
    !c.permission || permissions.includes(c.permission)
const PRACTITIONER = allows()
const CHAIR = allows(
  'referral.decide',
  'action.overview',
  'action.view-escalations',
  'review.view-status',
  'review.manage',
)
const PARTNER = allows('review.partner-decide', 'action.overview', 'action.view-escalations', 'review.view-status')
const found = (typed: string, mayUse = PRACTITIONER) => findCommand(normalise(typed), mayUse)?.command.name ?? null
const suggested = (typed: string, mayUse = PRACTITIONER) => suggestCommand(normalise(typed), mayUse)?.name ?? null

describe('phrases', () => {
  it('ignores case, punctuation, apostrophes and filler words', () => {
    expect(phraseKey(normalise("What's overdue?"))).toBe('whats overdue')
    expect(phraseKey('Please show me my actions')).toBe('my actions')
  })

  it('understands the phrases people type', () => {
    expect(found('show my actions')).toBe('my actions')
    expect(found('Thanks!')).toBe('thanks')
    expect(found('thank you')).toBe('thanks')
    expect(found('cancel')).toBe('cancel')
    expect(found('hi')).toBe('help')
    expect(found('What can you do?')).toBe('help')
  })

  it('answers a phrase two rows share with the one for the person\u2019s role', () => {
    expect(found("what's overdue?", CHAIR)).toBe('actions overdue')
    expect(found("what's overdue?", PRACTITIONER)).toBe('my actions')
    expect(found('approvals', CHAIR)).toBe('awaiting')
    expect(found('What needs my approval?', CHAIR)).toBe('awaiting')
    expect(found('approvals', PARTNER)).toBe('sign-offs')
    expect(found('what needs my approval', PARTNER)).toBe('sign-offs')
    // Nobody is sent to a command they may not use by a synonym.
    expect(found('approvals', PRACTITIONER)).toBeNull()
  })

  it('still matches the rows\u2019 own words, whoever types them (the service refuses)', () => {
    expect(found('review status')).toBe('review status')
    expect(found('review NSCP-2026-0001', CHAIR)).toBe('review NSCP-2026-0001')
  })
})

describe('did you mean', () => {
  it('suggests the nearest command the person may use for a typo', () => {
    expect(suggested('my actoins')).toBe('my actions')
    expect(suggested('my referals')).toBe('my referrals')
    expect(suggested('reveiw status', CHAIR)).toBe('review status')
    expect(suggested('escalatoins', PARTNER)).toBe('escalations')
  })

  it('suggests from a word the phrase contains', () => {
    expect(suggested('overdue stuff please', CHAIR)).toBe('actions overdue')
    expect(suggested('overdue stuff please')).toBe('my actions')
  })

  it('never suggests a command the person may not use, nor a wild guess', () => {
    expect(suggested('reveiw status')).not.toBe('review status')
    expect(suggested('escalatoins')).toBeNull()
    expect(suggested('the weather in Leeds')).toBeNull()
  })

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('', 'abc')).toBe(3)
  })
})
