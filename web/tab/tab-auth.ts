/**
 * Who is looking at the Teams tab. Teams single sign-on gives the tab's script a token
 * (`authentication.getAuthToken`); every request for a tab page carries it, and it is checked here with `jose`:
 * the signature against Microsoft identity platform's published keys, the audience (the app's client id or
 * its Application ID URI), the issuer (Microsoft, for the token's own tenant), the tenant when one is
 * configured, and the expiry. The person is then found by the token's `oid` through services, as the bot finds
 * them, which also refuses any tenant that is not the partnership's.
 *
 * In development the playground signs the tab in as the person chosen in it: it mints a token with a key pair
 * made at start-up, and only then does that key join the trusted ones. In production there is no such key.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type JWTVerifyGetKey,
} from 'jose'

/** What a valid token says about its bearer. */
type TabIdentity = { aadObjectId: string; tenantId: string }

export type TabAuth = {
  /** Checks a token; throws when it is not valid for this app. */
  verify(token: string): Promise<TabIdentity>
  /** Development only: a token for this person, signed with the start-up key (absent in production). */
  mintDevToken?: (identity: TabIdentity) => Promise<string>
}

export type TabAuthOptions = {
  /** The Entra app's client id (by default the bot's MICROSOFT_APP_ID). */
  clientId: string
  /** The Application ID URI, e.g. api://learning-loop.example.org/<client id>, also accepted as audience. */
  resource?: string
  /** When set, only tokens of this tenant are accepted. */
  tenantId?: string
  /** Where the signing keys are published (tests point this at a local key set). */
  keys: JWTVerifyGetKey
  /** Development: also trust a key made at start-up, so the playground can sign people in. */
  devSigning?: boolean
}

/** Microsoft identity platform's signing keys, fetched and cached by jose. */
export const microsoftKeys = (url = 'https://login.microsoftonline.com/common/discovery/v2.0/keys') =>
  createRemoteJWKSet(new URL(url))

const DEV_KID = 'learning-loop-playground'

/** Builds the tab's token check. */
export async function createTabAuth(options: TabAuthOptions): Promise<TabAuth> {
  const audience = [options.clientId, ...(options.resource ? [options.resource] : [])]
  let keys = options.keys
  let mintDevToken: TabAuth['mintDevToken']
  if (options.devSigning) {
    const pair = await generateKeyPair('RS256')
    const devKeys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: DEV_KID, alg: 'RS256' }] })
    const remote = options.keys
    keys = (header, token) => (header.kid === DEV_KID ? devKeys(header, token) : remote(header, token))
    mintDevToken = (identity) =>
      new SignJWT({ oid: identity.aadObjectId, tid: identity.tenantId, ver: '2.0' })
        .setProtectedHeader({ alg: 'RS256', kid: DEV_KID })
        .setIssuer(`https://login.microsoftonline.com/${identity.tenantId}/v2.0`)
        .setAudience(options.clientId)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(pair.privateKey)
  }
  return {
    async verify(token) {
      const { payload } = await jwtVerify(token, keys, { audience, algorithms: ['RS256'], clockTolerance: 60 })
      const tenantId = typeof payload.tid === 'string' ? payload.tid : ''
      const aadObjectId = typeof payload.oid === 'string' ? payload.oid : ''
      if (!tenantId || !aadObjectId) throw new Error('token without tenant or object id')
      // v2.0 and v1.0 tokens name their tenant in the issuer; a token issued for another tenant is refused.
      const issuers = [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`]
      if (!issuers.includes(String(payload.iss))) throw new Error('token from an unexpected issuer')
      if (options.tenantId && tenantId !== options.tenantId) throw new Error('token from another tenant')
      return { aadObjectId, tenantId }
    },
    ...(mintDevToken ? { mintDevToken } : {}),
  }
}
