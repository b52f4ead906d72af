import { describe, expect, it } from 'vitest'
import { fileNameFromDisposition } from '../api/snapshots.ts'
import { importFileProblem, MAX_IMPORT_BYTES, safeFileName, titleFromFileName } from './files.ts'

describe('importFileProblem', () => {
	it('refuses a file over the import limit before it is uploaded, naming the limit', () => {
		expect(importFileProblem({ name: 'huge.tldr', size: MAX_IMPORT_BYTES + 1 })).toBe(
			'“huge.tldr” is larger than the import limit (20 MB), so it was not sent.',
		)
	})

	it('refuses an empty file and lets any other through (the server checks the content)', () => {
		expect(importFileProblem({ name: 'empty.tldr', size: 0 })).toBe('“empty.tldr” is empty.')
		expect(importFileProblem({ name: 'board.tldr', size: MAX_IMPORT_BYTES })).toBeNull()
		expect(importFileProblem({ name: 'notes.json', size: 12 })).toBeNull()
	})
})

describe('titleFromFileName', () => {
	it('names the board after the file, without its extension', () => {
		expect(titleFromFileName('Day 12 check-in.tldr')).toBe('Day 12 check-in')
		expect(titleFromFileName('  spaced out .tldr')).toBe('spaced out')
		expect(titleFromFileName('archive.2026.tldr')).toBe('archive.2026')
		expect(titleFromFileName('no-extension')).toBe('no-extension')
	})

	it('keeps titles within 200 characters and leaves nameless files to the server', () => {
		expect(titleFromFileName(`${'é'.repeat(250)}.tldr`)).toBe('é'.repeat(200))
		expect(titleFromFileName('.tldr')).toBeUndefined()
		expect(titleFromFileName('   .tldr')).toBeUndefined()
	})
})

describe('safeFileName', () => {
	it('replaces characters file systems refuse, keeping the words', () => {
		expect(safeFileName('Circle 7: what we made / day 12?')).toBe('Circle 7 what we made day 12')
		expect(safeFileName('Board — Snapshot “one”')).toBe('Board — Snapshot “one”')
		expect(safeFileName('..hidden')).toBe('hidden')
		expect(safeFileName('\u0000\t')).toBe('board')
	})
})

describe('fileNameFromDisposition', () => {
	it('prefers the UTF-8 name, which can hold any title', () => {
		expect(
			fileNameFromDisposition(
				`attachment; filename="Board - Snapshot.tldr"; filename*=UTF-8''Board%20%E2%80%94%20Snapshot.tldr`,
			),
		).toBe('Board — Snapshot.tldr')
	})

	it('reads a quoted or bare name, and nothing from a header without one', () => {
		expect(fileNameFromDisposition('attachment; filename="a \\"b\\".tldr"')).toBe('a "b".tldr')
		expect(fileNameFromDisposition('attachment; filename=board.tldr')).toBe('board.tldr')
		expect(fileNameFromDisposition('attachment')).toBeNull()
		expect(fileNameFromDisposition(null)).toBeNull()
	})
})
