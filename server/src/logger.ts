import { type DestinationStream, type Logger, pino } from 'pino'
import { REDACTED, withoutTokens } from './logRedaction.ts'

export type { Logger }

// Fields that hold a secret wherever they are logged (we log no request object, but an error or
// a helper could carry one).
const SECRET_FIELDS = [
	'cookie',
	'authorization',
	'password',
	'token',
	'*.cookie',
	'*.authorization',
	'*.password',
	'*.token',
	'*.headers.cookie',
	'*.headers.authorization',
	'*.headers["set-cookie"]',
]

/**
 * The process logger. Modules take a child (`logger.child({ module: 'sync' })`).
 * Secret fields are censored, and every line leaves with anything shaped like one of our tokens
 * replaced (`withoutTokens`), at every level. Request paths and queries are redacted where they
 * are logged (`loggedRequestTarget`).
 *
 * @param destination where lines go; standard output unless given (tests pass their own)
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
	const options = {
		level,
		redact: { paths: SECRET_FIELDS, censor: REDACTED },
		hooks: { streamWrite: withoutTokens },
	}
	return destination ? pino(options, destination) : pino(options)
}
