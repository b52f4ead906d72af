import { requestJson } from './http.ts'

/**
 * Uploads an image file and returns the same-origin URL it is served from. The bytes go to
 * the server so that the board document only ever holds a short URL, never a data: URL.
 */
export async function uploadAsset(file: Blob, signal?: AbortSignal): Promise<string> {
	const { src } = await requestJson<{ src: string }>('/api/assets', {
		method: 'POST',
		headers: { 'content-type': file.type || 'application/octet-stream' },
		body: file,
		signal,
	})
	return src
}
