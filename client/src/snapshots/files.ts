/**
 * Largest `.tldr` file the server takes for an import (its default `MAX_IMPORT_BYTES`).
 * Refusing a bigger one here saves the person an upload that would be refused anyway.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

const MAX_TITLE_LENGTH = 200

/** Why a chosen file will not be imported, before it is sent; null when it may be sent. */
export function importFileProblem(file: Pick<File, 'size' | 'name'>): string | null {
	if (file.size > MAX_IMPORT_BYTES) {
		return `“${file.name}” is larger than the import limit (${megabytes(MAX_IMPORT_BYTES)}), so it was not sent.`
	}
	if (file.size === 0) return `“${file.name}” is empty.`
	return null
}

function megabytes(bytes: number): string {
	const value = bytes / (1024 * 1024)
	return `${Math.round(value * 10) / 10} MB`
}

/**
 * A board title from a file's name: without its extension, trimmed, at most 200 characters;
 * undefined when nothing is left (the server then names the board itself).
 */
export function titleFromFileName(name: string): string | undefined {
	const withoutExtension = name.replace(/\.[^./\\]{1,10}$/, '')
	const title = Array.from(withoutExtension.trim()).slice(0, MAX_TITLE_LENGTH).join('').trim()
	return title || undefined
}

/**
 * A name that every operating system accepts for a downloaded file: characters that are not
 * allowed in file names become spaces, runs of spaces one space.
 */
export function safeFileName(name: string, fallback = 'board'): string {
	const cleaned = Array.from(name)
		.map((char) => (char.charCodeAt(0) < 0x20 || '/\\:*?"<>|'.includes(char) ? ' ' : char))
		.join('')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^\.+/, '')
	return Array.from(cleaned).slice(0, 150).join('').trim() || fallback
}

/** Hands a file to the browser to save, as a click on a download link would. */
export function saveFile(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob)
	const link = document.createElement('a')
	link.href = url
	link.download = fileName
	link.rel = 'noopener'
	document.body.append(link)
	link.click()
	link.remove()
	// Some browsers read the URL after the click event has returned.
	setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * The `document` of a tldraw 1 file, or null for any other text. tldraw 1 saved
 * `{ name, fileHandle, document: { id, name, version, pages, pageStates, … }, assets }` and no
 * `records`, which every later `.tldr` file holds. The server tells these apart the same way.
 * Text that is not JSON is not one either: the server explains what is wrong with it.
 */
export function tldrawV1DocumentOf(text: string): Record<string, unknown> | null {
	let data: unknown
	try {
		data = JSON.parse(text)
	} catch {
		return null
	}
	if (!isObject(data) || 'records' in data || !isObject(data.document)) return null
	const document = data.document
	return isObject(document.pages) || isObject(document.pageStates) ? document : null
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
}
