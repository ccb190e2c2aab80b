export { recordAudit, type AuditInput } from './record-audit.js'
export { verifyAuditChain, type ChainReport } from './verify-audit-chain.js'
export { AUDIT_ACTIONS, type AuditAction } from './audit-actions.js'
