import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FsAssetStore } from './FsAssetStore.ts'
import { tinyPng } from './testImages.ts'

describe('FsAssetStore', () => {
	let root: string
	let store: FsAssetStore

	beforeEach(async () => {
		root = await mkdtemp(path.join(tmpdir(), 'circlespace-fsassets-'))
		store = new FsAssetStore(path.join(root, 'assets'))
	})
	afterEach(() => rm(root, { recursive: true, force: true }))

	it('keeps an image under a new name with the extension of its type', async () => {
		const png = tinyPng()
		const name = await store.put(png, 'image/png')
		expect(name).toMatch(/^[A-Za-z0-9_-]{24}\.png$/)
		expect(await store.get(name)).toEqual({ bytes: png, mime: 'image/png' })
		expect((await store.get(await store.put(png, 'image/webp')))?.mime).toBe('image/webp')
	})

	it('will not store a type that is not an accepted image', async () => {
		await expect(store.put(new Uint8Array([60]), 'image/svg+xml' as 'image/png')).rejects.toThrow()
	})

	it('finds nothing for names it did not make, however they try to leave the directory', async () => {
		await writeFile(path.join(root, 'secret.png'), tinyPng())
		const name = await store.put(tinyPng(), 'image/png')
		for (const trick of [
			'../secret.png',
			'..\\secret.png',
			path.join(root, 'secret.png'),
			`${name}/../../secret.png`,
			`../assets/${name}`,
			`${name.slice(0, -4)}.html`,
			`${name}\0.png`,
			'',
		]) {
			expect(await store.get(trick)).toBeUndefined()
		}
	})
})
