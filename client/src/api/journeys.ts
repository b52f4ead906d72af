import type {
	CircleJourneyView,
	JourneyTemplateDetail,
	JourneyTemplateInput,
	JourneyTemplateSummary,
	ParallelJourneys,
	PutCircleJourney,
} from '@circlespace/shared'
import { api } from './client.ts'
import { call, callNoContent, callResponse } from './http.ts'
import { type DownloadedFile, fileNameFromDisposition } from './snapshots.ts'

/**
 * Whose journey templates a call is about: a tribe's (written by its stewards) or one circle's
 * own (written by its facilitators). The routes are the same under both.
 */
export type JourneyTemplateOwner = { kind: 'tribe'; id: string } | { kind: 'circle'; id: string }

/** The owner of a tribe's templates. */
export function tribeTemplates(tribeId: string): JourneyTemplateOwner {
	return { kind: 'tribe', id: tribeId }
}

/** The owner of a circle's own templates. */
export function circleTemplates(circleId: string): JourneyTemplateOwner {
	return { kind: 'circle', id: circleId }
}

function templatesOf(owner: JourneyTemplateOwner) {
	return owner.kind === 'tribe'
		? api.api.tribes[':id']['journey-templates']
		: api.api.circles[':id']['journey-templates']
}

// --- A circle's journey ---

/** The circle's journey: its template, where it stands today and what is on each day. */
export function getCircleJourney(circleId: string, signal?: AbortSignal): Promise<CircleJourneyView> {
	return call(api.api.circles[':id'].journey.$get({ param: { id: circleId } }, { init: { signal } }))
}

/**
 * Starts the circle's journey, or reschedules it (another start date, zone or template: nothing
 * already made moves), pauses (`paused: true`) or resumes it (`paused: false`). Facilitators.
 */
export function putCircleJourney(circleId: string, input: PutCircleJourney): Promise<CircleJourneyView> {
	return call(api.api.circles[':id'].journey.$put({ param: { id: circleId }, json: input }))
}

/** Ends the circle's journey (boards keep their days). Facilitators. */
export function deleteCircleJourney(circleId: string): Promise<void> {
	return callNoContent(api.api.circles[':id'].journey.$delete({ param: { id: circleId } }))
}

// --- A tribe's parallel journeys ---

/** The tribe's circles side by side by day number, filtered by what the person may view. */
export function getParallelJourneys(tribeId: string, signal?: AbortSignal): Promise<ParallelJourneys> {
	return call(api.api.tribes[':id'].journeys.$get({ param: { id: tribeId } }, { init: { signal } }))
}

// --- Journey templates (of a tribe, or a circle's own) ---

/** The owner's templates, by name, without their prompts. */
export function listJourneyTemplates(
	owner: JourneyTemplateOwner,
	signal?: AbortSignal,
): Promise<JourneyTemplateSummary[]> {
	return call(templatesOf(owner).$get({ param: { id: owner.id } }, { init: { signal } }))
}

/** One template in full (prompts included), with whether the person may change it. */
export function getJourneyTemplate(
	owner: JourneyTemplateOwner,
	templateId: string,
	signal?: AbortSignal,
): Promise<JourneyTemplateDetail> {
	return call(
		templatesOf(owner)[':templateId'].$get({ param: { id: owner.id, templateId } }, { init: { signal } }),
	)
}

/** Creates a template from a document; a wrong field answers 400 with `issues` per field. */
export function createJourneyTemplate(
	owner: JourneyTemplateOwner,
	template: JourneyTemplateInput,
): Promise<JourneyTemplateDetail> {
	return call(templatesOf(owner).$post({ param: { id: owner.id }, json: template }))
}

/** Creates a copy of the example template Circlespace ships (100 days, ten sections). */
export function createExampleJourneyTemplate(owner: JourneyTemplateOwner): Promise<JourneyTemplateDetail> {
	return call(templatesOf(owner).example.$post({ param: { id: owner.id } }))
}

/**
 * Creates a template from an exported file (its bytes as they are); a file that is not a
 * template answers 400 with a sentence saying why (`parseJourneyTemplateFile` in shared reads
 * it the same way, to check before sending).
 */
export function importJourneyTemplate(
	owner: JourneyTemplateOwner,
	file: Blob | string,
): Promise<JourneyTemplateDetail> {
	// The body is the raw file, which the typed client has no input type for.
	return call(
		templatesOf(owner).import.$post(
			{ param: { id: owner.id } },
			{ init: { body: file, headers: { 'content-type': 'application/json' } } },
		),
	)
}

/** The template as a `.journey.json` file to save, with the name the server suggests. */
export async function downloadJourneyTemplate(
	owner: JourneyTemplateOwner,
	templateId: string,
): Promise<DownloadedFile> {
	const response = await callResponse(
		templatesOf(owner)[':templateId'].export.$get({ param: { id: owner.id, templateId } }),
	)
	return {
		blob: await response.blob(),
		fileName: fileNameFromDisposition(response.headers.get('content-disposition')),
	}
}

/** Replaces a template (circles following it see the change at once). */
export function replaceJourneyTemplate(
	owner: JourneyTemplateOwner,
	templateId: string,
	template: JourneyTemplateInput,
): Promise<JourneyTemplateDetail> {
	return call(templatesOf(owner)[':templateId'].$put({ param: { id: owner.id, templateId }, json: template }))
}

/** Deletes a template; 409 while a circle's journey follows it. */
export function deleteJourneyTemplate(owner: JourneyTemplateOwner, templateId: string): Promise<void> {
	return callNoContent(templatesOf(owner)[':templateId'].$delete({ param: { id: owner.id, templateId } }))
}
