import type { ImageMime } from './imageTypes.ts'

/** An asset as stored: its bytes and their (sniffed) image type. */
export interface StoredAsset {
	/** Backed by a plain ArrayBuffer, as HTTP response bodies require. */
	bytes: Uint8Array<ArrayBuffer>
	mime: ImageMime
}

/**
 * Uploaded images (tldraw image shapes point at them). Names are chosen by the store, never by
 * a client, and are safe to put in a URL path.
 */
export interface AssetStore {
	/** Stores `bytes` of the given (already verified) type and returns the new asset's name. */
	put(bytes: Uint8Array, mime: ImageMime): Promise<string>
	/** The asset of that name, or undefined when there is none or the name is not one we made. */
	get(name: string): Promise<StoredAsset | undefined>
}
