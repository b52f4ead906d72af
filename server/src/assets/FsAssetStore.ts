import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { AssetStore, StoredAsset } from './AssetStore.ts'
import { type ImageMime, imageTypes } from './imageTypes.ts'

// Exactly the names `put` makes: 24 base64url characters and a known extension. Anything
// else (dots, slashes, `..`, encoded tricks) is refused before the file system is touched.
const namePattern = /^[A-Za-z0-9_-]{24}\.(png|jpg|gif|webp)$/

/** {@link AssetStore} keeping each asset as one file in a directory (`<dataDir>/assets`). */
export class FsAssetStore implements AssetStore {
	readonly #directory: string
	#ready: Promise<unknown> | undefined

	constructor(directory: string) {
		this.#directory = path.resolve(directory)
	}

	async put(bytes: Uint8Array, mime: ImageMime): Promise<string> {
		const type = imageTypes.find((t) => t.mime === mime)
		if (!type) throw new Error(`Not an accepted image type: ${mime}`)
		this.#ready ??= mkdir(this.#directory, { recursive: true })
		await this.#ready
		const name = `${randomBytes(18).toString('base64url')}.${type.extension}`
		const finalPath = path.join(this.#directory, name)
		// Written under a temporary name and renamed, so a reader never sees half a file.
		const partialPath = `${finalPath}.partial`
		try {
			await writeFile(partialPath, bytes, { flag: 'wx' })
			await rename(partialPath, finalPath)
		} catch (error) {
			await rm(partialPath, { force: true })
			throw error
		}
		return name
	}

	async get(name: string): Promise<StoredAsset | undefined> {
		const match = namePattern.exec(name)
		const type = imageTypes.find((t) => t.extension === match?.[1])
		if (!match || !type) return undefined
		try {
			const bytes = await readFile(path.join(this.#directory, name))
			return { bytes: new Uint8Array(bytes), mime: type.mime }
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
			throw error
		}
	}
}
