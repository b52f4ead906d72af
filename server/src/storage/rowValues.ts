/** A timestamp column as an ISO string, whichever database returned it. */
export function toIso(value: string | Date): string {
	return value instanceof Date ? value.toISOString() : value
}

/** A bigint/integer column as a number (`pg` returns `bigint` as a string). */
export function toNumber(value: number | string | bigint | null | undefined): number {
	if (value === null || value === undefined) return 0
	return Number(value)
}

/**
 * A binary column as a plain `Uint8Array` of its own (`pg` returns a `Buffer`, which may be a
 * view into a shared pool; copying keeps callers from seeing or changing other data).
 */
export function toBytes(value: Uint8Array): Uint8Array {
	return Buffer.isBuffer(value) ? new Uint8Array(value) : value
}
