import type { BoardTemplate } from '@circlespace/shared'
import type { BoardTemplateRecord } from '../storage/Storage.ts'

/** A board template as the API shows it to someone who may (or may not) edit it. */
export function boardTemplateView(record: BoardTemplateRecord, canEdit: boolean): BoardTemplate {
	return {
		id: record.id,
		tribeId: record.tribeId,
		name: record.name,
		description: record.description,
		shapeCount: record.shapeCount,
		hasThumbnail: record.hasThumbnail,
		createdBy: record.createdBy,
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
		can: { edit: canEdit },
	}
}
