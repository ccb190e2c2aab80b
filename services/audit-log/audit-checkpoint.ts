/**
 * Signed checkpoints of the audit chain: "partnership P's event N had hash H", signed with the audit key
 * and kept where the database cannot change them (printed by `npm run audit:verify`, appended nightly to
 * DATA_DIR/audit-checkpoints.jsonl and written to the log).
 *
 * Why: someone who can bypass the database's triggers can delete the newest events and move the chain
 * head back with them; the chain that is left still verifies. A checkpoint taken before that proves it:
 * `audit:verify --since CHECKPOINT` fails if the chain now ends before event N, or if event N's hash is not
 * H. Because every hash covers the one before it, an unchanged hash at N means events 1 to N are exactly
 * as they were when the checkpoint was signed; the chain check then proves N to the head has no gap.
 */
import { appendFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { ServiceContext } from '../../lib/context.js'
import type { Db } from '../../lib/db.js'
import { auditKey, auditKeyId, auditSignature, sameHash } from './audit-hash.js'
import { type ChainEnd, type ChainProblem, verifyAuditChain } from './verify-audit-chain.js'

/** The nightly checkpoints' file name inside DATA_DIR. */
export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl'

const ZCheckpoint = z
  .object({
    v: z.literal(1),
    /** The partnership's key, for people reading it; the id is what is checked. */
    partnership: z.string().nullable(),
    partnershipId: z.string().min(1),
    seq: z.number().int().min(1),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.string().datetime(),
    /** Which key signed it (a public fingerprint of the key, see auditKeyId). */
    keyId: z.string(),
    sig: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict()
export type AuditCheckpoint = z.infer<typeof ZCheckpoint>

const bodyOf = ({ sig: _sig, ...body }: AuditCheckpoint) => body

/** Signs where `end`'s chain ends, at time `at`. */
export function signCheckpoint(end: ChainEnd, at: Date, key: Buffer = auditKey()): AuditCheckpoint {
  const body = {
    v: 1 as const,
    partnership: end.partnershipKey,
    partnershipId: end.partnershipId,
    seq: end.seq,
    hash: end.hash,
    at: at.toISOString(),
    keyId: auditKeyId(key),
  }
  return { ...body, sig: auditSignature('checkpoint', body, key) }
}

/**
 * Reads checkpoints from text: one JSON object, or lines of them (a `checkpoint ` prefix, as
 * `audit:verify` prints them, is allowed). Throws on anything that is not a well-formed checkpoint.
 */
export function parseCheckpoints(text: string): AuditCheckpoint[] {
  const lines = text
    .split('\n')
    .map((line) => line.trim().replace(/^checkpoint\s+/, ''))
    .filter((line) => line.startsWith('{'))
  if (lines.length === 0) throw new Error('no checkpoint found (expected a JSON object per line)')
  return lines.map((line, i) => {
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      throw new Error(`checkpoint ${i + 1} is not JSON`)
    }
    const parsed = ZCheckpoint.safeParse(value)
    if (!parsed.success) throw new Error(`checkpoint ${i + 1} is not a checkpoint: ${parsed.error.issues[0]?.message}`)
    return parsed.data
  })
}

/**
 * Checks `checkpoints` against the chain as it is now: each must carry our signature, its partnership's
 * chain must still reach its event, and that event must still have its hash. Run it with verifyAuditChain,
 * which proves the rest (every link intact, no gap up to the head).
 */
export async function checkCheckpoints(
  db: Db,
  checkpoints: AuditCheckpoint[],
  key: Buffer = auditKey(),
): Promise<ChainProblem[]> {
  const problems: ChainProblem[] = []
  const keyId = auditKeyId(key)
  for (const cp of checkpoints) {
    const seen = `the checkpoint of ${cp.at} (event ${cp.seq})`
    const problem = (text: string) => {
      problems.push({ partnershipId: cp.partnershipId, seq: cp.seq, code: 'CHECKPOINT', problem: `${seen} ${text}` })
    }
    if (cp.keyId !== keyId) {
      problem(`was signed with another key (${cp.keyId}; the key in use is ${keyId}): check AUDIT_HMAC_KEY`)
      continue
    }
    if (!sameHash(auditSignature('checkpoint', bodyOf(cp), key), cp.sig)) {
      problem('does not carry a valid signature: it was altered or forged')
      continue
    }
    const where = { partnershipId: cp.partnershipId }
    const [row, head, newest] = await Promise.all([
      db.auditEvent.findUnique({ where: { partnershipId_seq: { ...where, seq: cp.seq } }, select: { hash: true } }),
      db.auditChainHead.findUnique({ where, select: { seq: true } }),
      db.auditEvent.aggregate({ where, _max: { seq: true } }),
    ])
    const last = newest._max.seq ?? 0
    const end = head ? Math.min(head.seq, last) : last
    if (end < cp.seq) problem(`is past the end of the chain (now event ${end}): events were deleted`)
    else if (!row) problem(`names an event that is missing: events were deleted`)
    else if (!sameHash(row.hash, cp.hash))
      problem('names an event whose hash has changed: events up to it were changed')
  }
  return problems
}

export type CheckpointRun = { checkpoints: AuditCheckpoint[]; problems: ChainProblem[]; file: string }

/**
 * The nightly job: verifies every chain, signs a checkpoint for each intact one and appends them to
 * DATA_DIR/audit-checkpoints.jsonl (the app only ever appends to it). A broken chain gets no checkpoint:
 * its problems are returned for the log.
 */
export async function runAuditCheckpoint(ctx: ServiceContext, options: { dataDir: string }): Promise<CheckpointRun> {
  const report = await verifyAuditChain(ctx.db)
  const at = ctx.clock.now()
  const checkpoints = report.ends.map((end) => signCheckpoint(end, at))
  const file = path.resolve(options.dataDir, CHECKPOINT_FILE)
  if (checkpoints.length > 0) {
    await mkdir(path.dirname(file), { recursive: true })
    await appendFile(file, checkpoints.map((cp) => `${JSON.stringify(cp)}\n`).join(''), { mode: 0o600, flag: 'a' })
  }
  return { checkpoints, problems: report.problems, file }
}
