import { describe, expect, it } from 'vitest'
import { highlightParts } from './highlightParts.ts'

describe('highlightParts', () => {
	it('marks the matched words and keeps the text around them', () => {
		expect(highlightParts('We listened to each other', [[3, 11]])).toEqual([
			{ text: 'We ', marked: false },
			{ text: 'listened', marked: true },
			{ text: ' to each other', marked: false },
		])
	})

	it('marks several words in snippet order, whatever order the offsets come in', () => {
		expect(
			highlightParts('garden and gardener', [
				[11, 19],
				[0, 6],
			]).map((part) => part.marked),
		).toEqual([true, false, true])
	})

	it('joins overlapping or touching offsets into one mark', () => {
		expect(
			highlightParts('abcdef', [
				[0, 3],
				[2, 4],
				[4, 5],
			]),
		).toEqual([
			{ text: 'abcde', marked: true },
			{ text: 'f', marked: false },
		])
	})

	it('ignores offsets outside the snippet or empty, so a stale answer cannot break the text', () => {
		expect(
			highlightParts('note', [
				[-4, 2],
				[3, 3],
				[10, 20],
			]),
		).toEqual([
			{ text: 'no', marked: true },
			{ text: 'te', marked: false },
		])
	})

	it('gives the snippet as it is when nothing is marked', () => {
		expect(highlightParts('<b>not markup</b>', [])).toEqual([{ text: '<b>not markup</b>', marked: false }])
	})
})
