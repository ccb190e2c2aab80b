/**
 * Issue 12, the audit domain against a real PostgreSQL, through the services the bot is given (the stories
 * through both protocols are in tests/audit-*.test.ts): seeded tools, planning with its refusals, opening with
 * each lead told, answers saved per section with evidence rules and version checks, submit, sign-off,
 * moderation with a challenge, findings into actions, late answers and reopening, a case audit's hidden
 * answers, copying a tool, and the audit chain intact after all of it.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../lib/errors.js'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { createServices } from '../services/index.js'
import type { Actor } from '../services/people/people.schema.js'
import { person, startHarness, type Harness, type PersonKey, TENANT } from './support/harness.js'

const clock = {
  at: new Date('2026-11-02T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
let h: Harness
let services: ReturnType<typeof createServices>
const actors: Partial<Record<PersonKey, Actor>> = {}
const as = async (key: PersonKey) =>
  (actors[key] ??= await services.people.resolveActor({
    platform: 'teams',
    aadObjectId: person(key).teamsAadObjectId,
    tenantId: TENANT,
  }))
const refusal = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a refusal')
}
const tool = async (key: string) =>
  (await h.app.db.auditTool.findFirstOrThrow({ where: { key }, orderBy: { version: 'desc' } })).id
const noticesTo = async (key: PersonKey) => {
  const id = (await as(key)).personId
  const rows = await h.app.db.outbox.findMany({ where: { kind: 'person.notice' }, orderBy: { id: 'asc' } })
  return rows
    .map((r) => r.payload as any)
    .filter((p) => p.personId === id)
    .map((p) => p.notice)
}

beforeAll(async () => {
  h = await startHarness({ clock, env: { SLACK_CASE_REVIEW_CHANNEL: '' } })
  services = createServices({ db: h.app.db, clock })
})
afterAll(async () => h?.stop())

/** Answers for every shown question of a page: the first choice, 10, some text, a link as evidence. */
function fill(
  page: Awaited<ReturnType<typeof services.audits.getReturnPage>>,
  overrides: Record<string, unknown> = {},
) {
  const values: Record<string, unknown> = {}
  for (const q of page.questions) {
    values[q.id] = q.options
      ? q.options[0]!.value
      : q.kind === 'number'
        ? 10
        : q.kind === 'evidence'
          ? 'https://intranet.example/policy'
          : 'Reviewed by the board every quarter.'
    if (q.evidencePrompt) values[`${q.id}--evidence`] = 'https://intranet.example/evidence'
    if (q.isCarried) values[`${q.id}--confirm`] = true
  }
  return { ...values, ...overrides }
}

/** Saves every section of a return with `fill`'s answers (and the overrides), as its lead. */
async function complete(key: PersonKey, returnId: string, overrides: Record<string, unknown> = {}) {
  const actor = await as(key)
  const first = await services.audits.getReturnPage(actor, returnId, 0)
  for (let i = 0; i < first.count; i++) {
    const page = await services.audits.getReturnPage(actor, returnId, i)
    await services.audits.saveSection(actor, {
      returnId,
      sectionKey: page.sectionKey,
      seenVersion: page.version,
      values: fill(page, overrides),
      nextSection: i + 1,
    })
  }
}

/** Plans a Section 11 audit with the police and health, opening now. */
async function planS11(deadline = '2026-11-20', title = 'Section 11 audit 2026', openingDate = '2026-11-02') {
  return services.audits.planAudit(await as('gareth'), {
    formToken: randomUUID(),
    type: 'section-11',
    title,
    toolId: await tool('section-11'),
    participants: ['police', 'health'],
    openingDate,
    deadline,
  })
}

describe('tools and planning', () => {
  it('seeds the three tools as version 1', async () => {
    const tools = await h.app.db.auditTool.findMany({ orderBy: { key: 'asc' } })
    expect(tools.map((t) => [t.key, t.version])).toEqual([
      ['case-audit', 1],
      ['section-11', 1],
      ['section-175', 1],
    ])
  })

  it('refuses a plan from anyone but the QA chair and the business manager, and bad answers next to their fields', async () => {
    const plan = { formToken: randomUUID(), type: 'section-11', title: 'Section 11 audit', participants: ['police'] }
    const dana = await refusal(
      services.audits.planAudit(await as('dana'), {
        ...plan,
        toolId: await tool('section-11'),
        openingDate: '2026-11-02',
        deadline: '2026-11-20',
      }),
    )
    expect(dana.code).toBe('NOT_PERMITTED')
    const bad = await refusal(
      services.audits.planAudit(await as('claire'), {
        ...plan,
        toolId: await tool('section-175'),
        participants: ['police', 'nowhere'],
        openingDate: '2026-11-02',
        deadline: '2026-11-01',
      }),
    )
    expect(bad.fieldErrors).toMatchObject({ deadline: 'The deadline must be after the opening date.' })
    const wrongTool = await refusal(
      services.audits.planAudit(await as('claire'), {
        ...plan,
        toolId: await tool('section-175'),
        participants: ['police', 'nowhere'],
        openingDate: '2026-11-02',
        deadline: '2026-11-20',
      }),
    )
    expect(wrongTool.fieldErrors).toEqual({
      toolId: expect.stringContaining('choose one for this type'),
      participants: 'Choose agencies from the list.',
    })
  })

  it('plans once however often the form is submitted, and opens at once, telling each lead 1:1', async () => {
    const formToken = randomUUID()
    const input = {
      formToken,
      type: 'section-11',
      title: 'Section 11 audit 2025',
      toolId: await tool('section-11'),
      participants: ['police', 'health'],
      openingDate: '2026-11-02',
      deadline: '2026-11-20',
    }
    const first = await services.audits.planAudit(await as('gareth'), input)
    const again = await services.audits.planAudit(await as('gareth'), input)
    expect(first).toMatchObject({ isNew: true, opened: true, reference: 'NSCP-AUD-2026-0001' })
    expect(again).toMatchObject({ isNew: false, auditId: first.auditId })
    expect(await noticesTo('dana')).toEqual([
      expect.objectContaining({
        template: 'audit.opened',
        reference: 'NSCP-AUD-2026-0001',
        participant: 'Northshire Police',
      }),
    ])
    expect((await noticesTo('sam')).map((n) => n.template)).toEqual(['audit.opened'])
  })
})

describe('a Section 11 return', () => {
  let returnId = ''
  let auditId = ''
  beforeAll(async () => {
    auditId = (await h.app.db.audit.findFirstOrThrow({ where: { reference: 'NSCP-AUD-2026-0001' } })).id
    returnId = (await h.app.db.auditReturn.findFirstOrThrow({ where: { auditId, participantKey: 'agency:police' } })).id
  })

  it('shows the first section to the police lead only', async () => {
    const page = await services.audits.getReturnPage(await as('dana'), returnId)
    expect(page).toMatchObject({ index: 0, count: 12, sectionTitle: 'About your agency', version: 0 })
    expect((await refusal(services.audits.getReturnPage(await as('sam'), returnId))).code).toBe('NOT_PERMITTED')
    expect((await refusal(services.audits.getReturnPage(await as('joanne'), returnId))).code).toBe('NOT_PERMITTED')
  })

  it('refuses a rating that needs evidence without it, writing nothing', async () => {
    const dana = await as('dana')
    const page = await services.audits.getReturnPage(dana, returnId, 1)
    const error = await refusal(
      services.audits.saveSection(dana, {
        returnId,
        sectionKey: page.sectionKey,
        seenVersion: page.version,
        values: { 'accountability-score': '3', 'accountability-written': 'yes' },
        nextSection: 2,
      }),
    )
    expect(error.fieldErrors).toEqual({ 'accountability-score--evidence': expect.stringContaining('needs evidence') })
    expect(await h.app.db.auditSectionAnswer.count({ where: { returnId } })).toBe(0)
  })

  it('saves a section, and tells the second of two editors who changed it and when', async () => {
    const dana = await as('dana')
    const page = await services.audits.getReturnPage(dana, returnId, 1)
    const values = {
      'accountability-score': '2',
      'accountability-score--evidence': 'https://intranet.example/structure',
      'accountability-written': 'yes',
    }
    clock.at = new Date('2026-11-03T10:42:00Z')
    const saved = await services.audits.saveSection(dana, {
      returnId,
      sectionKey: page.sectionKey,
      seenVersion: 0,
      values,
      nextSection: 2,
    })
    expect(saved).toMatchObject({ version: 1, unchanged: false })
    // The same save again (a Slack retry) writes nothing.
    const retry = await services.audits.saveSection(dana, {
      returnId,
      sectionKey: page.sectionKey,
      seenVersion: 0,
      values,
      nextSection: 2,
    })
    expect(retry.unchanged).toBe(true)
    // A second safeguarding lead of the police, with the page open from before Dana saved.
    const other = await h.app.db.person.create({
      data: {
        partnershipId: dana.partnershipId,
        key: 'pc-lead',
        name: 'Owen Price',
        agencyId: dana.agencyId,
        jobTitle: 'Detective Sergeant',
        email: 'owen@example.org',
        roles: ['safeguarding-lead'],
      },
    })
    const owen = { ...dana, personId: other.id, name: 'Owen Price' }
    const conflict = await refusal(
      services.audits.saveSection(owen, {
        returnId,
        sectionKey: page.sectionKey,
        seenVersion: 0,
        values: { ...values, 'accountability-score': '1' },
        nextSection: 2,
      }),
    )
    expect(conflict).toMatchObject({
      code: 'ALREADY_DONE',
      userMessage: 'Changed by Dana Okafor at 10:42; here is the latest.',
    })
    const latest = await services.audits.getReturnPage(dana, returnId, 1)
    expect(latest.answers['accountability-score']).toBe('2')
    expect(latest.lastSaved).toEqual({ by: 'Dana Okafor', at: '10:42' })
  })
})

describe('identifying details in a return', () => {
  it('asks to edit or confirm text that may identify a child, and does not ask again about what was confirmed', async () => {
    const audit = await h.app.db.audit.findFirstOrThrow({ where: { reference: 'NSCP-AUD-2026-0001' } })
    const returnId = (
      await h.app.db.auditReturn.findFirstOrThrow({ where: { auditId: audit.id, participantKey: 'agency:police' } })
    ).id
    const dana = await as('dana')
    const page = await services.audits.getReturnPage(dana, returnId, 3)
    const values = { ...fill(page), 'listening-how-known': 'Kayden Smith told us in March; DOB 12/03/2018.' }
    const save = (seenVersion: number, confirmSensitive = false) =>
      services.audits.saveSection(dana, {
        returnId,
        sectionKey: page.sectionKey,
        seenVersion,
        values,
        nextSection: 3,
        confirmSensitive,
      })
    const warned = await refusal(save(page.version))
    expect(warned.code).toBe('SENSITIVE_TEXT')
    expect(warned.fieldErrors['listening-how-known']).toContain('date of birth')
    const saved = await save(page.version, true)
    // The same text again (Next through the page): saved without asking again.
    expect(await save(saved.version)).toMatchObject({ unchanged: true })
    // Leave the section as the rest of the story expects it.
    await services.audits.saveSection(dana, {
      returnId,
      sectionKey: page.sectionKey,
      seenVersion: saved.version,
      values: fill(page),
      nextSection: 3,
    })
  })
})

describe('sign-off, moderation and findings', () => {
  let returnId = ''
  let findingId = ''
  beforeAll(async () => {
    const audit = await h.app.db.audit.findFirstOrThrow({ where: { reference: 'NSCP-AUD-2026-0001' } })
    returnId = (
      await h.app.db.auditReturn.findFirstOrThrow({ where: { auditId: audit.id, participantKey: 'agency:police' } })
    ).id
  })

  it('submits a complete return once, and asks the police partner to sign it off', async () => {
    await complete('dana', returnId)
    const dana = await as('dana')
    expect((await refusal(services.audits.signOffReturn(await as('joanne'), { returnId: randomUUID() }))).code).toBe(
      'NOT_FOUND',
    )
    const first = await services.audits.submitReturn(dana, { returnId })
    const second = await services.audits.submitReturn(dana, { returnId })
    expect([first.alreadyDone, second.alreadyDone]).toEqual([false, true])
    expect((await noticesTo('joanne')).map((n) => n.template)).toEqual(['audit.sign-off-request'])
    // Answers cannot change once it is in.
    const page = await services.audits.getReturnPage(dana, returnId, 2)
    const late = await refusal(
      services.audits.saveSection(dana, {
        returnId,
        sectionKey: page.sectionKey,
        seenVersion: page.version,
        values: {},
        nextSection: 3,
      }),
    )
    expect(late).toMatchObject({
      code: 'INVALID_TRANSITION',
      userMessage: expect.stringContaining('already been sent in'),
    })
  })

  it('is signed off by the police partner only, then moderated by the QA chair with one rating changed', async () => {
    expect((await refusal(services.audits.signOffReturn(await as('dana'), { returnId }))).code).toBe('NOT_PERMITTED')
    expect((await refusal(services.audits.signOffReturn(await as('nadia'), { returnId }))).code).toBe('NOT_PERMITTED')
    await services.audits.signOffReturn(await as('joanne'), { returnId })
    const gareth = await as('gareth')
    const view = await services.audits.getReturnView(gareth, returnId)
    expect(view.standards).toHaveLength(11)
    expect(
      (
        await refusal(
          services.audits.moderateStandard(await as('claire'), {
            returnId,
            sectionKey: 'accountability',
            decision: 'agree',
          }),
        )
      ).code,
    ).toBe('NOT_PERMITTED')
    const noReason = await refusal(
      services.audits.moderateStandard(gareth, {
        returnId,
        sectionKey: 'safer-recruitment',
        decision: 'change',
        rating: '1',
      }),
    )
    expect(noReason.fieldErrors).toEqual({ reason: 'Give the reason for the change (at least 10 characters).' })
    const early = await refusal(services.audits.finishModeration(gareth, { returnId }))
    expect(early.userMessage).toContain('Moderate every standard first: 11 still to do')
    for (const s of view.standards)
      if (s.sectionKey === 'safer-recruitment')
        await services.audits.moderateStandard(gareth, {
          returnId,
          sectionKey: s.sectionKey,
          decision: 'change',
          rating: '1',
          reason: 'The latest check found 4 criminal record checks out of date.',
        })
      else await services.audits.moderateStandard(gareth, { returnId, sectionKey: s.sectionKey, decision: 'agree' })
    const finished = await services.audits.finishModeration(gareth, { returnId })
    expect(finished).toMatchObject({ status: 'CHALLENGED', changed: 1 })
    expect((await noticesTo('dana')).at(-1)).toMatchObject({
      template: 'audit.moderation',
      event: 'challenged',
      changed: 1,
    })
  })

  it('takes the agency response, keeps both ratings, and makes a finding of the rating below good', async () => {
    await services.audits.respondToChallenge(await as('dana'), {
      returnId,
      sectionKey: 'safer-recruitment',
      decision: 'disagree',
      response: 'The 4 checks were renewed in October; the record was not updated.',
    })
    expect((await noticesTo('gareth')).at(-1)).toMatchObject({ template: 'audit.for-chair', event: 'responded' })
    const done = await services.audits.agreeFinalRating(await as('gareth'), {
      returnId,
      sectionKey: 'safer-recruitment',
      rating: '1',
    })
    expect(done).toMatchObject({ left: 0, findings: 1 })
    const rating = await h.app.db.auditRating.findFirstOrThrow({ where: { returnId, sectionKey: 'safer-recruitment' } })
    expect(rating).toMatchObject({
      selfRating: '3',
      moderatedRating: '1',
      finalRating: '1',
      responseDecision: 'disagree',
    })
    const finding = await h.app.db.auditFinding.findFirstOrThrow({ where: { returnId } })
    expect(finding.text).toBe(
      'Northshire Police, Safer recruitment: 1: partly in place after moderation (self-assessed 3: embedded, with evidence of impact).',
    )
    findingId = finding.id
    // Once moderated, the QA sub-group sees it.
    expect((await services.audits.getReturnView(await as('sam'), returnId)).status).toBe('MODERATED')
  })

  it('turns the finding into an action with source "audit", linked, once', async () => {
    const gareth = await as('gareth')
    const formToken = randomUUID()
    const input = {
      findingId,
      themes: ['Supervision'],
      formToken,
      actions: [
        {
          what: 'Renew the criminal record checks and bring the single central record up to date.',
          agencyKey: 'police',
          ownerId: (await as('dana')).personId,
          dueDate: '2027-01-29',
          measureOfSuccess: 'A spot check of 20 staff records finds every check current.',
          verifyingSubGroupKey: 'qa-audit',
        },
      ],
    }
    const made = await services.audits.createFindingActions(gareth, input)
    const again = await services.audits.createFindingActions(gareth, input)
    expect(made).toMatchObject({ isNew: true, references: ['NSCP-ACT-2026-0001'] })
    expect(again).toEqual({ isNew: false, references: ['NSCP-ACT-2026-0001'] })
    const action = await h.app.db.action.findUniqueOrThrow({ where: { reference: 'NSCP-ACT-2026-0001' } })
    expect(action).toMatchObject({ source: 'audit', sourceNote: expect.stringContaining('NSCP-AUD-2026-0001') })
    expect(await h.app.db.auditFindingAction.count({ where: { findingId, actionId: action.id } })).toBe(1)
    const summary = await services.audits.getAuditSummary(
      gareth,
      (await h.app.db.auditFinding.findUniqueOrThrow({ where: { id: findingId } })).auditId,
    )
    expect(summary.findings).toEqual([
      expect.objectContaining({ themes: ['Supervision'], actions: ['NSCP-ACT-2026-0001'] }),
    ])
    expect(summary).toMatchObject({
      expected: 2,
      received: 1,
      outstanding: [expect.objectContaining({ participant: 'Northshire NHS Foundation Trust', lead: 'Sam Patel' })],
    })
    const recruitment = summary.standards.find((s) => s.sectionKey === 'safer-recruitment')!
    expect(recruitment.ratings).toEqual([
      {
        participant: 'Northshire Police',
        self: '3: embedded, with evidence of impact',
        moderated: '1: partly in place',
      },
    ])
  })

  it('refuses late answers after the deadline until the chair reopens the return', async () => {
    const audit = await h.app.db.audit.findFirstOrThrow({ where: { reference: 'NSCP-AUD-2026-0001' } })
    const health = await h.app.db.auditReturn.findFirstOrThrow({
      where: { auditId: audit.id, participantKey: 'agency:health' },
    })
    clock.at = new Date('2026-11-23T10:00:00Z')
    const sam = await as('sam')
    const page = await services.audits.getReturnPage(sam, health.id, 0)
    const save = () =>
      services.audits.saveSection(sam, {
        returnId: health.id,
        sectionKey: page.sectionKey,
        seenVersion: page.version,
        values: fill(page),
        nextSection: 1,
      })
    expect(await refusal(save())).toMatchObject({
      code: 'INVALID_TRANSITION',
      userMessage: expect.stringContaining('closed to answers'),
    })
    expect((await refusal(services.audits.reopenReturn(sam, { returnId: health.id }))).code).toBe('NOT_PERMITTED')
    await services.audits.reopenReturn(await as('gareth'), { returnId: health.id })
    expect(await save()).toMatchObject({ version: 1 })
    const events = await h.app.db.auditEvent.findMany({
      where: { subjectId: health.id, action: 'AUDIT_RETURN_REOPENED' },
    })
    expect(events).toHaveLength(1)
  })
})

describe('the next cycle', () => {
  it('carries the police answers forward, to confirm or change before submitting', async () => {
    clock.at = new Date('2026-11-24T10:00:00Z')
    const next = await planS11('2027-01-29', 'Section 11 audit 2027', '2026-11-24')
    const ret = await h.app.db.auditReturn.findFirstOrThrow({
      where: { auditId: next.auditId, participantKey: 'agency:police' },
    })
    expect(ret.carriedFromId).not.toBeNull()
    const dana = await as('dana')
    const page = await services.audits.getReturnPage(dana, ret.id, 1)
    expect(page.questions.every((q) => q.isCarried)).toBe(true)
    expect(page.answers['accountability-score']).toBe('3')
    const refused = await refusal(services.audits.submitReturn(dana, { returnId: ret.id }))
    expect(refused.detail).toEqual({ section: 0 })
    expect(Object.values(refused.fieldErrors)).toContain(
      'From last cycle: confirm or change this answer before you submit.',
    )
    // Changing one answer and confirming the rest clears the section.
    await services.audits.saveSection(dana, {
      returnId: ret.id,
      sectionKey: page.sectionKey,
      seenVersion: page.version,
      values: { ...fill(page), 'accountability-score': '2' },
      nextSection: 2,
    })
    const after = await services.audits.getReturnPage(dana, ret.id, 1)
    expect(after.questions.filter((q) => q.isCarried)).toEqual([])
    expect((await noticesTo('dana')).at(-1)).toMatchObject({ template: 'audit.opened', carried: expect.any(Number) })
  })
})

describe('copying a tool', () => {
  it('makes a new version; a return already started keeps its own', async () => {
    const gareth = await as('gareth')
    const s11 = await tool('section-11')
    expect(
      (
        await refusal(
          services.audits.copyTool(await as('dana'), {
            formToken: randomUUID(),
            toolId: s11,
            name: 'Section 11, 2027',
          }),
        )
      ).code,
    ).toBe('NOT_PERMITTED')
    const nothing = await refusal(
      services.audits.copyTool(gareth, { formToken: randomUUID(), toolId: s11, name: 'Section 11, 2027' }),
    )
    expect(nothing.fieldErrors).toEqual({ remove: 'Leave out a question or add one: a copy must change something.' })
    const copy = await services.audits.copyTool(gareth, {
      formToken: randomUUID(),
      toolId: s11,
      name: 'Section 11 self-assessment, 2027',
      remove: ['about-commissioned'],
      addSection: 'listening',
      addLabel: 'Do children help recruit your staff?',
      addKind: 'yesno',
      applyToOpen: true,
    })
    // Both open Section 11 audits move: this year's (whose returns have all started) and next year's.
    expect(copy).toMatchObject({ version: 2, isNew: true, moved: 2 })
    const next = await h.app.db.audit.findFirstOrThrow({ where: { title: 'Section 11 audit 2027' } })
    expect(next.toolId).toBe(copy.toolId)
    const started = await h.app.db.auditReturn.findFirstOrThrow({
      where: { auditId: next.id, participantKey: 'agency:police' },
    })
    const notStarted = await h.app.db.auditReturn.findFirstOrThrow({
      where: { auditId: next.id, participantKey: 'agency:health' },
    })
    expect(started.toolId).not.toBe(copy.toolId)
    expect(notStarted.toolId).toBe(copy.toolId)
  })
})

describe('case audits', () => {
  it('choose cases by agency case references and hide other agencies\u2019 answers until one\u2019s own is in', async () => {
    const gareth = await as('gareth')
    const plan = await services.audits.planAudit(gareth, {
      formToken: randomUUID(),
      type: 'case-audit',
      title: 'Neglect case audit',
      toolId: await tool('case-audit'),
      theme: 'Neglect',
      participants: ['police', 'health'],
      openingDate: '2026-11-02',
      deadline: '2026-11-27',
    })
    const bad = await refusal(
      services.audits.selectCase(gareth, {
        formToken: randomUUID(),
        auditId: plan.auditId,
        rows: [{ agencyKey: 'police', reference: 'Jack Smith' }],
      }),
    )
    expect(bad.fieldErrors).toEqual({ reference1: expect.stringContaining('never a name') })
    const kase = await services.audits.selectCase(gareth, {
      formToken: randomUUID(),
      auditId: plan.auditId,
      rows: [
        { agencyKey: 'police', reference: 'NP-26-4471' },
        { agencyKey: 'health', reference: 'RX9-118823' },
      ],
    })
    expect(kase).toMatchObject({ label: 'Case 1', parts: 2, isNew: true })
    const opened = (await noticesTo('dana')).filter((n) => n.template === 'audit.opened' && n.caseLabel)
    expect(opened).toEqual([expect.objectContaining({ caseLabel: 'Case 1', caseReference: 'NP-26-4471' })])
    const danaView = await services.audits.getCaseView(await as('dana'), kase.caseId)
    expect(danaView.refs).toEqual([{ agency: 'Northshire Police', reference: 'NP-26-4471' }])
    expect(danaView.hiddenNote).toContain('show once you have submitted your own part')
    expect(await refusal(services.audits.getCaseView(await as('ruth'), kase.caseId))).toMatchObject({
      code: 'NOT_PERMITTED',
    })
  })
})

describe('the audit chain', () => {
  it('verifies after everything above', async () => {
    const report = await verifyAuditChain(h.app.db)
    expect(report.problems).toEqual([])
  })
})
