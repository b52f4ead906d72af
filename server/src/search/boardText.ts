import { readRecords, type StoredRecord } from '@circlespace/shared'
import type * as Y from 'yjs'

/** The text of one shape, as search indexes it. */
export interface ShapeText {
	shapeId: string
	text: string
}

/** What {@link boardText} found on a board. */
export interface BoardText {
	/** One entry per shape with text, by shape id. */
	shapes: ShapeText[]
	/** True when the bounds below left some text out. */
	truncated: boolean
}

/**
 * What is indexed per board, at most: 2,000 shapes with text, 4,000 characters of each, 200,000
 * characters in all (about a hundred pages). A board of 200 notes of a few lines is a small part
 * of it; a board pasted full of a book is cut rather than making every search slower.
 */
export const BOARD_TEXT_LIMITS = { maxShapes: 2_000, maxCharsPerShape: 4_000, maxCharsPerBoard: 200_000 }

// Rich text is JSON written by clients: a hostile record could nest deeply or hold many nodes.
const MAX_RICH_TEXT_DEPTH = 32
const MAX_RICH_TEXT_NODES = 10_000

/**
 * The text a person would search for on a board, from its stored records (see
 * `readRecords`): labels of notes, text, geo and arrow shapes (tldraw 5's `richText`, or the
 * plain `text` of records written before rich text), and names of frames, each with its shape
 * id so that a result can open the board at that shape. Records it does not understand are
 * skipped; nothing here throws on what a client wrote. Bounded by {@link BOARD_TEXT_LIMITS}.
 */
export function boardText(records: readonly StoredRecord[], limits = BOARD_TEXT_LIMITS): BoardText {
	const shapes: ShapeText[] = []
	let total = 0
	let truncated = false
	const sorted = records.filter((r) => r.typeName === 'shape').sort((a, b) => (a.id < b.id ? -1 : 1))
	for (const record of sorted) {
		let text = normaliseSpace(textOfShape(record))
		if (text === '') continue
		if (shapes.length === limits.maxShapes || total === limits.maxCharsPerBoard) {
			truncated = true
			break
		}
		const room = Math.min(limits.maxCharsPerShape, limits.maxCharsPerBoard - total)
		if (text.length > room) {
			text = cutAt(text, room)
			truncated = true
			if (text === '') break
		}
		shapes.push({ shapeId: record.id, text })
		total += text.length
	}
	return { shapes, truncated }
}

function textOfShape(record: StoredRecord): string {
	const props = record.props
	if (typeof props !== 'object' || props === null) return ''
	const { richText, text, name } = props as Record<string, unknown>
	switch (record.type) {
		case 'note':
		case 'text':
		case 'geo':
		case 'arrow':
			if (richText !== undefined) return plainTextOfRichText(richText)
			return typeof text === 'string' ? text : ''
		case 'frame':
			return typeof name === 'string' ? name : ''
		default:
			return ''
	}
}

/**
 * The plain text of tldraw's rich text (a ProseMirror document as JSON): the `text` of its text
 * nodes, blocks (paragraphs, headings, list items) on lines of their own, hard breaks as line
 * breaks. Deeper or larger documents than any editor writes are read only as far as the bounds.
 */
export function plainTextOfRichText(richText: unknown): string {
	const blocks: string[] = []
	let line = ''
	let nodes = 0
	const visit = (node: unknown, depth: number): void => {
		if (depth > MAX_RICH_TEXT_DEPTH || nodes >= MAX_RICH_TEXT_NODES) return
		if (typeof node !== 'object' || node === null) return
		nodes++
		const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown }
		if (type === 'text' && typeof text === 'string') {
			line += text
			return
		}
		if (type === 'hardBreak') {
			line += '\n'
			return
		}
		if (!Array.isArray(content)) return
		for (const child of content) visit(child, depth + 1)
		// Every block ends its line, so that words of two paragraphs never run together.
		if (type !== 'doc' && line !== '') {
			blocks.push(line)
			line = ''
		}
	}
	visit(richText, 0)
	if (line !== '') blocks.push(line)
	return blocks.join('\n')
}

function normaliseSpace(text: string): string {
	return text
		.replace(/[ \t\f\v\u00a0]+/g, ' ')
		.replace(/\s*\n\s*/g, '\n')
		.trim()
}

// Cut at a word boundary when there is one near the end, and never inside a surrogate pair.
function cutAt(text: string, length: number): string {
	let end = length
	const space = text.lastIndexOf(' ', end)
	if (space > length - 40 && space > 0) end = space
	const code = text.charCodeAt(end - 1)
	if (code >= 0xd800 && code <= 0xdbff) end--
	return text.slice(0, end).trimEnd()
}

/** {@link boardText} of a board's Y doc (as stored: see `sync/storedDoc.ts`). */
export function boardTextOfDoc(doc: Y.Doc, limits = BOARD_TEXT_LIMITS): BoardText {
	return boardText(readRecords(doc).records, limits)
}
