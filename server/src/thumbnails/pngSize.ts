const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/**
 * The width and height a PNG declares in its header (the IHDR chunk, which the format requires
 * first), or undefined when the bytes are not a PNG with a well-formed header.
 */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
	if (bytes.byteLength < 24) return undefined
	if (!PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return undefined
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	const chunkLength = view.getUint32(8)
	const chunkType = String.fromCharCode(bytes[12] ?? 0, bytes[13] ?? 0, bytes[14] ?? 0, bytes[15] ?? 0)
	if (chunkLength !== 13 || chunkType !== 'IHDR') return undefined
	const width = view.getUint32(16)
	const height = view.getUint32(20)
	if (width === 0 || height === 0) return undefined
	return { width, height }
}
