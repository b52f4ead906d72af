import type {
	Editor,
	TLAssetStore,
	TLUiActionsContextType,
	TLUiOverrides,
	TLUiToolsContextType,
} from 'tldraw'

/**
 * What a guest reads when they paste, drop or pick an image or a file. The server refuses a
 * guest's upload (a guest reaches no asset route but reading images), so the page says so before
 * anything is sent rather than showing an image that breaks a moment later.
 */
export const GUEST_UPLOAD_REFUSED =
	'Guests cannot add images or files to this board. Notes, text and drawings work as usual.'

/**
 * A guest's asset store: images already on the board show (guests may read them), nothing is
 * uploaded. The pages' own handlers refuse earlier with {@link GUEST_UPLOAD_REFUSED}; this is the
 * last guard for a path tldraw may add later.
 */
export const guestAssetStore: TLAssetStore = {
	async upload() {
		throw new Error(GUEST_UPLOAD_REFUSED)
	},
	resolve(asset) {
		return asset.props.src
	},
}

// tldraw's actions that open a file picker or make a new image to upload.
const UPLOADING_ACTIONS = ['insert-media', 'flatten-to-image'] as const
// Its image and video toolbars call these without checking that they exist: they stay, and say no.
const REPLACING_ACTIONS = ['image-replace', 'video-replace'] as const

/** Removes what offers an upload from `actions`; replacing an image or a video says no instead. */
export function withoutUploadActions(
	actions: TLUiActionsContextType,
	onRefused: () => void,
): TLUiActionsContextType {
	const kept = { ...actions }
	for (const id of UPLOADING_ACTIONS) delete kept[id]
	for (const id of REPLACING_ACTIONS) {
		const action = kept[id]
		if (action) kept[id] = { ...action, onSelect: () => onRefused() }
	}
	return kept
}

/** Removes tldraw's media tool ("Asset", the toolbar's image button) from `tools`. */
export function withoutUploadTools(tools: TLUiToolsContextType): TLUiToolsContextType {
	const { asset: _asset, ...kept } = tools
	return kept
}

/** tldraw's UI for a guest: no image tool, no "Upload media…", no "Flatten to image". */
export function guestUiOverrides(onRefused: () => void): TLUiOverrides {
	return {
		actions: (_editor, actions) => withoutUploadActions(actions, onRefused),
		tools: (_editor, tools) => withoutUploadTools(tools),
	}
}

/**
 * Makes pasting, dropping or replacing a file on the canvas say {@link GUEST_UPLOAD_REFUSED}
 * (through `onRefused`) and add nothing: no image preview that would break when the upload fails.
 * Call from `onMount`, after tldraw registered its own handlers.
 */
export function refuseGuestUploads(editor: Editor, onRefused: () => void): void {
	editor.registerExternalContentHandler('files', () => onRefused())
	editor.registerExternalContentHandler('file-replace', () => onRefused())
	// A pasted SVG becomes an uploaded image too.
	editor.registerExternalContentHandler('svg-text', () => onRefused())
	// Every other way to a new image (pasted tldraw content holding data: images, say) asks this one.
	editor.registerExternalAssetHandler('file', async () => {
		onRefused()
		throw new Error(GUEST_UPLOAD_REFUSED)
	})
}
