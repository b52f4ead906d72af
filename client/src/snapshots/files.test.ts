import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fileNameFromDisposition } from '../api/snapshots.ts'
import {
	importFileProblem,
	MAX_IMPORT_BYTES,
	safeFileName,
	titleFromFileName,
	tldrawV1DocumentOf,
} from './files.ts'

/** The text of one of the `.tldr` files the server's import tests use. */
function fixture(name: string): string {
	return readFileSync(new URL(`../../../server/src/snapshots/fixtures/${name}`, import.meta.url), 'utf8')
}

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

describe('tldrawV1DocumentOf', () => {
	it('finds the document of each tldraw 1 file, to be converted before upload', () => {
		for (const name of ['font-families.tldr', 'legacy-tldraw-v1-document.tldr', 'vscode-example-3.tldr']) {
			const document = tldrawV1DocumentOf(fixture(name))
			expect(document, name).not.toBeNull()
			expect(Object.keys(document?.pages ?? {}), name).toEqual(['page'])
		}
	})

	it('leaves every other file to the server, which reads it or explains what is wrong', () => {
		for (const name of [
			'early-v2-alpha.tldr',
			'invalid-not-json.tldr',
			'invalid-unknown-record-type.tldr',
			'invalid-format-version-too-new.tldr',
		]) {
			expect(tldrawV1DocumentOf(fixture(name)), name).toBeNull()
		}
		expect(tldrawV1DocumentOf('{"document":{"pages":{}},"records":[]}')).toBeNull()
		expect(tldrawV1DocumentOf('{"document":"pages"}')).toBeNull()
		expect(tldrawV1DocumentOf('[]')).toBeNull()
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
