import { AppError } from '../errors.ts'
import type { Storage } from '../storage/Storage.ts'

/**
 * Refuses (400) to put a board on a day beyond its circle's journey. Without a journey any day
 * the format allows is accepted: a facilitator may prepare boards before the journey starts.
 */
export async function checkJourneyDay(
	storage: Storage,
	circleId: string,
	day: number | null | undefined,
): Promise<void> {
	if (day === null || day === undefined) return
	const journey = await storage.journeys.getJourney(circleId)
	if (!journey) return
	const template = await storage.journeys.getTemplate(journey.templateId)
	const lengthDays = template?.template.lengthDays
	if (lengthDays !== undefined && day > lengthDays) {
		throw new AppError('VALIDATION', `This circle's journey has ${lengthDays} days.`, {
			issues: [{ path: 'journeyDay', message: `This circle's journey has ${lengthDays} days` }],
		})
	}
}
