/** The audit chain's hash: sha256 over the previous hash and a canonical JSON of the event. */
import { createHash } from 'node:crypto'

export const GENESIS_HASH = '0'.repeat(64)

/** JSON with object keys sorted, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (typeof value === 'bigint') return JSON.stringify(value.toString())
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export type HashedFields = {
  partnershipId: string
  seq: number
  at: Date
  actorId: string | null
  action: string
  subjectType: string
  subjectId: string
  before: unknown
  after: unknown
}

export function auditHash(prevHash: string, event: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(event)).digest('hex')
}
