import type {
	CircleJourney,
	JourneyTemplateDetail,
	JourneyTemplateOutline,
	JourneyTemplateSummary,
} from '@circlespace/shared'
import type { CircleJourneyRecord, JourneyTemplateRecord } from '../storage/Storage.ts'

/** A template as the API returns it, with whether the asking person may change it. */
export function templateDetail(record: JourneyTemplateRecord, canEdit: boolean): JourneyTemplateDetail {
	return {
		id: record.id,
		tribeId: record.tribeId,
		circleId: record.circleId,
		template: record.template,
		usedBy: record.usedBy,
		createdBy: record.createdBy,
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
		can: { edit: canEdit },
	}
}

/** A template in lists. */
export function templateSummary(record: JourneyTemplateRecord): JourneyTemplateSummary {
	return {
		id: record.id,
		tribeId: record.tribeId,
		circleId: record.circleId,
		name: record.template.name,
		lengthDays: record.template.lengthDays,
		sectionCount: record.template.sections.length,
		promptCount: record.template.prompts.length,
		usedBy: record.usedBy,
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
	}
}

/** What a timeline draws of a template (no prompts). */
export function templateOutline(record: JourneyTemplateRecord): JourneyTemplateOutline {
	const { name, lengthDays, sections, actionDays } = record.template
	return { id: record.id, name, lengthDays, sections, actionDays }
}

/** A circle's journey as the API returns it. */
export function journeyView(record: CircleJourneyRecord): CircleJourney {
	const open = record.pauses.at(-1)?.resumedOn === null
	return {
		circleId: record.circleId,
		templateId: record.templateId,
		startDate: record.startDate,
		timeZone: record.timeZone,
		state: open ? 'paused' : 'running',
		pauses: record.pauses,
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
	}
}
