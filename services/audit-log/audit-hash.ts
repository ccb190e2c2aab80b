/**
 * The audit chain's hashes and the key they are keyed with.
 *
 * Each event's hash is an HMAC-SHA-256 over the previous event's hash and a canonical JSON of the event,
 * keyed with AUDIT_HMAC_KEY, which lives outside the database. Someone who can write to the database but
 * does not hold the key cannot give an edited event (or the events after it) hashes that verify. Events
 * written before the key existed were hashed with plain SHA-256 (`legacyAuditHash`); the migration
 * audit_chain_head records where they end, and verify checks them the old way.
 *
 * The key: `useAuditKey` sets it at start (from lib/config.ts). If nothing set it, the first use reads
 * AUDIT_HMAC_KEY from the environment, or outside production a key generated once into
 * DATA_DIR/audit-hmac.key (mode 0600). In production there is no fallback: no key, no audit.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export const GENESIS_HASH = '0'.repeat(64)
/** The shortest AUDIT_HMAC_KEY accepted (e.g. `openssl rand -base64 32` gives 44 characters). */
const MIN_AUDIT_KEY_LENGTH = 32
/** The development key's file name inside DATA_DIR. */
const DEV_KEY_FILE = 'audit-hmac.key'

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

// ---------------------------------------------------------------- the key

let configuredKey: Buffer | undefined

/** Sets the key every audit hash, seal and checkpoint in this process uses (call once at start). */
export function useAuditKey(key: string): void {
  if (key.length < MIN_AUDIT_KEY_LENGTH) {
    throw new Error(`AUDIT_HMAC_KEY must be at least ${MIN_AUDIT_KEY_LENGTH} characters`)
  }
  configuredKey = Buffer.from(key, 'utf8')
}

/**
 * The key to use: `key` when given; otherwise, outside production, the one kept in `dataDir` (generated
 * on first use). Throws in production without a key.
 */
export function loadAuditKey(options: { key?: string; dataDir: string; production: boolean }): string {
  if (options.key) return options.key
  if (options.production) throw new Error('AUDIT_HMAC_KEY is required in production')
  return readOrCreateKeyFile(path.resolve(options.dataDir, DEV_KEY_FILE))
}

/** The key in use: the one set with `useAuditKey`, or else one loaded from the environment. */
export function auditKey(): Buffer {
  if (!configuredKey) {
    const env = process.env
    useAuditKey(
      loadAuditKey({
        key: env.AUDIT_HMAC_KEY || undefined,
        dataDir: env.DATA_DIR || './.data',
        production: env.NODE_ENV === 'production',
      }),
    )
  }
  return configuredKey as Buffer
}

/** A short public name for a key, so a checkpoint signed with another key is told apart from a forgery. */
export function auditKeyId(key: Buffer = auditKey()): string {
  return createHmac('sha256', key).update('audit-key-id').digest('hex').slice(0, 16)
}

/**
 * Reads the development key, or creates it: written to a private temporary file, then linked into place,
 * which fails if another process got there first, so concurrent first starts agree on one key.
 */
function readOrCreateKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  mkdirSync(path.dirname(file), { recursive: true })
  const temporary = `${file}.${randomUUID()}.tmp`
  writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 })
  try {
    linkSync(temporary, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    unlinkSync(temporary)
  }
  return readFileSync(file, 'utf8').trim()
}

// ---------------------------------------------------------------- hashes and signatures

/** An event's hash: HMAC-SHA-256 with the audit key over the previous hash and the event. */
export function auditHash(prevHash: string, event: HashedFields, key: Buffer = auditKey()): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonicalJson(event)).digest('hex')
}

/** The hash events had before the key (plain SHA-256): only for checking those old events. */
export function legacyAuditHash(prevHash: string, event: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(event)).digest('hex')
}

/**
 * A signature over `body` for `purpose` (a checkpoint, the legacy seal). The purpose comes first, so a
 * signature can never pass for an event hash (those begin with a 64-digit hash) or for another purpose.
 */
export function auditSignature(purpose: string, body: unknown, key: Buffer = auditKey()): string {
  return createHmac('sha256', key).update(`audit-${purpose}\n`).update(canonicalJson(body)).digest('hex')
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string | null | undefined, b: string | null | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length) return false
  return timingSafeEqual(Buffer.from(a), Buffer.from(b))
}
