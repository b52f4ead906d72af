import type { JourneyTemplateOwner } from '../../api/journeys.ts'
import { circlePath, tribePath } from '../../app/router.ts'

/** Whose journey templates are shown: a tribe's, or one circle's own. */
export type TemplateOwner = { kind: 'tribe'; tribeId: string } | { kind: 'circle'; circleId: string }

/** The owner as the API calls name it. */
export function apiOwnerOf(owner: TemplateOwner): JourneyTemplateOwner {
	return owner.kind === 'tribe'
		? { kind: 'tribe', id: owner.tribeId }
		: { kind: 'circle', id: owner.circleId }
}

/** Path of the page that lists the owner's templates (`/t/:tribeId/templates`, `/c/:circleId/templates`). */
export function templatesPath(owner: TemplateOwner): string {
	return `${owner.kind === 'tribe' ? tribePath(owner.tribeId) : circlePath(owner.circleId)}/templates`
}

/** Path of the editor of one template (read-only for those who may not change it). */
export function templateEditorPath(owner: TemplateOwner, templateId: string): string {
	return `${templatesPath(owner)}/${encodeURIComponent(templateId)}`
}
