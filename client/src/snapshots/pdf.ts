import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib'

/** One picture of the board to put on a PDF page (a frame, or the whole page). */
export interface PdfPicture {
	/** Shown small above the picture (a frame's name, or the board page's name). */
	caption: string
	png: Uint8Array
}

/** The cover of a session report. */
export interface SessionCover {
	circleName: string
	title: string
	/** Already formatted for people, e.g. "Tuesday 26 November 2026, 14:00". */
	date: string
	/** Already formatted, e.g. "1 h 25 min". */
	duration: string
	participants: string[]
	agenda: string[]
}

/** What goes into a PDF. */
export interface PdfContent {
	/** The document's title (its metadata, and the file's heading when there is no cover). */
	title: string
	/** A cover page for a session report; none for a plain board export. */
	cover?: SessionCover
	/** One page per picture, in order; an empty list gives one page saying the board is empty. */
	pictures: PdfPicture[]
	/** Called after each page is written, with the number done and the total. */
	onProgress?: (done: number, total: number) => void
}

// A4 landscape, in PDF points; boards are wider than tall more often than not.
const PAGE: [number, number] = [841.89, 595.28]
const MARGIN = 36
const CAPTION_SIZE = 10
const INK = rgb(0.11, 0.13, 0.17)
const MUTED = rgb(0.36, 0.4, 0.47)

/**
 * Builds a PDF: an optional session cover, then one page per picture, each scaled to fit an A4
 * landscape page. Text uses the standard Helvetica fonts; characters they cannot draw are
 * replaced with "?" rather than failing the export.
 */
export async function buildPdf(content: PdfContent): Promise<Uint8Array> {
	const pdf = await PDFDocument.create()
	pdf.setTitle(content.title)
	pdf.setCreator('Circlespace')
	const regular = await pdf.embedFont(StandardFonts.Helvetica)
	const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
	const total = content.pictures.length + (content.cover ? 1 : 0)
	let done = 0

	if (content.cover) {
		drawCover(pdf.addPage(PAGE), content.cover, { regular, bold })
		content.onProgress?.(++done, total)
	}
	if (content.pictures.length === 0) {
		const page = pdf.addPage(PAGE)
		page.drawText(drawable(regular, `${content.title}: this board is empty.`), {
			x: MARGIN,
			y: PAGE[1] - MARGIN - 14,
			size: 14,
			font: regular,
			color: MUTED,
		})
	}
	for (const picture of content.pictures) {
		const page = pdf.addPage(PAGE)
		page.drawText(drawable(regular, picture.caption), {
			x: MARGIN,
			y: PAGE[1] - MARGIN - CAPTION_SIZE,
			size: CAPTION_SIZE,
			font: regular,
			color: MUTED,
		})
		const image = await pdf.embedPng(picture.png)
		const boxWidth = PAGE[0] - 2 * MARGIN
		const boxHeight = PAGE[1] - 2 * MARGIN - CAPTION_SIZE - 8
		const scale = Math.min(boxWidth / image.width, boxHeight / image.height, 1)
		const width = image.width * scale
		const height = image.height * scale
		page.drawImage(image, { x: (PAGE[0] - width) / 2, y: MARGIN + (boxHeight - height) / 2, width, height })
		content.onProgress?.(++done, total)
	}
	return pdf.save()
}

function drawCover(page: PDFPage, cover: SessionCover, fonts: { regular: PDFFont; bold: PDFFont }): void {
	const width = PAGE[0] - 2 * MARGIN
	let y = PAGE[1] - MARGIN - 12
	const line = (text: string, size: number, font: PDFFont, color = INK, gap = 6) => {
		for (const wrapped of wrap(font, drawable(font, text), size, width)) {
			page.drawText(wrapped, { x: MARGIN, y, size, font, color })
			y -= size + gap
		}
	}
	line(`Session report · ${cover.circleName}`, 12, fonts.regular, MUTED, 18)
	line(cover.title, 28, fonts.bold, INK, 14)
	line(`${cover.date} · ${cover.duration}`, 13, fonts.regular, MUTED, 22)
	line('Participants', 14, fonts.bold)
	line(
		cover.participants.length > 0 ? cover.participants.join(', ') : 'Nobody recorded.',
		12,
		fonts.regular,
		INK,
		20,
	)
	if (cover.agenda.length > 0) {
		line('Agenda', 14, fonts.bold)
		for (const [index, item] of cover.agenda.entries())
			line(`${index + 1}. ${item}`, 12, fonts.regular, INK, 4)
	}
}

/** The text with every character the font cannot draw replaced by "?". */
function drawable(font: PDFFont, text: string): string {
	const supported = new Set(font.getCharacterSet())
	let out = ''
	for (const char of text.replace(/[\r\n\t]+/g, ' ')) {
		out += supported.has(char.codePointAt(0) ?? 0) ? char : '?'
	}
	return out
}

/** Splits text into lines no wider than `width` at `size` (words longer than a line are cut). */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
	const lines: string[] = []
	let current = ''
	for (const word of text.split(' ')) {
		const candidate = current ? `${current} ${word}` : word
		if (font.widthOfTextAtSize(candidate, size) <= width) {
			current = candidate
			continue
		}
		if (current) lines.push(current)
		current = word
		while (font.widthOfTextAtSize(current, size) > width && current.length > 1) {
			let cut = current.length - 1
			while (cut > 1 && font.widthOfTextAtSize(current.slice(0, cut), size) > width) cut--
			lines.push(current.slice(0, cut))
			current = current.slice(cut)
		}
	}
	if (current) lines.push(current)
	return lines
}
