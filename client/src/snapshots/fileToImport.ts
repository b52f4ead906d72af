import { tldrawV1DocumentOf } from './files.ts'

/** What a person sees when a tldraw 1 file could not be converted (the server's words, nearly). */
export const V1_NOT_CONVERTED =
	'This is a document from tldraw version 1, which could not be converted here. Open it at tldraw.com and save it again as a new .tldr file.'

/** What the person is told while a tldraw 1 file is converted. */
export const CONVERTING_V1 = 'Converting a tldraw 1 file…'

/**
 * The body to upload when a person imports `file`: a tldraw 1 file is converted here, with
 * tldraw's own converter, into the text of a current `.tldr` file (`onConverting` is called
 * first, so the person is told); any other file is sent as it is, for the server to read or
 * explain. Throws an error saying {@link V1_NOT_CONVERTED} when the conversion fails.
 *
 * The converter mounts a tldraw editor, so its code (`convertV1.tsx`) is loaded only when a
 * tldraw 1 file is actually chosen: the circle page, which offers imports, stays without tldraw.
 */
export async function fileToImport(file: Blob, onConverting: () => void): Promise<Blob> {
	const document = tldrawV1DocumentOf(await file.text())
	if (!document) return file
	onConverting()
	try {
		const { convertV1Document } = await import('./convertV1.tsx')
		return new Blob([await convertV1Document(document)], { type: 'application/json' })
	} catch (cause) {
		console.error('tldraw could not convert the tldraw 1 document', cause)
		throw new Error(V1_NOT_CONVERTED, { cause })
	}
}
