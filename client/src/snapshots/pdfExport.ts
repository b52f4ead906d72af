import type { Editor, TLShape } from 'tldraw'
import { safeFileName, saveFile } from './files.ts'
import { buildPdf, type PdfPicture, type SessionCover } from './pdf.ts'

// Pictures are drawn at up to twice screen size, and never wider or taller than this, so that a
// page prints sharply without making the file huge.
const MAX_PICTURE_PX = 2400

/**
 * The pictures of a PDF of the current page: one per frame (top to bottom, then left to
 * right), or the whole page when it has no frames; none when the page is empty.
 */
export async function renderPdfPictures(
	editor: Editor,
	onProgress?: (done: number, total: number) => void,
): Promise<PdfPicture[]> {
	const shapes = editor.getCurrentPageShapesSorted()
	if (shapes.length === 0) return []
	const frames = shapes
		.filter((shape) => editor.isShapeOfType(shape, 'frame'))
		.sort((a, b) => a.y - b.y || a.x - b.x)
	const pageName = editor.getCurrentPage().name
	const parts: Array<{ caption: string; shapes: TLShape[] }> =
		frames.length > 0
			? frames.map((frame, index) => ({
					caption: frameName(frame, index),
					shapes: [frame],
				}))
			: [{ caption: pageName, shapes }]
	const pictures: PdfPicture[] = []
	for (const part of parts) {
		const ids = part.shapes.map((shape) => shape.id)
		const bounds = editor.getShapesPageBounds(ids)
		const largest = bounds ? Math.max(bounds.w, bounds.h, 1) : 1
		const scale = Math.min(2, MAX_PICTURE_PX / largest)
		const { blob } = await editor.toImage(ids, {
			format: 'png',
			background: true,
			padding: 16,
			scale,
			darkMode: false,
		})
		pictures.push({ caption: part.caption, png: new Uint8Array(await blob.arrayBuffer()) })
		onProgress?.(pictures.length, parts.length)
	}
	return pictures
}

function frameName(frame: TLShape, index: number): string {
	const name = 'name' in frame.props && typeof frame.props.name === 'string' ? frame.props.name.trim() : ''
	return name ? `Frame: ${name}` : `Frame ${index + 1}`
}

/**
 * Exports the current page as a PDF, one page per frame (or the whole page), optionally after a
 * session cover, and saves it as `<base name>.pdf`. `onProgress` gets a share from 0 to 1.
 */
export async function exportPdf(
	editor: Editor,
	options: { title: string; baseName: string; cover?: SessionCover; onProgress?: (share: number) => void },
): Promise<string> {
	// Drawing the pictures is the slow part: count it as nine tenths of the work.
	const pictures = await renderPdfPictures(editor, (done, total) =>
		options.onProgress?.((0.9 * done) / total),
	)
	const bytes = await buildPdf({
		title: options.title,
		pictures,
		...(options.cover ? { cover: options.cover } : {}),
	})
	options.onProgress?.(1)
	const fileName = `${safeFileName(options.baseName)}.pdf`
	saveFile(new Blob([bytes as BlobPart], { type: 'application/pdf' }), fileName)
	return fileName
}
