/**
 * Seeds the audit tools (prisma/seed/audit-tools.json: Section 11, Section 175/157 and the multi-agency case
 * audit) as version 1 for every partnership that has none of that key yet. Idempotent: a second run (another
 * instance, a restart) finds the versions and adds nothing; the unique (partnership, key, version) stops a race.
 */
import { z } from 'zod'
import type { DbClient } from '../../lib/db.js'
import { isUniqueViolation } from '../../lib/db.js'
import { recordAudit } from '../audit-log/index.js'
import { allQuestions, ZToolSeed } from './audit-tool.schema.js'

const ZToolsFile = z.object({ tools: z.array(ZToolSeed).min(1) })

/** Adds each seeded tool that a partnership does not have yet; returns how many versions were made. */
export async function seedAuditTools(db: DbClient, file: unknown, now = new Date()): Promise<number> {
  const { tools } = ZToolsFile.parse(file)
  let made = 0
  for (const partnership of await db.partnership.findMany({ select: { id: true } })) {
    const have = new Set(
      (await db.auditTool.findMany({ where: { partnershipId: partnership.id }, select: { key: true } })).map(
        (t) => t.key,
      ),
    )
    for (const tool of tools.filter((t) => !have.has(t.key))) {
      try {
        await db.$transaction(async (tx) => {
          const row = await tx.auditTool.create({
            data: {
              partnershipId: partnership.id,
              key: tool.key,
              version: 1,
              name: tool.name,
              auditType: tool.auditType,
              definition: tool.definition,
              createdAt: now,
            },
          })
          await recordAudit(tx, {
            partnershipId: partnership.id,
            actorId: null,
            action: 'AUDIT_TOOL_VERSION_CREATED',
            subjectType: 'audit-tool',
            subjectId: row.id,
            after: { key: tool.key, version: 1, basedOnId: null, questions: allQuestions(tool.definition).length },
            at: now,
          })
        })
        made += 1
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
      }
    }
  }
  return made
}
