/**
 * The text drawn on the pages of a PDF made by {@link buildPdf}, in drawing order (pdf-lib
 * writes page contents as zlib streams holding hex-encoded WinAnsi strings). For tests and
 * checks; web APIs only, so it runs in the browser and in Node.
 */
export async function pdfTexts(bytes: Uint8Array): Promise<string[]> {
	const raw = latin1(bytes)
	const texts: string[] = []
	for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
		const content = await inflate(match[1] ?? '')
		if (content === undefined) continue
		for (const hex of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) {
			const pairs = (hex[1] ?? '').match(/../g) ?? []
			texts.push(pairs.map((pair) => String.fromCharCode(Number.parseInt(pair, 16))).join(''))
		}
	}
	return texts
}

function latin1(bytes: Uint8Array): string {
	let out = ''
	for (const byte of bytes) out += String.fromCharCode(byte)
	return out
}

async function inflate(stream: string): Promise<string | undefined> {
	const bytes = Uint8Array.from(stream, (char) => char.charCodeAt(0))
	try {
		const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'))
		return latin1(new Uint8Array(await new Response(inflated).arrayBuffer()))
	} catch {
		return undefined
	}
}
