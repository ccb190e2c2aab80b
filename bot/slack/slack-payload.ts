/**
 * Reading what Slack sends, shared by the listeners of slack-app.ts and slack-dialogs.ts: who is acting, and
 * hidden values as plain strings (never trusted objects, never a prototype).
 */
import type { Incoming } from '../core/types.js'

type Identityish = { user: { id: string; team_id?: string }; team?: { id: string } | null }

/** The person and workspace a payload comes from, and their 1:1 address. */
export const identityOf = (body: unknown): Pick<Incoming, 'platform' | 'identity' | 'personalAddress'> => {
  const b = body as Identityish
  return {
    platform: 'slack',
    identity: { platform: 'slack', userId: b.user.id, teamId: b.team?.id ?? b.user.team_id },
    personalAddress: { userId: b.user.id },
  }
}

/** JSON, or an empty object for anything unreadable. */
export const parseJson = (raw: string | undefined): unknown => {
  try {
    return JSON.parse(raw || '{}') as unknown
  } catch {
    return {}
  }
}

/** Hidden values as strings, in an object with no prototype: a key like `constructor` finds nothing inherited. */
export const toMeta = (value: unknown): Record<string, string> => {
  const meta: Record<string, string> = Object.create(null)
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) meta[k] = String(v)
  return meta
}

/** A view's private_metadata as hidden values. */
export const parseMeta = (raw: string | undefined) => toMeta(parseJson(raw))
