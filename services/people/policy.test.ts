/** One case per rule of the permission table, with small hand-made actors. */
import { describe, expect, it } from 'vitest'
import { AppError } from '../../lib/errors.js'
import type { Actor } from './people.schema.js'
import { assertCan, can, type Permission, type PolicyResource } from './policy.js'

const actor = (personId: string, extra: Partial<Actor> = {}): Actor => ({
  personId,
  partnershipId: 'p1',
  name: personId,
  roles: ['practitioner'],
  agencyId: 'a1',
  agencyKey: 'health',
  agencyName: 'Health',
  chairs: [],
  memberOf: [],
  ...extra,
})

const practitioner = actor('priya')
const otherPractitioner = actor('tom')
const caseReviewChair = actor('helen', {
  roles: ['subgroup-chair'],
  chairs: ['case-review'],
  memberOf: ['case-review'],
})
const caseReviewMember = actor('dana', { roles: ['safeguarding-lead'], memberOf: ['case-review', 'qa-audit'] })
const qaChair = actor('gareth', { roles: ['subgroup-chair'], chairs: ['qa-audit'], memberOf: ['qa-audit'] })
/** The old LSCB role, kept for stored people: it decides nothing now. */
const independentChair = actor('old-chair', { roles: ['independent-chair'], memberOf: ['executive'] })
const executiveChair = actor('eve', { roles: ['subgroup-chair'], chairs: ['executive'], memberOf: ['executive'] })
const partner = (personId: string, partnerFor: 'local-authority' | 'police' | 'icb', extra: Partial<Actor> = {}) =>
  actor(personId, { roles: ['safeguarding-partner'], partnerFor, memberOf: ['executive'], ...extra })
/** The partnership chair: the local authority's partner, who chairs the Executive. */
const partnershipChair = partner('mark', 'local-authority', { chairs: ['executive'] })
const policePartner = partner('joanne', 'police')
const icbPartner = partner('nadia', 'icb')
const partnerRoleOnly = actor('no-partner', { roles: ['safeguarding-partner'], partnerFor: null })
const scrutineer = actor('robert', { roles: ['independent-scrutineer'], agencyId: null, agencyKey: null })
const notificationLead = actor('kate', { roles: ['la-notification-lead'], agencyKey: 'csc' })
const businessManager = actor('claire', {
  roles: ['business-manager'],
  agencyId: null,
  agencyKey: null,
  agencyName: null,
})
const policeLead = actor('dana-lead', { roles: ['safeguarding-lead'], agencyKey: 'police', agencyName: 'Police' })
const nobody = actor('x', { roles: [] })
const learningChair = actor('aisha', {
  roles: ['subgroup-chair', 'trainer'],
  chairs: ['learning'],
  memberOf: ['learning', 'executive'],
})
const otherTrainer = actor('trainer-2', { roles: ['trainer'] })
const learningMember = actor('ben', { roles: ['practitioner'], memberOf: ['learning'] })
const schoolDsl = actor('ben', {
  roles: ['practitioner', 'designated-safeguarding-lead'],
  agencyKey: 'education',
  settingKey: 'northshire-academy',
})
const headteacher = actor('ruth', { roles: ['headteacher'], agencyKey: 'education', settingKey: 'northshire-academy' })
const otherHeadteacher = actor('other-head', {
  roles: ['headteacher'],
  agencyKey: 'education',
  settingKey: 'riverside-primary',
})
const policeReturn: PolicyResource = { agencyKey: 'police', responsiblePersonId: 'dana-lead' }
const academyReturn: PolicyResource = { settingKey: 'northshire-academy', responsiblePersonId: 'ben' }

type Case = [who: string, a: Actor, resource: PolicyResource, allowed: boolean]

/** Typed by Permission, so a new permission does not type-check until it has cases here. */
const CASES: Record<Permission, Case[]> = {
  'training.manage': [
    ["the learning sub-group's chair, any course", learningChair, { responsiblePersonId: 'trainer-2' }, true],
    ['a trainer, their own course', otherTrainer, { responsiblePersonId: 'trainer-2' }, true],
    ["a trainer, someone else's course", otherTrainer, { responsiblePersonId: 'aisha' }, false],
    ['a trainer, a new course', otherTrainer, {}, true],
    ['the business manager', businessManager, { responsiblePersonId: 'aisha' }, true],
    ['a practitioner', practitioner, {}, false],
    ['a member of the learning sub-group', learningMember, { responsiblePersonId: 'aisha' }, false],
  ],
  'training.view-results': [
    ['a member of the learning sub-group', learningMember, { responsiblePersonId: 'aisha' }, true],
    ['the trainer of the course', otherTrainer, { responsiblePersonId: 'trainer-2' }, true],
    ['another trainer', otherTrainer, { responsiblePersonId: 'aisha' }, false],
    ['the chair of another sub-group', qaChair, { responsiblePersonId: 'aisha' }, false],
    ['a practitioner', practitioner, { responsiblePersonId: 'aisha' }, false],
  ],
  'survey.send': [
    ["the learning sub-group's chair", learningChair, {}, true],
    ["the quality assurance sub-group's chair", qaChair, {}, true],
    ['a trainer', otherTrainer, {}, true],
    ['the business manager', businessManager, {}, true],
    ['a member of the learning sub-group', learningMember, {}, false],
    ['a practitioner', practitioner, {}, false],
  ],
  'referral.submit': [
    ['a practitioner', practitioner, {}, true],
    ['a person with no role', nobody, {}, true],
  ],
  'referral.decide': [
    ['the chair of the Case Review Group', caseReviewChair, {}, true],
    ['a member of the Case Review Group', caseReviewMember, {}, false],
    ['the chair of another sub-group', qaChair, {}, false],
    ['the independent chair', independentChair, {}, false],
    ['the business manager', businessManager, {}, false],
    ['the referrer', practitioner, { referrerId: 'priya' }, false],
  ],
  'referral.view': [
    ['the referrer', practitioner, { referrerId: 'priya' }, true],
    ['a member of the Case Review Group', caseReviewMember, { referrerId: 'priya' }, true],
    ['the chair of the Case Review Group', caseReviewChair, { referrerId: 'priya' }, true],
    ['the business manager', businessManager, { referrerId: 'priya' }, true],
    ['another practitioner', otherPractitioner, { referrerId: 'priya' }, false],
    ['the chair of another sub-group', qaChair, { referrerId: 'priya' }, false],
    ['the independent chair', independentChair, { referrerId: 'priya' }, false],
    ['anyone, when the referrer is not given', otherPractitioner, {}, false],
  ],
  'referral.view-details': [
    ['the referrer', practitioner, { referrerId: 'priya' }, true],
    ['the chair of the Case Review Group', caseReviewChair, { referrerId: 'priya' }, true],
    ["the local authority's notification lead", notificationLead, { referrerId: 'priya' }, true],
    ['a safeguarding partner', policePartner, { referrerId: 'priya' }, true],
    ['a member of the Case Review Group', caseReviewMember, { referrerId: 'priya' }, false],
    ['the business manager', businessManager, { referrerId: 'priya' }, false],
    ['the independent scrutineer', scrutineer, { referrerId: 'priya' }, false],
    ['another practitioner', otherPractitioner, { referrerId: 'priya' }, false],
  ],
  'notification.view': [
    ["the local authority's notification lead", notificationLead, {}, true],
    ['a safeguarding partner', icbPartner, {}, true],
    ['the chair of the Case Review Group', caseReviewChair, {}, true],
    ['a member of the Case Review Group', caseReviewMember, {}, false],
    ['the business manager', businessManager, {}, false],
    ['the referrer', practitioner, {}, false],
  ],
  'referral.answer': [
    ['the referrer', practitioner, { referrerId: 'priya' }, true],
    ['another practitioner', otherPractitioner, { referrerId: 'priya' }, false],
    ['the chair of the Case Review Group', caseReviewChair, { referrerId: 'priya' }, false],
    ['the business manager', businessManager, { referrerId: 'priya' }, false],
    ['anyone, when the referrer is not given', practitioner, {}, false],
  ],
  'action.view-escalations': [
    ['the business manager', businessManager, {}, true],
    ["the Case Review Group's chair", caseReviewChair, {}, true],
    ['a member who chairs nothing', caseReviewMember, {}, false],
  ],
  'delivery.view-undeliverable': [
    ['the business manager', businessManager, {}, true],
    ["the Case Review Group's chair", caseReviewChair, {}, false],
    ['a member of the Case Review Group', caseReviewMember, {}, false],
  ],
  'learning.create': [
    ['a sub-group chair', qaChair, {}, true],
    ['the business manager', businessManager, {}, true],
    ['a practitioner', practitioner, {}, false],
  ],
  'learning.approve': [
    ['the chair of the Learning and Development Sub-group', learningChair, {}, true],
    ["another sub-group's chair", caseReviewChair, {}, false],
    ['the business manager', businessManager, {}, false],
  ],
  'learning.send': [
    ['the learning chair', learningChair, { responsiblePersonId: 'someone' }, true],
    ['the business manager', businessManager, { responsiblePersonId: 'someone' }, true],
    ['its author', qaChair, { responsiblePersonId: 'gareth' }, true],
    ["another sub-group's chair", qaChair, { responsiblePersonId: 'someone' }, false],
  ],
  'learning.view-reach': [
    ['its author', qaChair, { responsiblePersonId: 'gareth' }, true],
    ['a safeguarding partner', policePartner, {}, true],
    ['a practitioner', practitioner, {}, false],
  ],
  'learning.brief-team': [
    ['a manager', policeLead, { isManager: true }, true],
    ['someone who manages nobody', practitioner, { isManager: false }, false],
  ],
  'national-learning.record': [
    ['the business manager', businessManager, {}, true],
    ['a sub-group chair', qaChair, {}, false],
  ],
  'national-learning.link': [
    ['the business manager', businessManager, {}, true],
    ['a sub-group chair', qaChair, {}, true],
    ['a practitioner', practitioner, {}, false],
  ],
  'national-learning.view': [
    ['a safeguarding lead', policeLead, {}, true],
    ['a practitioner', practitioner, {}, false],
  ],
  'audit.plan': [
    ['the chair of the Quality Assurance and Audit Sub-group', qaChair, {}, true],
    ['the business manager', businessManager, {}, true],
    ['a member of the QA sub-group', caseReviewMember, {}, false],
    ['another sub-group chair', caseReviewChair, {}, false],
  ],
  'audit.edit-tools': [
    ['the QA chair', qaChair, {}, true],
    ['the business manager', businessManager, {}, true],
    ['a safeguarding lead', policeLead, {}, false],
  ],
  'audit.moderate': [
    ['the QA chair', qaChair, {}, true],
    ['the business manager', businessManager, {}, false],
    ['a safeguarding partner', policePartner, {}, false],
  ],
  'audit.discuss': [
    ['the QA chair', qaChair, {}, true],
    ['a member of the QA sub-group', caseReviewMember, {}, false],
  ],
  'audit.view-all': [
    ['the QA chair', qaChair, {}, true],
    ['the business manager', businessManager, {}, true],
    ['a member of the QA sub-group', caseReviewMember, {}, false],
  ],
  'audit.view-summary': [
    ['a member of the QA sub-group', caseReviewMember, {}, true],
    ['the business manager', businessManager, {}, true],
    ['a safeguarding partner', policePartner, {}, true],
    ['the independent scrutineer', scrutineer, {}, true],
    ['a practitioner', practitioner, {}, false],
    ['a headteacher', headteacher, {}, false],
  ],
  'audit.complete': [
    ["the return's lead", policeLead, policeReturn, true],
    [
      "another of the agency's safeguarding leads",
      actor('lead-2', { roles: ['safeguarding-lead'], agencyKey: 'police' }),
      policeReturn,
      true,
    ],
    ['a safeguarding lead of another agency', actor('sam', { roles: ['safeguarding-lead'] }), policeReturn, false],
    ["the agency's safeguarding partner", policePartner, policeReturn, false],
    ["the school's designated safeguarding lead", schoolDsl, academyReturn, true],
    ["the school's headteacher", headteacher, academyReturn, false],
    ['the QA chair', qaChair, policeReturn, false],
  ],
  'audit.sign-off': [
    ["the agency's safeguarding partner", { ...policePartner, agencyKey: 'police' }, policeReturn, true],
    [
      "the lead's line manager in the agency",
      actor('boss', { agencyKey: 'police' }),
      { ...policeReturn, managerId: 'boss' },
      true,
    ],
    ["another agency's partner", icbPartner, policeReturn, false],
    ["the return's lead", policeLead, policeReturn, false],
    ["the school's headteacher", headteacher, academyReturn, true],
    ["another school's headteacher", otherHeadteacher, academyReturn, false],
    ["the school's designated safeguarding lead", schoolDsl, academyReturn, false],
  ],
  'audit.respond': [
    ["the return's lead", policeLead, policeReturn, true],
    ["the school's headteacher", headteacher, academyReturn, true],
    ['the QA chair', qaChair, policeReturn, false],
  ],
  'audit.view-return': [
    ["the agency's own people", actor('officer', { agencyKey: 'police' }), policeReturn, true],
    ['another agency, before moderation', actor('nurse'), policeReturn, false],
    ['a QA member of another agency, before moderation', caseReviewMember, policeReturn, false],
    ['a QA member of another agency, once moderated', caseReviewMember, { ...policeReturn, isModerated: true }, true],
    ['the QA chair', qaChair, policeReturn, true],
    ['the business manager', businessManager, policeReturn, true],
    ["the school's headteacher", headteacher, academyReturn, true],
    ['a member of the QA sub-group, for a school', caseReviewMember, academyReturn, true],
    ["another school's headteacher", otherHeadteacher, academyReturn, false],
    ['a practitioner, once moderated', practitioner, { ...policeReturn, isModerated: true }, false],
  ],
  'channel.set': [
    ['the business manager, for any sub-group', businessManager, { subGroupKey: 'case-review' }, true],
    ['the business manager, with no sub-group named', businessManager, {}, true],
    ["the sub-group's chair", caseReviewChair, { subGroupKey: 'case-review' }, true],
    ["another sub-group's chair", qaChair, { subGroupKey: 'case-review' }, false],
    ['a chair, with no sub-group named', caseReviewChair, {}, false],
    ['a member who does not chair it', caseReviewMember, { subGroupKey: 'case-review' }, false],
    ['a practitioner', practitioner, { subGroupKey: 'case-review' }, false],
  ],
  'review.answer-information': [
    ['the person the request was sent to', practitioner, { responsiblePersonId: 'priya', agencyKey: 'police' }, true],
    [
      'the safeguarding lead of the agency asked',
      policeLead,
      { responsiblePersonId: 'someone', agencyKey: 'police' },
      true,
    ],
    [
      "another agency's safeguarding lead",
      caseReviewMember,
      { responsiblePersonId: 'someone', agencyKey: 'police' },
      false,
    ],
    ['a safeguarding lead, when no agency is given', policeLead, { responsiblePersonId: 'someone' }, false],
    [
      'a practitioner of the agency asked',
      actor('pc', { agencyKey: 'police' }),
      { responsiblePersonId: 'someone', agencyKey: 'police' },
      false,
    ],
    [
      'the chair of the Case Review Group',
      caseReviewChair,
      { responsiblePersonId: 'someone', agencyKey: 'csc' },
      false,
    ],
  ],
  'review.record-panel-notification': [
    ['the business manager', businessManager, {}, true],
    ['the chair of the Case Review Group', caseReviewChair, {}, false],
    ['the independent chair', independentChair, {}, false],
  ],
  'review.record-outcome': [
    ['the chair of the Case Review Group', caseReviewChair, {}, true],
    ['a member of the Case Review Group', caseReviewMember, {}, false],
    ['the chair of another sub-group', qaChair, {}, false],
    ['the business manager', businessManager, {}, false],
  ],
  'review.approve': [
    ['the partnership chair', partnershipChair, { approver: 'executive' }, true],
    ['an old independent chair', independentChair, {}, false],
    [
      'an old independent chair, even when the old setting names them',
      independentChair,
      { approver: 'independent-chair' },
      false,
    ],
    [
      'the partnership chair, when the old setting names an independent chair',
      partnershipChair,
      { approver: 'independent-chair' },
      false,
    ],
    ['an Executive chair who is not a safeguarding partner', executiveChair, { approver: 'executive' }, false],
    ['the independent scrutineer', scrutineer, { approver: 'executive' }, false],
    ['the chair of the Case Review Group', caseReviewChair, {}, false],
    ['the business manager', businessManager, {}, false],
  ],
  'notification.record': [
    ["the local authority's notification lead", notificationLead, {}, true],
    ['the business manager', businessManager, {}, false],
    ['the chair of the Case Review Group', caseReviewChair, {}, false],
    ["the local authority's safeguarding partner", partnershipChair, {}, false],
    ['the independent scrutineer', scrutineer, {}, false],
  ],
  'review.partner-decide': [
    ["the local authority's partner", partnershipChair, {}, true],
    ["the police's partner", policePartner, {}, true],
    ["the integrated care board's partner", icbPartner, {}, true],
    ['someone with the role but acting for no partner', partnerRoleOnly, {}, false],
    ['the independent scrutineer', scrutineer, {}, false],
    ['an old independent chair', independentChair, {}, false],
    ['the chair of the Case Review Group', caseReviewChair, {}, false],
    ['the business manager', businessManager, {}, false],
  ],
  'review.publish': [
    ['the partnership chair (the partner who chairs the Executive)', partnershipChair, {}, true],
    ['another safeguarding partner', policePartner, {}, false],
    ['an Executive chair who is not a safeguarding partner', executiveChair, {}, false],
    ['the independent scrutineer', scrutineer, {}, false],
    ['the business manager', businessManager, {}, false],
  ],
  'review.challenge': [
    ['the independent scrutineer', scrutineer, {}, true],
    ['a safeguarding partner', policePartner, {}, false],
    ['an old independent chair', independentChair, {}, false],
    ['the business manager', businessManager, {}, false],
  ],
  'review.manage': [
    ['the chair of the Case Review Group', caseReviewChair, {}, true],
    ['the business manager', businessManager, {}, true],
    ['a member of the Case Review Group', caseReviewMember, {}, false],
    ['the chair of another sub-group', qaChair, {}, false],
    ['the independent chair', independentChair, {}, false],
  ],
  'review.contribute': [
    ['an invited practitioner', practitioner, { responsiblePersonId: 'priya' }, true],
    ['someone not invited', otherPractitioner, { responsiblePersonId: 'priya' }, false],
    ['the chair of the Case Review Group', caseReviewChair, { responsiblePersonId: 'priya' }, false],
    ['anyone, when nobody is invited', practitioner, {}, false],
  ],
  'review.view-status': [
    ['a sub-group chair', qaChair, {}, true],
    ['a safeguarding partner', policePartner, {}, true],
    ["the local authority's notification lead", notificationLead, {}, true],
    ['the independent scrutineer', scrutineer, {}, true],
    ['the independent chair', independentChair, {}, true],
    ['the business manager', businessManager, {}, true],
    ['a safeguarding lead', policeLead, {}, true],
    ['a practitioner', practitioner, {}, false],
    ['a person with no role', nobody, {}, false],
  ],
  'review.edit-types': [
    ['the business manager', businessManager, {}, true],
    ['the independent chair', independentChair, {}, false],
    ['the chair of the Case Review Group', caseReviewChair, {}, false],
  ],
  'action.create': [
    ['a sub-group chair', qaChair, {}, true],
    ['the business manager', businessManager, {}, true],
    ['a safeguarding lead', policeLead, {}, false],
    ['a practitioner', practitioner, {}, false],
  ],
  'action.own': [
    ['the owner', practitioner, { responsiblePersonId: 'priya', agencyKey: 'health' }, true],
    ["the owning agency's safeguarding lead", policeLead, { responsiblePersonId: 'priya', agencyKey: 'police' }, true],
    ["another agency's safeguarding lead", policeLead, { responsiblePersonId: 'priya', agencyKey: 'health' }, false],
    ['a chair who does not own it', caseReviewChair, { responsiblePersonId: 'priya', agencyKey: 'health' }, false],
  ],
  'action.verify': [
    ["the verifying sub-group's chair", caseReviewChair, { subGroupKey: 'case-review' }, true],
    ["another sub-group's chair", qaChair, { subGroupKey: 'case-review' }, false],
    ['the business manager', businessManager, { subGroupKey: 'case-review' }, false],
  ],
  'action.reassign': [
    ['the business manager', businessManager, { subGroupKey: 'case-review' }, true],
    ['the verifying chair', caseReviewChair, { subGroupKey: 'case-review' }, true],
    ['the owner', practitioner, { subGroupKey: 'case-review' }, false],
  ],
  'action.overview': [
    ['a sub-group chair', qaChair, {}, true],
    ['a safeguarding partner', policePartner, {}, true],
    ['the independent scrutineer', scrutineer, {}, true],
    ['the independent chair', independentChair, {}, true],
    ['the business manager', businessManager, {}, true],
    ['a safeguarding lead', policeLead, {}, false],
  ],
  'milestone.snooze': [
    ['the person responsible', practitioner, { responsiblePersonId: 'priya' }, true],
    ['anyone else', caseReviewChair, { responsiblePersonId: 'priya' }, false],
    ['anyone, when nobody is responsible', practitioner, {}, false],
  ],
}

describe.each(Object.entries(CASES) as [Permission, Case[]][])('%s', (permission, cases) => {
  it.each(cases.map(([who, a, resource, allowed]) => ({ who, a, resource, allowed })))(
    '$who: $allowed',
    ({ a, resource, allowed }) => {
      expect(can(a, permission, resource)).toBe(allowed)
      if (allowed) expect(() => assertCan(a, permission, resource)).not.toThrow()
      else expect(() => assertCan(a, permission, resource)).toThrow(AppError)
    },
  )
})

describe('assertCan', () => {
  it("throws NOT_PERMITTED with the rule's explanation and the permission", () => {
    let thrown: unknown
    try {
      assertCan(caseReviewMember, 'referral.decide')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect(thrown).toMatchObject({
      code: 'NOT_PERMITTED',
      userMessage: 'Only the chair of the Case Review Group can decide.',
      detail: { permission: 'referral.decide' },
    })
  })

  it('explains each refusal differently', () => {
    const messages = (['referral.decide', 'referral.view', 'referral.answer', 'channel.set'] as const).map((p) => {
      try {
        assertCan(nobody, p, { referrerId: 'someone-else', subGroupKey: 'case-review' })
        return 'allowed'
      } catch (error) {
        return (error as AppError).userMessage
      }
    })
    expect(messages).toEqual([
      'Only the chair of the Case Review Group can decide.',
      'Only the referrer and the Case Review Group can see this referral.',
      'Only the person who raised the referral can answer.',
      "Only the partnership business manager or the sub-group's chair can choose its channel.",
    ])
  })
})
