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
