import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { StoreSchema } from '@tldraw/store'
import type { TLRecord, TLStore } from '@tldraw/tlschema'

/** A shape or binding util class, seen only through what the tests call. */
type DefaultsMaker = new (editor: unknown) => { getDefaultProps(): Record<string, unknown> }

/** The part of the `tldraw` package these tests use, typed here (the server has no `tldraw` types). */
export interface TldrawPackage {
	createTLSchema(): StoreSchema<TLRecord, unknown>
	/** tldraw's shape utils; `getDefaultProps` gives a new shape's props as the editor makes them. */
	defaultShapeUtils: ReadonlyArray<DefaultsMaker & { type: string }>
	defaultBindingUtils: ReadonlyArray<DefaultsMaker & { type: string }>
	/** Throws on an index key tldraw would refuse. */
	validateIndexKey(key: string): void
	parseTldrawJsonFile(options: {
		json: string
		schema: StoreSchema<TLRecord, unknown>
	}): { ok: true; value: TLStore } | { ok: false; error: { type: string } }
}

/**
 * Test support: tldraw's own `parseTldrawJsonFile`, to check that the `.tldr` files the server
 * writes open in tldraw. tldraw is a dependency of the web client, not of the server, so it is
 * found through the client package's installation. Its ES module build is loaded, the same build
 * as the `@tldraw/*` packages the server imports (tldraw warns when both builds are loaded).
 * Loading it starts timers of tldraw's UI that keep a process alive: only tests, whose workers
 * are torn down, load it.
 */
export async function loadTldraw(): Promise<TldrawPackage> {
	const fromClient = createRequire(new URL('../../../client/package.json', import.meta.url))
	// `require.resolve` finds the CommonJS entry (dist-cjs/index.js); the ES build sits beside it.
	const packageDir = path.dirname(path.dirname(fromClient.resolve('tldraw')))
	return (await import(pathToFileURL(path.join(packageDir, 'dist-esm', 'index.mjs')).href)) as TldrawPackage
}
