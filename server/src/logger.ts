import { type Logger, pino } from 'pino'

export type { Logger }

/**
 * The process logger. Modules take a child (`logger.child({ module: 'sync' })`).
 * Cookies and authorization headers are redacted should they ever be logged.
 */
export function createLogger(level: string): Logger {
	return pino({
		level,
		redact: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.token'],
	})
}
