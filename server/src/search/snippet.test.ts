import { MAX_SEARCH_TERMS, searchTerms } from '@circlespace/shared'
import { describe, expect, it } from 'vitest'
import { SNIPPET_LENGTH, snippetOf } from './snippet.ts'

const terms = (query: string) => searchTerms(query, MAX_SEARCH_TERMS)
const marked = ({ text, highlights }: { text: string; highlights: Array<[number, number]> }) =>
	highlights.map(([from, to]) => text.slice(from, to))

describe('snippetOf', () => {
	it('shows a short text whole, with every word that matched marked', () => {
		const snippet = snippetOf('We listened, then we listened again.', terms('listen'))
		expect(snippet.text).toBe('We listened, then we listened again.')
		expect(marked(snippet)).toEqual(['listened', 'listened'])
	})

	it('marks words as search finds them: whole words, the last one as a prefix while typed, accents and case ignored', () => {
		expect(marked(snippetOf('Café au lait, CAFE noir, cafés', terms('cafe ')))).toEqual(['Café', 'CAFE'])
		expect(marked(snippetOf('Café au lait, CAFE noir, cafés', terms('caf')))).toEqual([
			'Café',
			'CAFE',
			'cafés',
		])
		// Not inside a word.
		expect(marked(snippetOf('reflection', terms('flect')))).toEqual([])
		// Letters outside the Basic Multilingual Plane keep their offsets.
		expect(marked(snippetOf('𝒜 circle 𝒜 circle', terms('circle ')))).toEqual(['circle', 'circle'])
	})

	it('cuts a long text around the first match, at spaces, with an ellipsis where it was cut', () => {
		const text = `${'before '.repeat(40)}the garden grows ${'after '.repeat(40)}`
		const snippet = snippetOf(text, terms('garden'))
		expect(snippet.text.startsWith('…before')).toBe(true)
		expect(snippet.text.endsWith('after…')).toBe(true)
		expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2)
		expect(marked(snippet)).toEqual(['garden'])
	})

	it('starts at the beginning when the match is there', () => {
		const snippet = snippetOf(`garden ${'word '.repeat(60)}`, terms('garden'))
		expect(snippet.text.startsWith('garden')).toBe(true)
		expect(snippet.highlights).toEqual([[0, 6]])
	})
})
