import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { z } from 'zod'
import { AppError } from '../errors.ts'

/**
 * A zod validator whose failures become the one VALIDATION problem shape, listing each
 * field that is wrong.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
	target: Target,
	schema: Schema,
) {
	return zValidator(target, schema, (result) => {
		if (!result.success) {
			throw new AppError('VALIDATION', 'Some fields are not valid.', {
				issues: result.error.issues.map((issue) => ({
					path: issue.path.join('.') || target,
					message: issue.message,
				})),
			})
		}
	})
}
