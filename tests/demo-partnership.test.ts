/**
 * The demo seed is exactly prisma/seed/demo-partnership.json (a copy of the shared fixture): every person with
 * their roles, statutory partner, school and line manager; the education settings; sub-groups and members; and
 * the independent scrutineer, who holds no decision rights.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixture, startHarness, type Harness } from './support/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => h?.stop())

describe('the demo partnership', () => {
  it('seeds exactly the fixture: people, roles, partners, settings, line managers and memberships', async () => {
    const people = await h.app.db.person.findMany({ include: { agency: true, setting: true, manager: true } })
    expect(people.map((p) => p.key).sort()).toEqual(fixture.people.map((p: any) => p.key).sort())
    for (const f of fixture.people) {
      const p = people.find((x) => x.key === f.key)!
      expect({ key: p.key, name: p.name, roles: p.roles, agency: p.agency?.key ?? null }).toEqual({
        key: f.key,
        name: f.name,
        roles: f.roles,
        agency: f.agency,
      })
      expect(p.partnerFor).toBe(f.partnerFor ?? null)
      expect(p.setting?.key ?? null).toBe(f.setting ?? null)
      expect(p.manager?.key ?? null).toBe(f.managerKey ?? null)
      expect([p.teamsAadObjectId, p.slackUserId, p.email]).toEqual([f.teamsAadObjectId, f.slackUserId, f.email])
    }
    const settings = await h.app.db.setting.findMany({ include: { agency: true }, orderBy: { key: 'asc' } })
    expect(settings.map((s) => ({ key: s.key, name: s.name, agency: s.agency?.key, kind: s.kind }))).toEqual(
      [...fixture.settings].sort((a: any, b: any) => a.key.localeCompare(b.key)),
    )
    const memberships = await h.app.db.subGroupMembership.findMany({ include: { person: true, subGroup: true } })
    for (const [group, members] of Object.entries(fixture.subGroupMembers) as [string, string[]][]) {
      const seeded = memberships.filter((m) => m.subGroup.key === group).map((m) => m.person.key)
      expect(seeded.sort()).toEqual([...members].sort())
    }
    const chairs = memberships.filter((m) => m.isChair).map((m) => `${m.person.key}:${m.subGroup.key}`)
    expect(chairs.sort()).toEqual(['aisha:learning', 'gareth:qa-audit', 'helen:case-review', 'mark:executive'])
    const partnership = await h.app.db.partnership.findFirstOrThrow()
    const robert = people.find((p) => p.key === 'robert')!
    expect(partnership.scrutineerId).toBe(robert.id)
    expect(partnership.scrutinyNote).toBe(fixture.scrutiny.note)
  })

  it('gives Robert Finch scrutiny, not a chair: he chairs nothing and has no decision role', async () => {
    const robert = await h.app.db.person.findFirstOrThrow({ where: { key: 'robert' }, include: { memberships: true } })
    expect(robert.roles).toEqual(['independent-scrutineer'])
    expect(robert.memberships.filter((m) => m.isChair)).toEqual([])
  })
})
