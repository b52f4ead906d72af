import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { buildPdf } from './pdf.ts'
import { pdfTexts } from './pdfText.ts'

// A 2×1 PNG (one red, one blue pixel).
const PNG = Uint8Array.from(
	atob(
		'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEklEQVR4nGP4z8DAwMDAwMDAAAAMAQH/fD9MAAAAAElFTkSuQmCC',
	),
	(c) => c.charCodeAt(0),
)

describe('PDF export', () => {
	it('puts one page per picture, each with its caption, and reports progress', async () => {
		const progress: string[] = []
		const bytes = await buildPdf({
			title: 'Day 12',
			pictures: [
				{ caption: 'Frame: Check-in', png: PNG },
				{ caption: 'Frame: Harvest', png: PNG },
			],
			onProgress: (done, total) => progress.push(`${done}/${total}`),
		})
		const pdf = await PDFDocument.load(bytes)
		expect(pdf.getPageCount()).toBe(2)
		expect(pdf.getTitle()).toBe('Day 12')
		expect(await pdfTexts(bytes)).toEqual(['Frame: Check-in', 'Frame: Harvest'])
		expect(progress).toEqual(['1/2', '2/2'])
	})

	it('starts a session report with a cover: circle, title, date, duration, participants, agenda', async () => {
		const bytes = await buildPdf({
			title: 'Listening circle',
			cover: {
				circleName: 'Spring cohort',
				title: 'Listening circle',
				date: 'Thursday 26 November 2026, 14:00',
				duration: '1 h 5 min',
				participants: ['Ada', 'Grace'],
				agenda: ['Check-in', 'Pairs'],
			},
			pictures: [{ caption: 'Page 1', png: PNG }],
		})
		expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2)
		const texts = await pdfTexts(bytes)
		expect(texts.slice(0, 3)).toEqual([
			'Session report · Spring cohort',
			'Listening circle',
			'Thursday 26 November 2026, 14:00 · 1 h 5 min',
		])
		expect(texts).toContain('Ada, Grace')
		expect(texts).toContain('2. Pairs')
	})

	it('says so on its one page when the board is empty, and never fails on characters Helvetica lacks', async () => {
		const bytes = await buildPdf({ title: 'Круг 🌱', pictures: [] })
		expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1)
		expect(await pdfTexts(bytes)).toEqual(['???? ?: this board is empty.'])
	})
})
