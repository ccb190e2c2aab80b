/** Error codes the services throw; bot/ turns each into a friendly card or modal message. */
export type AppErrorCode =
  /** The platform identity is not a registered, active person of any partnership. Say so politely, nothing else. */
  | 'NOT_REGISTERED'
  /** The person is registered but their role or sub-group membership does not allow this. */
  | 'NOT_PERMITTED'
  /** The record does not exist, or is not visible to this person. */
  | 'NOT_FOUND'
  /** Input failed validation; `fieldErrors` maps form field ids to messages. Nothing was written. */
  | 'INVALID_INPUT'
  /** The record's status does not allow this change (see the domain's transition table). */
  | 'INVALID_TRANSITION'
  /** Someone already made this decision; `detail.by` and `detail.at` say who and when. Treat as final. */
  | 'ALREADY_DONE'
  /** Free text looks like it holds identifying details; the person must edit it or confirm. Nothing was written. */
  | 'SENSITIVE_TEXT'
  /** Something the app depends on is not configured (e.g. no channel set for the Case Review Group). */
  | 'NOT_CONFIGURED'

export type FieldMessages = Record<string, string>

export class AppError extends Error {
  readonly code: AppErrorCode
  readonly userMessage: string
  readonly fieldErrors: FieldMessages
  readonly detail: Record<string, unknown>

  constructor(
    code: AppErrorCode,
    userMessage: string,
    options: { fieldErrors?: FieldMessages; detail?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(`${code}: ${userMessage}`, { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.userMessage = userMessage
    this.fieldErrors = options.fieldErrors ?? {}
    this.detail = options.detail ?? {}
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError
