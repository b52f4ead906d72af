import type { SerializedSchema } from '@tldraw/store'
import type * as Y from 'yjs'
import { META_MAP, SCHEMA_KEY } from './yjsLayout.ts'

/**
 * The tldraw schema a Y doc's records were written with: `null` when none is stored yet,
 * `'unreadable'` when something is stored that is not a serialized schema.
 */
export function readStoredSchema(doc: Y.Doc): SerializedSchema | null | 'unreadable' {
	const value = doc.getMap<unknown>(META_MAP).get(SCHEMA_KEY)
	if (value === undefined) return null
	if (typeof value !== 'string') return 'unreadable'
	try {
		const parsed: unknown = JSON.parse(value)
		if (isSerializedSchema(parsed)) return parsed
	} catch {
		// falls through: a broken value is reported like any other unreadable one
	}
	return 'unreadable'
}

function isSerializedSchema(value: unknown): value is SerializedSchema {
	if (typeof value !== 'object' || value === null) return false
	const schema = value as Record<string, unknown>
	if (schema.schemaVersion === 1) {
		return typeof schema.storeVersion === 'number' && typeof schema.recordVersions === 'object'
	}
	if (schema.schemaVersion === 2) {
		const sequences = schema.sequences
		return (
			typeof sequences === 'object' &&
			sequences !== null &&
			Object.values(sequences).every((v) => typeof v === 'number')
		)
	}
	return false
}
