import { AppError } from '../errors.ts'

/**
 * Reads a request body of at most `maxBytes`, without ever holding more than that in memory:
 * a declared Content-Length is checked first, then the stream is counted as it arrives (the
 * header may be absent or false). Throws `PAYLOAD_TOO_LARGE` beyond the limit.
 */
export async function readBodyWithLimit(request: Request, maxBytes: number): Promise<Uint8Array> {
	const tooLarge = () =>
		new AppError('PAYLOAD_TOO_LARGE', `The file is too large (at most ${maxBytes} bytes).`)
	const declared = request.headers.get('content-length')
	if (declared !== null && Number(declared) > maxBytes) throw tooLarge()
	if (!request.body) return new Uint8Array(0)

	const chunks: Uint8Array[] = []
	let total = 0
	const reader = request.body.getReader()
	try {
		for (;;) {
			const { done, value } = await reader.read()
			if (done) break
			total += value.byteLength
			if (total > maxBytes) {
				await reader.cancel()
				throw tooLarge()
			}
			chunks.push(value)
		}
	} finally {
		reader.releaseLock()
	}
	const body = new Uint8Array(total)
	let offset = 0
	for (const chunk of chunks) {
		body.set(chunk, offset)
		offset += chunk.byteLength
	}
	return body
}
