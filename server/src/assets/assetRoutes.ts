import { Hono } from 'hono'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import type { AssetStore } from './AssetStore.ts'
import { sniffImageType } from './imageTypes.ts'
import { readBodyWithLimit } from './readBodyWithLimit.ts'

/** What the asset routes need. */
export interface AssetRoutesDeps {
	assets: AssetStore
	/** Largest accepted upload, in bytes. */
	maxAssetBytes: number
}

/** Where the router is mounted; uploads answer with URLs under it. */
export const assetsBasePath = '/api/assets'

/**
 * Image upload and download, to be mounted at {@link assetsBasePath}.
 *
 * `POST /` takes the raw file as the body and answers `201 { src }`; `GET /:name` serves it.
 */
export function assetRoutes(deps: AssetRoutesDeps) {
	return new Hono<AuthEnv>()
		.post('/', async (c) => {
			const bytes = await readBodyWithLimit(c.req.raw, deps.maxAssetBytes)
			// The Content-Type header is ignored on purpose: only the bytes decide what we serve.
			const type = sniffImageType(bytes)
			if (!type) {
				throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Only PNG, JPEG, GIF and WebP images can be uploaded.')
			}
			const name = await deps.assets.put(bytes, type.mime)
			return c.json({ src: `${assetsBasePath}/${name}` }, 201)
		})
		.get('/:name', async (c) => {
			const asset = await deps.assets.get(c.req.param('name'))
			if (!asset) throw new AppError('NOT_FOUND', 'There is no such image.')
			return c.body(asset.bytes, 200, {
				'Content-Type': asset.mime,
				'Content-Length': String(asset.bytes.byteLength),
				// Browsers must not guess another type, and the file may never run anything even
				// when opened directly.
				'X-Content-Type-Options': 'nosniff',
				'Content-Security-Policy': "default-src 'none'",
				// Names are random and never reused, so the content under a URL never changes. Private:
				// reading an image takes a session, so no shared cache (a proxy) may keep one for others.
				// A guest (never also signed in: an account's session wins) is a visitor, often on someone
				// else's device: nothing of the board stays in their browser once the link ends.
				'Cache-Control': c.var.guest ? 'no-store' : 'private, max-age=31536000, immutable',
			})
		})
}
