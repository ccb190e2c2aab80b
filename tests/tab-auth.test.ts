/**
 * The Teams tab's sign-in (issue 15): tokens checked against a local JSON Web Key Set standing in for Microsoft
 * identity platform's, through the running app's /tab/view pages on a real PostgreSQL. A valid token shows the
 * person's own page; an expired one, one for another audience, another tenant, a forged signature, none at
 * all, or a person the partnership does not know, each get refused with a page saying so.
 */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { person, startHarness, TENANT, type Harness } from './support/harness.js'

const CLIENT_ID = '00000000-0000-4000-8000-00000000ab1e'
const RESOURCE = `api://learning-loop.example.org/${CLIENT_ID}`

let h: Harness
let key: CryptoKey
let otherKey: CryptoKey

type Claims = { oid?: string; tid?: string; aud?: string; iss?: string; exp?: string | number }

async function token(claims: Claims = {}, signWith: CryptoKey = key): Promise<string> {
  const tid = claims.tid ?? TENANT
  const jwt = new SignJWT({ oid: claims.oid ?? person('priya').teamsAadObjectId, tid, ver: '2.0' })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(claims.iss ?? `https://login.microsoftonline.com/${tid}/v2.0`)
    .setAudience(claims.aud ?? CLIENT_ID)
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '10m')
  return jwt.sign(signWith)
}

async function view(page: string, bearer?: string) {
  const res = await fetch(`${h.app.url}/tab/view/${page}`, {
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
  })
  const body = (await res.json()) as { title: string; html: string }
  return { status: res.status, ...body }
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256')
  key = pair.privateKey
  otherKey = (await generateKeyPair('RS256')).privateKey
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256' }
  h = await startHarness({
    env: { TAB_SSO_CLIENT_ID: CLIENT_ID, TAB_SSO_RESOURCE: RESOURCE },
    tabKeys: createLocalJWKSet({ keys: [jwk] }),
  })
})
afterAll(() => h?.stop())

describe('the tab signs people in with Teams single sign-on tokens', () => {
  it('shows a practitioner their own items with a valid token', async () => {
    const page = await view('home', await token())
    expect(page.status).toBe(200)
    expect(page.html).toContain('Your items')
    expect(page.html).toContain('You have not raised a referral.')
  })

  it('accepts the Application ID URI as the audience too', async () => {
    expect((await view('home', await token({ aud: RESOURCE }))).status).toBe(200)
  })

  it('refuses an expired token', async () => {
    const expired = await token({ exp: Math.floor(Date.now() / 1000) - 3600 })
    const page = await view('home', expired)
    expect(page.status).toBe(401)
    expect(page.html).toContain('Please open Learning Loop in Microsoft Teams')
  })

  it('refuses a token for another app', async () => {
    expect((await view('home', await token({ aud: 'some-other-app' }))).status).toBe(401)
  })

  it('refuses a token from another tenant, even with a known object id', async () => {
    const foreign = '11111111-2222-4333-8444-555555555555'
    expect((await view('home', await token({ tid: foreign }))).status).toBe(403)
  })

  it('refuses a token whose issuer is not its tenant', async () => {
    const other = 'https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/v2.0'
    expect((await view('home', await token({ iss: other }))).status).toBe(401)
  })

  it('refuses a token signed with another key', async () => {
    expect((await view('home', await token({}, otherKey))).status).toBe(401)
  })

  it('refuses a request with no token, and a bearer that is not a token', async () => {
    expect((await view('home')).status).toBe(401)
    expect((await view('home', 'not-a-token')).status).toBe(401)
  })

  it('refuses a valid token for someone the partnership does not know', async () => {
    const page = await view('home', await token({ oid: '99999999-0000-4000-8000-000000000000' }))
    expect(page.status).toBe(403)
    expect(page.html).toContain('not registered with this partnership')
  })

  it('serves the shell with a policy that lets only Teams and Microsoft 365 frame it', async () => {
    const res = await fetch(`${h.app.url}/tab`)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("frame-ancestors 'self' https://teams.microsoft.com")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
