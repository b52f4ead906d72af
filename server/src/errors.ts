/** The closed set of error codes the API can answer with. */
export type ErrorCode =
	| 'NOT_FOUND'
	| 'FORBIDDEN'
	| 'UNAUTHENTICATED'
	| 'VALIDATION'
	| 'CONFLICT'
	| 'RATE_LIMITED'
	| 'PAYLOAD_TOO_LARGE'
	| 'UNSUPPORTED_MEDIA_TYPE'
	| 'INTERNAL'

const statusByCode: Record<ErrorCode, number> = {
	NOT_FOUND: 404,
	FORBIDDEN: 403,
	UNAUTHENTICATED: 401,
	VALIDATION: 400,
	CONFLICT: 409,
	RATE_LIMITED: 429,
	PAYLOAD_TOO_LARGE: 413,
	UNSUPPORTED_MEDIA_TYPE: 415,
	INTERNAL: 500,
}

const titleByCode: Record<ErrorCode, string> = {
	NOT_FOUND: 'Not found',
	FORBIDDEN: 'Forbidden',
	UNAUTHENTICATED: 'Sign-in required',
	VALIDATION: 'Invalid request',
	CONFLICT: 'Conflict',
	RATE_LIMITED: 'Too many requests',
	PAYLOAD_TOO_LARGE: 'Payload too large',
	UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
	INTERNAL: 'Internal server error',
}

/** A problem found by one field of a validated input. */
export interface FieldIssue {
	path: string
	message: string
}

/**
 * The one error type of the server. `userMessage` is safe to show a person; `message`
 * (internal detail) is only logged.
 */
export class AppError extends Error {
	readonly code: ErrorCode
	readonly userMessage: string
	readonly issues: FieldIssue[] | undefined
	/** For RATE_LIMITED: seconds until a retry may succeed, sent as `Retry-After`. */
	readonly retryAfterSeconds: number | undefined

	constructor(
		code: ErrorCode,
		userMessage: string,
		options?: { internal?: string; issues?: FieldIssue[]; cause?: unknown; retryAfterSeconds?: number },
	) {
		super(options?.internal ?? userMessage, { cause: options?.cause })
		this.name = 'AppError'
		this.code = code
		this.userMessage = userMessage
		this.issues = options?.issues
		this.retryAfterSeconds = options?.retryAfterSeconds
	}

	get status(): number {
		return statusByCode[this.code]
	}

	get title(): string {
		return titleByCode[this.code]
	}
}

/** RFC 9457 problem details, as every API error is answered. */
export interface ProblemJson {
	type: string
	title: string
	status: number
	detail: string
	code: ErrorCode
	requestId: string
	issues?: FieldIssue[]
}

/** Renders an error as problem JSON. Errors that are not AppErrors become a generic 500. */
export function toProblem(error: unknown, requestId: string): ProblemJson {
	const appError =
		error instanceof AppError ? error : new AppError('INTERNAL', 'Something went wrong on our side.')
	return {
		type: 'about:blank',
		title: appError.title,
		status: appError.status,
		detail: appError.userMessage,
		code: appError.code,
		requestId,
		...(appError.issues ? { issues: appError.issues } : {}),
	}
}
