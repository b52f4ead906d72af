import type { AssetStore } from '../assets/AssetStore.ts'
import { assetsBasePath } from '../assets/assetRoutes.ts'
import { sniffImageType } from '../assets/imageTypes.ts'

interface AssetProps {
	src?: unknown
	[key: string]: unknown
}

/** Any record: only asset records (`{ typeName: 'asset', props: { src } }`) are looked at. */
type AnyRecord = { id: string; typeName: string }

function assetPropsOf(record: AnyRecord): AssetProps | undefined {
	if (record.typeName !== 'asset') return undefined
	const props = (record as { props?: unknown }).props
	return typeof props === 'object' && props !== null ? (props as AssetProps) : undefined
}

const storedAssetPath = new RegExp(`^${assetsBasePath}/([A-Za-z0-9_-]+\\.[a-z]+)$`)

/**
 * Puts the bytes of the images a file's asset records point at on this server into the records,
 * as `data:` URLs, as tldraw's own export does: the file then opens anywhere (tldraw.com, the
 * VS Code extension) without access to this server. An image that is gone keeps its URL.
 */
export async function inlineStoredAssets<R extends AnyRecord>(
	records: readonly R[],
	assets: AssetStore,
): Promise<R[]> {
	return Promise.all(
		records.map(async (record) => {
			const props = assetPropsOf(record)
			if (typeof props?.src !== 'string') return record
			const name = storedAssetPath.exec(props.src)?.[1]
			const stored = name ? await assets.get(name) : undefined
			if (!stored) return record
			const src = `data:${stored.mime};base64,${Buffer.from(stored.bytes).toString('base64')}`
			return { ...record, props: { ...props, src } }
		}),
	)
}

const base64DataUrl = /^data:([^;,]*)(?:;[^;,]*)*;base64,(.*)$/s

/**
 * The reverse, for imports: images a file carries as `data:` URLs (tldraw exports them that
 * way) are stored like uploads and referenced by URL, so a board's document never holds image
 * bytes. Only PNG, JPEG, GIF and WebP are stored, told by their bytes; anything else (an SVG, a
 * video) stays as it came.
 */
export async function storeInlineAssets<R extends AnyRecord>(
	records: readonly R[],
	assets: AssetStore,
): Promise<R[]> {
	return Promise.all(
		records.map(async (record) => {
			const props = assetPropsOf(record)
			if (typeof props?.src !== 'string') return record
			const base64 = base64DataUrl.exec(props.src)?.[2]
			if (base64 === undefined) return record
			const bytes = new Uint8Array(Buffer.from(base64, 'base64'))
			const type = sniffImageType(bytes)
			if (!type) return record
			const name = await assets.put(bytes, type.mime)
			return { ...record, props: { ...props, src: `${assetsBasePath}/${name}` } }
		}),
	)
}
