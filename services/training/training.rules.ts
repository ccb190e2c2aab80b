/** Pure rules of training: the identifying-details check on a form's free text, and who is in a session's audience. */
import { AppError } from '../../lib/errors.js'
import { describeFindings, findSensitiveFields } from '../privacy/sensitive-text.js'

/**
 * Free text that looks like it identifies a child or family member is refused (SENSITIVE_TEXT, a message per
 * field quoting the words) until the person edits it or ticks the confirmation.
 */
export function refuseIdentifyingDetails(input: Record<string, unknown>, fields: readonly string[]): void {
  if (input.confirmSensitive === true) return
  const findings = findSensitiveFields(Object.fromEntries(fields.map((f) => [f, input[f]])))
  if (!Object.keys(findings).length) return
  throw new AppError('SENSITIVE_TEXT', 'Some of your answers may identify a child or family member.', {
    fieldErrors: Object.fromEntries(Object.entries(findings).map(([field, list]) => [field, describeFindings(list)])),
  })
}

/** Whether a person of `agencyKey` is in a session's audience (no agencies listed: every agency). */
export const isInAudience = (agencyKeys: string[], agencyKey: string | null): boolean =>
  agencyKeys.length === 0 || (agencyKey !== null && agencyKeys.includes(agencyKey))
