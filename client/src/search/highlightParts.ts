/** A run of a snippet, marked when it is one of the searched words. */
export interface SnippetPart {
	text: string
	marked: boolean
}

/**
 * Splits a snippet into plain and marked runs from the server's `[start, end)` offsets, so that
 * the words can be wrapped in `<mark>` as text (the snippet is never read as markup). Offsets out
 * of range are clamped, empty ones dropped, and overlapping or touching ones joined.
 */
export function highlightParts(
	snippet: string,
	highlights: ReadonlyArray<readonly [number, number]>,
): SnippetPart[] {
	const ranges = highlights
		.map(([start, end]) => [clamp(start, snippet.length), clamp(end, snippet.length)] as const)
		.filter(([start, end]) => end > start)
		.sort((a, b) => a[0] - b[0])
	const parts: SnippetPart[] = []
	let at = 0
	for (const [start, end] of ranges) {
		if (end <= at) continue
		const from = Math.max(start, at)
		if (from > at) parts.push({ text: snippet.slice(at, from), marked: false })
		const previous = parts.at(-1)
		if (previous?.marked && from === at) previous.text += snippet.slice(from, end)
		else parts.push({ text: snippet.slice(from, end), marked: true })
		at = end
	}
	if (at < snippet.length) parts.push({ text: snippet.slice(at), marked: false })
	return parts
}

function clamp(offset: number, length: number): number {
	return Number.isFinite(offset) ? Math.min(Math.max(Math.trunc(offset), 0), length) : 0
}
