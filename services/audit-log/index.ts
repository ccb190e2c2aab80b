export { recordAudit, recordAudits } from './record-audit.js'
export { verifyAuditChain } from './verify-audit-chain.js'

export { loadAuditKey, useAuditKey } from './audit-hash.js'
export { runAuditCheckpoint } from './audit-checkpoint.js'
