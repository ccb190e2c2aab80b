export { recordAudit, type AuditInput } from './record-audit.js'
export { verifyAuditChain, type ChainReport } from './verify-audit-chain.js'
export { AUDIT_ACTIONS, ZAuditEvent, type AuditAction, type AuditEvent } from './audit-events.js'
export type { AuditFacts } from './audit-event.schema.js'
