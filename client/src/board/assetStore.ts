import type { TLAssetStore } from 'tldraw'
import { uploadAsset } from '../api/assets.ts'

/**
 * Images go to the server (`POST /api/assets`) and the board stores only the URL it returns,
 * so the shared Yjs document stays small and never carries data: URLs.
 */
export const assetStore: TLAssetStore = {
	async upload(_asset, file, abortSignal) {
		const src = await uploadAsset(file, abortSignal)
		return { src }
	},
	resolve(asset) {
		return asset.props.src
	},
}
