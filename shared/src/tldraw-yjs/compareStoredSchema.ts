import type { SerializedSchema, StoreSchema, UnknownRecord } from '@tldraw/store'

/**
 * How a stored schema relates to the running client's schema:
 * - `same`: records can be read and written as they are;
 * - `older`: the client can migrate the records forward;
 * - `newer`: written by a client that knows migrations this one lacks (a higher version of a
 *   sequence, or a sequence it does not have), so writing would lose or corrupt data.
 */
export type SchemaRelation = 'same' | 'older' | 'newer'

/**
 * Compares the schema stored in a doc with the client's schema.
 *
 * `getMigrationsSince` alone is not enough: it ignores sequences the client does not know,
 * so a doc with an extra sequence (say, a record type added by a newer tldraw) would look
 * "same". Anything the client cannot migrate from is treated as `newer`, the safe side.
 */
export function compareStoredSchema(
	schema: StoreSchema<UnknownRecord, unknown>,
	stored: SerializedSchema,
): SchemaRelation {
	const current = schema.serialize()
	if (stored.schemaVersion === 2) {
		for (const [sequenceId, version] of Object.entries(stored.sequences)) {
			const ours = current.sequences[sequenceId]
			if (ours === undefined || version > ours) return 'newer'
		}
	}
	const migrations = schema.getMigrationsSince(stored)
	if (!migrations.ok) return 'newer'
	if (migrations.value.length > 0) return 'older'
	if (stored.schemaVersion === 1) return 'older'
	const storedSequences = stored.sequences
	const lacksSequence = Object.keys(current.sequences).some((id) => storedSequences[id] === undefined)
	return lacksSequence ? 'older' : 'same'
}
