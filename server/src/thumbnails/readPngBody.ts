import { sniffImageType } from '../assets/imageTypes.ts'
import { readBodyWithLimit } from '../assets/readBodyWithLimit.ts'
import { AppError } from '../errors.ts'
import { formatSize } from '../snapshots/snapshotRoutes.ts'
import { pngSize } from './pngSize.ts'

/** A PNG read from a request body. */
export interface ReadPng {
	bytes: Uint8Array
	width: number
	height: number
}

/**
 * Reads a request body that must be a PNG of at most `maxBytes` and `maxPx` × `maxPx`, streamed
 * with the limit of asset uploads (`readBodyWithLimit`) and told by its bytes as assets are
 * (`sniffImageType`), never by the Content-Type a client claims. Answers 413 beyond the size and
 * 415 for anything but a PNG whose declared dimensions are within bounds.
 */
export async function readPngBody(request: Request, maxBytes: number, maxPx: number): Promise<ReadPng> {
	let bytes: Uint8Array
	try {
		bytes = await readBodyWithLimit(request, maxBytes)
	} catch (error) {
		if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') {
			throw new AppError('PAYLOAD_TOO_LARGE', `A thumbnail can be at most ${formatSize(maxBytes)}.`)
		}
		throw error
	}
	const size = sniffImageType(bytes)?.mime === 'image/png' ? pngSize(bytes) : undefined
	if (!size) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'A thumbnail must be a PNG image.')
	if (size.width > maxPx || size.height > maxPx) {
		throw new AppError(
			'UNSUPPORTED_MEDIA_TYPE',
			`A thumbnail can be at most ${maxPx} × ${maxPx} pixels (this one is ${size.width} × ${size.height}).`,
		)
	}
	return { bytes, ...size }
}
