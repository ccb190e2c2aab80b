/**
 * Staff subject access (UK GDPR art. 15): what Learning Loop holds about one member of staff, for
 * `npm run subject-access`. Their person record, roles, sub-groups, platform identities and addresses, the
 * referrals they raised, the questions they asked and answered, the actions they own, their sign-offs,
 * challenges, review invitations and milestones, the learning products they were sent, read, briefed and wrote,
 * their training (bookings, survey invitations, their named survey answers and their line manager's answers
 * about them, without naming the manager; anonymous answers cannot be found, by design), the audit returns
 * and case-audit discussions they took part in, and the audit events they were the actor of.
 *
 * This is staff subject access, not a child's or family's: case narratives (what happened, why a review could
 * help, questions and answers, rationales, reasons, chronologies, perspectives) are withheld, because they are
 * about children and families and are disclosed, if at all, case by case by the partnership's data protection
 * officer. Other people appear by name only where the record needs it (their line manager); never their
 * contact details or identities. References, statuses and dates are given so each record can be found.
 */
import type { DbClient } from '../../lib/db.js'

/** What is said in place of a withheld narrative. */
const WITHHELD = 'withheld: case narrative (staff subject access does not include case text)'

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)
const time = (d: Date | null) => (d ? d.toISOString() : null)

/** Finds a person by id, or by key when exactly one person has it. */
export async function findSubject(db: DbClient, idOrKey: string): Promise<string | null> {
  const byId = await db.person.findUnique({ where: { id: idOrKey }, select: { id: true } }).catch(() => null)
  if (byId) return byId.id
  const byKey = await db.person.findMany({ where: { key: idOrKey }, select: { id: true }, take: 2 })
  return byKey.length === 1 ? byKey[0]!.id : null
}

/** Everything the app holds about the person, without case narratives; null when there is no such person. */
export async function exportSubjectAccess(db: DbClient, personId: string, now: Date) {
  const person = await db.person.findUnique({
    where: { id: personId },
    include: {
      partnership: { select: { key: true, name: true } },
      agency: { select: { key: true, name: true } },
      setting: { select: { key: true, name: true } },
      manager: { select: { name: true } },
      memberships: { include: { subGroup: { select: { key: true, name: true } } } },
      addresses: true,
    },
  })
  if (!person) return null
  const [referrals, asked, answered, actions, updates, signOffs, challenges, contributions, milestones] =
    await Promise.all([
      db.referral.findMany({ where: { referrerId: personId }, orderBy: { submittedAt: 'asc' } }),
      db.referralQuestion.findMany({ where: { askedById: personId }, include: { referral: true } }),
      db.referralQuestion.findMany({ where: { answeredById: personId }, include: { referral: true } }),
      db.action.findMany({ where: { ownerId: personId }, orderBy: { createdAt: 'asc' } }),
      db.actionUpdate.findMany({ where: { byId: personId }, include: { action: { select: { reference: true } } } }),
      db.reviewSignOff.findMany({ where: { personId }, include: { review: true } }),
      db.reviewChallenge.findMany({ where: { byId: personId }, include: { review: true } }),
      db.reviewContribution.findMany({ where: { personId }, include: { review: true } }),
      db.milestone.findMany({ where: { responsiblePersonId: personId }, include: { review: true } }),
    ])
  const decided = await db.referral.findMany({
    where: { decidedById: personId },
    select: { reference: true, status: true, decidedAt: true },
  })
  // Learning products (issue 14): what they were sent, read and briefed, and what they wrote.
  const [sentTo, reads, briefings, wrote] = await Promise.all([
    db.broadcastDelivery.findMany({
      where: { personId },
      select: { status: true, reason: true, platform: true, sentAt: true, broadcast: { select: { subjectId: true } } },
    }),
    db.productRead.findMany({ where: { personId } }),
    db.productBriefing.findMany({ where: { personId } }),
    db.learningProduct.findMany({
      where: { createdById: personId },
      select: { reference: true, title: true, status: true },
    }),
  ])
  const productRefs = new Map(
    (
      await db.learningProduct.findMany({
        where: {
          id: {
            in: [
              ...sentTo.map((d) => d.broadcast.subjectId),
              ...reads.map((r) => r.productId),
              ...briefings.map((b) => b.productId),
            ],
          },
        },
        select: { id: true, reference: true },
      })
    ).map((p) => [p.id, p.reference]),
  )
  // Training (issue 13): anonymous answers hold no person, so only named ones can be found, which is the point.
  const [bookings, invitations, answersGiven, answersAbout, optOuts] = await Promise.all([
    db.booking.findMany({
      where: { personId },
      select: {
        status: true,
        bookedAt: true,
        session: { select: { startsAt: true, course: { select: { reference: true, title: true } } } },
      },
    }),
    db.surveyInvitation.findMany({ where: { personId }, select: { surveyId: true, invitedAt: true } }),
    db.surveyAnswer.findMany({ where: { personId }, select: { surveyId: true, answers: true } }),
    db.surveyAnswer.findMany({ where: { aboutPersonId: personId }, select: { surveyId: true, answers: true } }),
    db.surveyOptOut.findMany({ where: { personId }, select: { scope: true } }),
  ])
  const surveyIds = [...invitations, ...answersGiven, ...answersAbout].map((s) => s.surveyId)
  const surveyTitles = new Map(
    (await db.survey.findMany({ where: { id: { in: surveyIds } }, select: { id: true, title: true } })).map((s) => [
      s.id,
      s.title,
    ]),
  )
  // Audits (issue 12): the returns they lead, submitted, signed off or moderated, and the cases they discussed.
  const [returns, moderated, discussed] = await Promise.all([
    db.auditReturn.findMany({
      where: {
        OR: [
          { leadId: personId },
          { submittedById: personId },
          { signedOffById: personId },
          { moderatedById: personId },
        ],
      },
      select: {
        participantKey: true,
        status: true,
        leadId: true,
        submittedById: true,
        submittedAt: true,
        signedOffById: true,
        signedOffAt: true,
        moderatedById: true,
        moderatedAt: true,
        audit: { select: { reference: true, type: true } },
      },
    }),
    db.auditRating.findMany({
      where: { OR: [{ moderatedById: personId }, { respondedById: personId }] },
      select: {
        sectionKey: true,
        decision: true,
        moderatedById: true,
        moderatedAt: true,
        responseDecision: true,
        respondedById: true,
        respondedAt: true,
        return: { select: { participantKey: true, audit: { select: { reference: true } } } },
      },
    }),
    db.auditCase.findMany({
      where: { OR: [{ discussedById: personId }, { selectedById: personId }] },
      select: { label: true, selectedAt: true, discussedAt: true, audit: { select: { reference: true } } },
    }),
  ])
  const auditEvents = await db.auditEvent.findMany({
    where: { actorId: personId },
    orderBy: [{ partnershipId: 'asc' }, { seq: 'asc' }],
  })

  return {
    about: {
      kind: 'staff subject access',
      generatedAt: now.toISOString(),
      note:
        'What Learning Loop holds about this member of staff. Case narratives about children and families ' +
        '(referral text, questions, answers, rationales, reasons, chronologies, perspectives) are withheld: ' +
        "they are not this person's data alone and are disclosed, if at all, case by case by the partnership's " +
        'data protection officer. Other people appear by name only where needed.',
    },
    person: {
      id: person.id,
      key: person.key,
      name: person.name,
      jobTitle: person.jobTitle,
      email: person.email,
      roles: person.roles,
      partnerFor: person.partnerFor,
      partnership: person.partnership,
      agency: person.agency,
      educationSetting: person.setting,
      lineManager: person.manager?.name ?? null,
      active: person.active,
      subGroups: person.memberships.map((m) => ({ ...m.subGroup, isChair: m.isChair })),
    },
    platformIdentities: {
      teamsAadObjectId: person.teamsAadObjectId,
      teamsUserId: person.teamsUserId,
      slackUserId: person.slackUserId,
      addresses: person.addresses.map((a) => ({
        platform: a.platform,
        address: a.address,
        updatedAt: time(a.updatedAt),
      })),
    },
    referralsRaised: referrals.map((r) => ({
      reference: r.reference,
      status: r.status,
      submittedAt: time(r.submittedAt),
      decidedAt: time(r.decidedAt),
      whatHappened: WITHHELD,
      whyReview: WITHHELD,
    })),
    referralsDecided: decided.map((r) => ({ reference: r.reference, status: r.status, decidedAt: time(r.decidedAt) })),
    questionsAsked: asked.map((q) => ({
      referral: q.referral.reference,
      askedAt: time(q.askedAt),
      question: WITHHELD,
    })),
    questionsAnswered: answered.map((q) => ({
      referral: q.referral.reference,
      answeredAt: time(q.answeredAt),
      answer: WITHHELD,
    })),
    actionsOwned: actions.map((a) => ({
      reference: a.reference,
      what: a.what,
      agencyKey: a.agencyKey,
      status: a.status,
      dueDate: day(a.dueDate),
      createdAt: time(a.createdAt),
      completedAt: time(a.completedAt),
      verifiedAt: time(a.verifiedAt),
    })),
    actionUpdates: updates.map((u) => ({ action: u.action.reference, at: time(u.at), note: u.note })),
    signOffs: signOffs.map((s) => ({
      review: s.review.reference,
      round: s.round,
      partnerFor: s.partnerFor,
      decision: s.decision,
      at: time(s.at),
      reason: s.reason === null ? null : WITHHELD,
    })),
    challenges: challenges.map((c) => ({
      review: c.review.reference,
      decision: c.decision,
      round: c.round,
      at: time(c.at),
      text: WITHHELD,
    })),
    reviewInvitations: contributions.map((c) => ({
      review: c.review.reference,
      invitedAt: time(c.invitedAt),
      submittedAt: time(c.submittedAt),
      perspective: c.perspective === null ? null : WITHHELD,
    })),
    milestonesResponsible: milestones.map((m) => ({
      review: m.review.reference,
      milestone: m.label,
      dueDate: day(m.dueDate),
      status: m.status,
      completedAt: time(m.completedAt),
    })),
    learningProductsSent: sentTo.map((d) => ({
      product: productRefs.get(d.broadcast.subjectId) ?? null,
      status: d.status,
      reason: d.reason,
      platform: d.platform,
      sentAt: time(d.sentAt),
    })),
    learningProductsRead: reads.map((r) => ({
      product: productRefs.get(r.productId) ?? null,
      via: r.via,
      at: time(r.at),
    })),
    teamBriefings: briefings.map((b) => ({
      product: productRefs.get(b.productId) ?? null,
      briefedOn: day(b.briefedOn),
      staffCount: b.staffCount,
      keyThoughts: b.keyThoughts,
      embedding: b.embedding,
      plans: b.plans,
    })),
    learningProductsWritten: wrote,
    trainingBookings: bookings.map((b) => ({
      course: b.session.course.reference,
      title: b.session.course.title,
      sessionStartsAt: time(b.session.startsAt),
      status: b.status,
      bookedAt: time(b.bookedAt),
    })),
    surveyInvitations: invitations.map((i) => ({
      survey: surveyTitles.get(i.surveyId) ?? null,
      invitedAt: time(i.invitedAt),
    })),
    surveyAnswersNamed: answersGiven.map((a) => ({ survey: surveyTitles.get(a.surveyId) ?? null, answers: a.answers })),
    surveyAnswersAboutThem: answersAboutThem(answersAbout, surveyTitles),
    surveyOptOuts: optOuts.map((o) => o.scope),
    auditReturns: returns.map((r) => ({
      audit: r.audit.reference,
      participant: r.participantKey,
      status: r.status,
      roles: [
        ...(r.leadId === personId ? ['lead'] : []),
        ...(r.submittedById === personId ? ['submitted'] : []),
        ...(r.signedOffById === personId ? ['signed off'] : []),
        ...(r.moderatedById === personId ? ['moderated'] : []),
      ],
      submittedAt: time(r.submittedAt),
      signedOffAt: time(r.signedOffAt),
      moderatedAt: time(r.moderatedAt),
      // A case audit's answers are about a child's case; other returns describe the agency, not the person.
      ...(r.audit.type === 'case-audit' ? { answers: WITHHELD } : {}),
    })),
    auditRatings: moderated.map((m) => ({
      audit: m.return.audit.reference,
      participant: m.return.participantKey,
      section: m.sectionKey,
      ...(m.moderatedById === personId ? { moderated: m.decision, moderatedAt: time(m.moderatedAt) } : {}),
      ...(m.respondedById === personId ? { responded: m.responseDecision, respondedAt: time(m.respondedAt) } : {}),
    })),
    auditCases: discussed.map((c) => ({
      audit: c.audit.reference,
      case: c.label,
      selectedAt: time(c.selectedAt),
      discussedAt: time(c.discussedAt),
      discussion: c.discussedAt ? WITHHELD : null,
    })),
    auditEventsAsActor: auditEvents.map((e) => ({
      seq: e.seq,
      at: time(e.at),
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      before: e.before,
      after: e.after,
    })),
  }
}

/** A line manager's answers about the person: the answers, never who gave them. */
function answersAboutThem(answers: { surveyId: string; answers: unknown }[], titles: Map<string, string>) {
  return answers.map((a) => ({ survey: titles.get(a.surveyId) ?? null, byTheirLineManager: true, answers: a.answers }))
}
