import { boardSchema } from '@circlespace/shared/boardSchema/index.ts'
import type { SerializedSchema, SerializedSchemaV2 } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'

/**
 * The board schema (shared/src/boardSchema/): tldraw's default shapes and bindings and our own,
 * the same one the web client's store uses. Immutable, so one instance serves every request.
 * This module is loaded only by the import and export routes' lazily imported modules.
 */
export const tldrawSchema = boardSchema()

/** {@link tldrawSchema} serialized, as it is stored beside a board's records. */
export const currentSchema: SerializedSchemaV2 = tldrawSchema.serialize()

/** The record types of the current schema, by name. */
export function recordTypeOf(typeName: string) {
	return Object.hasOwn(tldrawSchema.types, typeName)
		? tldrawSchema.types[typeName as TLRecord['typeName']]
		: undefined
}

/**
 * Whether records of this type belong in a board's document: document-scoped types only, and
 * never tldraw's `user` records (the binding keeps them out of the doc; see the tldraw-yjs
 * CONTEXT.md).
 */
export function isBoardRecordType(typeName: string): boolean {
	return typeName !== 'user' && recordTypeOf(typeName)?.scope === 'document'
}

/**
 * Whether `schema` was written by a newer tldraw than this server's: a sequence of ours at a
 * higher version, or a tldraw sequence (`com.tldraw.*`) this server lacks, or one tldraw cannot
 * find a migration path from. Sequences of other apps (custom shapes) are not counted here: their
 * records fail validation with a message that names them.
 */
export function isNewerSchema(schema: SerializedSchema): boolean {
	if (schema.schemaVersion === 2) {
		for (const [sequenceId, version] of Object.entries(schema.sequences)) {
			const ours = currentSchema.sequences[sequenceId]
			if (ours === undefined ? sequenceId.startsWith('com.tldraw.') : version > ours) return true
		}
	}
	return !tldrawSchema.getMigrationsSince(schema).ok
}
