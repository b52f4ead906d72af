import { spaceIdSchema } from '@circlespace/shared'
import { AppError } from '../errors.ts'

/** The 404 of a thing that does not exist or may not be seen (the two are never told apart). */
export function notFound(what: 'tribe' | 'circle' | 'board' | 'person' | 'invitation' | 'request'): AppError {
	const messages = {
		tribe: 'This tribe does not exist, or you cannot see it.',
		circle: 'This circle does not exist, or you cannot see it.',
		board: 'This board does not exist, or you cannot see it.',
		person: 'There is no such person here.',
		invitation: 'This invitation link does not exist.',
		request: 'There is no such join request.',
	}
	return new AppError('NOT_FOUND', messages[what])
}

/** A path id; a malformed one names nothing, so it answers 404 like an unknown one. */
export function pathId(raw: string, what: Parameters<typeof notFound>[0]): string {
	const parsed = spaceIdSchema.safeParse(raw)
	if (!parsed.success) throw notFound(what)
	return parsed.data
}

/** A 403 for something the person can see but may not do. */
export function notAllowed(message: string): AppError {
	return new AppError('FORBIDDEN', message)
}
