import { api } from './client.ts'
import { call } from './http.ts'

/**
 * Uploads an image file and returns the same-origin URL it is served from. The bytes go to
 * the server so that the board document only ever holds a short URL, never a data: URL.
 */
export async function uploadAsset(file: Blob, signal?: AbortSignal): Promise<string> {
	// The body is the raw file, which the typed client has no input type for.
	const { src } = await call(
		api.api.assets.$post(undefined, {
			init: { body: file, headers: { 'content-type': file.type || 'application/octet-stream' }, signal },
		}),
	)
	return src
}
