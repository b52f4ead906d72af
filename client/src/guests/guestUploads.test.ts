import type {
	TLImageAsset,
	TLUiActionItem,
	TLUiActionsContextType,
	TLUiToolItem,
	TLUiToolsContextType,
} from 'tldraw'
import { describe, expect, it } from 'vitest'
import {
	GUEST_UPLOAD_REFUSED,
	guestAssetStore,
	withoutUploadActions,
	withoutUploadTools,
} from './guestUploads.ts'

function action(id: string, onSelect: TLUiActionItem['onSelect'] = () => {}): TLUiActionItem {
	return { id, label: `action.${id}` as TLUiActionItem['label'], onSelect }
}

function tool(id: string): TLUiToolItem {
	return { id, label: `tool.${id}` as TLUiToolItem['label'], icon: 'tool-media', onSelect: () => {} }
}

describe('withoutUploadActions', () => {
	it('offers a guest no "Upload media…" and no "Flatten to image"', () => {
		const actions: TLUiActionsContextType = {
			'insert-media': action('insert-media'),
			'flatten-to-image': action('flatten-to-image'),
			undo: action('undo'),
		}
		const kept = withoutUploadActions(actions, () => {})
		expect(Object.keys(kept)).toEqual(['undo'])
		// tldraw's own list stays as it was, for any other editor on the page.
		expect(Object.keys(actions)).toHaveLength(3)
	})

	it("tells the guest calmly instead of replacing an image or a video (tldraw's toolbars call these unchecked)", () => {
		const replaced: string[] = []
		const refused: string[] = []
		const actions: TLUiActionsContextType = {
			'image-replace': action('image-replace', () => void replaced.push('image')),
			'video-replace': action('video-replace', () => void replaced.push('video')),
		}
		const kept = withoutUploadActions(actions, () => refused.push('refused'))
		kept['image-replace']?.onSelect('image-toolbar')
		kept['video-replace']?.onSelect('video-toolbar')
		expect(replaced).toEqual([])
		expect(refused).toEqual(['refused', 'refused'])
		expect(kept['image-replace']?.label).toBe('action.image-replace')
	})
})

describe('withoutUploadTools', () => {
	it("leaves out tldraw's media tool and keeps the others", () => {
		const tools: TLUiToolsContextType = { asset: tool('asset'), note: tool('note'), draw: tool('draw') }
		expect(Object.keys(withoutUploadTools(tools))).toEqual(['note', 'draw'])
	})
})

describe('guestAssetStore', () => {
	const image = { props: { src: '/api/assets/abc.png' } } as TLImageAsset

	it('uploads nothing, saying why', async () => {
		await expect(
			guestAssetStore.upload(image, new File(['x'], 'x.png', { type: 'image/png' })),
		).rejects.toThrow(GUEST_UPLOAD_REFUSED)
	})

	it('shows the images already on the board', () => {
		expect(
			guestAssetStore.resolve?.(image, {
				screenScale: 1,
				steppedScreenScale: 1,
				dpr: 1,
				networkEffectiveType: null,
				shouldResolveToOriginal: false,
			}),
		).toBe('/api/assets/abc.png')
	})
})
