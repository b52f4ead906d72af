/**
 * How search text is cut into words, the same for what is indexed and what is typed, on both
 * databases: runs of letters and digits, without accents, in lower case. "Café-crème" is the
 * two words `cafe` and `creme`. Scripts written without spaces (Chinese, Japanese) become one
 * word per run, so a part of such a run is not found (a known limit).
 */
const WORD = /[\p{L}\p{N}]+/gu

/** A text without accents and in lower case (NFKD, combining marks dropped). */
export function foldForSearch(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/** The searchable words of a text, in order, folded (see {@link foldForSearch}). */
export function searchWords(text: string): string[] {
	return foldForSearch(text).match(WORD) ?? []
}

/** What to look for: the folded words of a query, and whether the last one is still being typed. */
export interface SearchTerms {
	words: string[]
	/** True unless the query ends with a space or punctuation: then its last word is matched as a prefix. */
	lastIsPrefix: boolean
}

/** The terms of what someone typed: at most `maxTerms` words, the last one a prefix while typed. */
export function searchTerms(query: string, maxTerms: number): SearchTerms {
	const words = searchWords(query)
	const truncated = words.length > maxTerms
	const ending = /[\p{L}\p{N}\p{M}]$/u.test(query)
	return { words: words.slice(0, maxTerms), lastIsPrefix: ending && !truncated }
}
