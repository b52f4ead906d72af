/**
 * Name of the `Y.Map` that holds tldraw's document records: key = record id,
 * value = the record as a JSON string (see CONTEXT.md for why a string).
 */
export const RECORDS_MAP = 'tldraw.records'

/** Name of the `Y.Map` that holds metadata about the records, such as the schema they were written with. */
export const META_MAP = 'tldraw.meta'

/** Key in {@link META_MAP} whose value is the serialized tldraw schema (a JSON string). */
export const SCHEMA_KEY = 'schema'
