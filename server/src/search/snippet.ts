import { foldForSearch, type SearchTerms } from '@circlespace/shared'

/** A piece of text around a match, with where the matched words are in it. */
export interface Snippet {
	text: string
	/** [start, end) offsets into `text`, in order. */
	highlights: Array<[number, number]>
}

/** Snippets are at most about this long (a line or two of a result list). */
export const SNIPPET_LENGTH = 180
// How much of the text before the first match a snippet shows.
const LEAD = 50
const ELLIPSIS = '…'

/**
 * The part of `text` to show for a match: the words of `terms` found in it as search finds them
 * (folded, whole words; the last one as a prefix while typed), and around the first of them at
 * most {@link SNIPPET_LENGTH} characters, cut at spaces where it can be, `…` where it was cut.
 * Plain text: the client shows it as text and marks the highlights itself, so nothing written on
 * a board can become markup in someone's results.
 */
export function snippetOf(text: string, terms: SearchTerms): Snippet {
	const matches = matchesIn(text, terms)
	if (text.length <= SNIPPET_LENGTH) return { text, highlights: matches }
	const first = matches[0]?.[0] ?? 0
	let start = Math.max(0, first - LEAD)
	if (start > 0) {
		const space = text.indexOf(' ', start)
		if (space !== -1 && space < first) start = space + 1
	}
	let end = Math.min(text.length, start + SNIPPET_LENGTH)
	if (end < text.length) {
		const space = text.lastIndexOf(' ', end)
		if (space > start + SNIPPET_LENGTH / 2) end = space
	}
	const before = start > 0 ? ELLIPSIS : ''
	const after = end < text.length ? ELLIPSIS : ''
	const shift = before.length - start
	return {
		text: `${before}${text.slice(start, end).trim()}${after}`,
		highlights: matches
			.filter(([from, to]) => from >= start && to <= end)
			.map(([from, to]) => [from + shift, to + shift] as [number, number]),
	}
}

// Words of `text` that search would match, as offsets into `text` itself (folding can change
// lengths: each folded unit remembers the code point of `text` it came from).
function matchesIn(text: string, terms: SearchTerms): Array<[number, number]> {
	if (terms.words.length === 0) return []
	const exact = new Set(terms.words)
	const prefix = terms.lastIsPrefix ? terms.words[terms.words.length - 1] : undefined
	let folded = ''
	const startOf: number[] = []
	const endOf: number[] = []
	for (let i = 0; i < text.length; ) {
		const codePoint = text.codePointAt(i) ?? 0
		const size = codePoint > 0xffff ? 2 : 1
		const piece = foldForSearch(String.fromCodePoint(codePoint))
		for (let k = 0; k < piece.length; k++) {
			startOf.push(i)
			endOf.push(i + size)
		}
		folded += piece
		i += size
	}
	const found: Array<[number, number]> = []
	for (const word of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
		const value = word[0]
		if (!exact.has(value) && !(prefix !== undefined && value.startsWith(prefix))) continue
		const from = word.index
		found.push([startOf[from] ?? 0, endOf[from + value.length - 1] ?? text.length])
	}
	return found
}
