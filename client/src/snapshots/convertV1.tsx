import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { createContext, useContext, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import {
	buildFromV1Document,
	type Editor,
	serializeTldrawJson,
	type TLComponents,
	type TLErrorFallbackComponent,
	type TLFontFace,
	Tldraw,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { getConfig } from '../api/config.ts'

declare module 'tldraw' {
	/**
	 * tldraw's converter of a tldraw 1 document, which tldraw.com uses to open old files. It is
	 * exported by the package but left out of its published types (marked internal); it wipes
	 * the editor it is given and builds the document into it.
	 */
	export function buildFromV1Document(editor: Editor, document: unknown): void
}

const assetUrls = getAssetUrlsByImport()

/**
 * Converts a tldraw 1 document into the text of a current `.tldr` file. The converter needs a
 * mounted editor (it measures text in the page), so a throwaway one with a store of its own is
 * mounted off-screen, where nobody sees or reaches it, and unmounted when done: the board's
 * own editor is never involved.
 */
export async function convertV1Document(document: Record<string, unknown>): Promise<string> {
	const licenseKey = await getConfig().then(
		(config) => config.tldrawLicenseKey ?? undefined,
		() => undefined,
	)
	const host = window.document.createElement('div')
	host.setAttribute('aria-hidden', 'true')
	host.inert = true
	// A real size and a place in the page, so that text is measured as on a board; off-screen
	// and invisible (layout still happens with `visibility: hidden`).
	Object.assign(host.style, {
		position: 'fixed',
		top: '0',
		left: '-10000px',
		width: '1200px',
		height: '800px',
		overflow: 'hidden',
		visibility: 'hidden',
		pointerEvents: 'none',
	})
	window.document.body.append(host)
	const root = createRoot(host)
	try {
		const editor = await new Promise<Editor>((resolve, reject) => {
			root.render(
				<CrashContext.Provider value={reject}>
					<Tldraw
						assetUrls={assetUrls}
						licenseKey={licenseKey}
						autoFocus={false}
						hideUi
						components={components}
						onMount={resolve}
					/>
				</CrashContext.Provider>,
			)
		})
		buildFromV1Document(editor, structuredClone(document))
		// Text measured before its font has arrived is measured in a fallback font, which makes
		// labels grow by the wrong amount: load the fonts the converted shapes use, then build
		// again with them (the converter starts by wiping what the first build made).
		const fonts = fontsUsed(editor)
		if (fonts.size > 0) {
			await Promise.all(Array.from(fonts, (font) => editor.fonts.ensureFontIsLoaded(font)))
			editor.deleteAssets(editor.getAssets())
			buildFromV1Document(editor, structuredClone(document))
		}
		return await serializeTldrawJson(editor)
	} finally {
		root.unmount()
		host.remove()
	}
}

function fontsUsed(editor: Editor): Set<TLFontFace> {
	const fonts = new Set<TLFontFace>()
	for (const page of editor.getPages()) {
		for (const id of editor.getPageShapeIds(page)) {
			for (const font of editor.fonts.getShapeFontFaces(id)) fonts.add(font)
		}
	}
	return fonts
}

/** Where the throwaway editor reports a crash: it ends the conversion with the error. */
const CrashContext = createContext<(error: unknown) => void>(() => {})

/** Shown by the throwaway editor instead of itself if it crashes. */
const ConversionCrashed: TLErrorFallbackComponent = ({ error }) => {
	const crashed = useContext(CrashContext)
	useEffect(() => crashed(error), [crashed, error])
	return null
}

const components: TLComponents = { ErrorFallback: ConversionCrashed }
