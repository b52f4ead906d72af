/** The image types accepted as assets. SVG is left out on purpose: it can carry script. */
export const imageTypes = [
	{ mime: 'image/png', extension: 'png' },
	{ mime: 'image/jpeg', extension: 'jpg' },
	{ mime: 'image/gif', extension: 'gif' },
	{ mime: 'image/webp', extension: 'webp' },
] as const

/** One accepted image type. */
export type ImageType = (typeof imageTypes)[number]

/** The MIME type of an accepted image. */
export type ImageMime = ImageType['mime']

const ascii = (text: string) => Array.from(text, (ch) => ch.charCodeAt(0))
const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
	bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b)

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const jpegSignature = [0xff, 0xd8, 0xff]

/**
 * The image type of `bytes`, told from their magic numbers (never from what a client claims),
 * or undefined when they are not one of the accepted types.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
	let mime: ImageMime | undefined
	if (startsWith(bytes, pngSignature)) mime = 'image/png'
	else if (startsWith(bytes, jpegSignature)) mime = 'image/jpeg'
	else if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) mime = 'image/gif'
	else if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) mime = 'image/webp'
	return imageTypes.find((t) => t.mime === mime)
}
