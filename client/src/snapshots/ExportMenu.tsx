import type { ImportResult } from '@circlespace/shared'
import { type ChangeEvent, useCallback, useId, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import { messageOf } from '../api/http.ts'
import { type DownloadedFile, importOntoBoard } from '../api/snapshots.ts'
import { useAnnounce } from '../ui/Announcer.tsx'
import { useDismissOnOutside } from '../ui/useDismissOnOutside.ts'
import { importFileProblem, safeFileName, saveFile } from './files.ts'
import { CONVERTING_V1, fileToImport } from './fileToImport.ts'
import {
	exportImage,
	type ImageFormat,
	type ImageScope,
	imageScopes,
	scopeKey,
	scopeLabel,
} from './images.ts'
import type { SessionCover } from './pdf.ts'
import { exportPdf } from './pdfExport.ts'

/** What is running: one export or import at a time. */
type Busy = 'tldr' | ImageFormat | 'pdf' | 'report' | 'convert' | 'import'

const BUSY_TEXT: Record<Busy, string> = {
	tldr: 'Exporting the .tldr file…',
	png: 'Exporting the PNG image…',
	svg: 'Exporting the SVG image…',
	pdf: 'Exporting the PDF…',
	report: 'Making the session report…',
	convert: CONVERTING_V1,
	import: 'Importing the file…',
}

/**
 * The "Export" menu of a board or snapshot: the content as a `.tldr` file (built by the
 * server from the stored content), or a PNG or SVG image (rendered by tldraw here) of the
 * whole page, the selection or one frame. With `importOnto`, people who may edit the board
 * also add a `.tldr` file's shapes to it on a new page (a tldraw 1 file is converted here first,
 * in an editor of its own: the board's editor is not touched).
 *
 * A disclosure like the account menu: Escape closes it and gives focus back to its button.
 * While something runs its button is disabled and the menu says so; a failure is shown in it.
 */
export function ExportMenu({
	editor,
	baseName,
	downloadTldr,
	importOnto,
	sessionReport,
}: {
	/** The mounted editor, for images; null while tldraw is still starting. */
	editor: Editor | null
	/** File names start with this (the board's title, or board and snapshot). */
	baseName: string
	/** Fetches the `.tldr` file from the server. */
	downloadTldr: () => Promise<DownloadedFile>
	/** Offered to editors of a live board: where to import, and what to do with the result. */
	importOnto?: { boardId: string; onImported: (result: ImportResult) => void }
	/** Offered for the snapshot of a live session: the report's cover (circle, title, date, people, agenda). */
	sessionReport?: { title: string; cover: () => Promise<SessionCover> }
}) {
	const announce = useAnnounce()
	const [open, setOpen] = useState(false)
	const closeMenu = useCallback(() => setOpen(false), [])
	const [busy, setBusy] = useState<Busy | null>(null)
	const [error, setError] = useState<string | null>(null)
	const [scopes, setScopes] = useState<ImageScope[]>([])
	const [scope, setScope] = useState<string>('page')
	const [percent, setPercent] = useState<number | null>(null)
	const popupId = useId()
	const scopeId = useId()
	const rootRef = useRef<HTMLDivElement>(null)
	const buttonRef = useRef<HTMLButtonElement>(null)
	const fileRef = useRef<HTMLInputElement>(null)

	useDismissOnOutside(open, closeMenu, rootRef, buttonRef)

	function toggle() {
		if (!open) {
			// What the person has selected now decides what the image shows by default.
			const now = editor ? imageScopes(editor) : []
			setScopes(now)
			setScope(now[0] ? scopeKey(now[0]) : 'page')
			if (!busy) setError(null)
		}
		setOpen(!open)
	}

	async function run(what: Busy, work: () => Promise<string>) {
		setBusy(what)
		setError(null)
		try {
			const done = await work()
			announce(done)
			setOpen(false)
		} catch (caught) {
			setError(messageOf(caught))
			// The failure must be seen, even if the menu was closed meanwhile.
			setOpen(true)
		} finally {
			setBusy(null)
			setPercent(null)
		}
	}

	function exportAsPdf(report: boolean) {
		if (!editor) return
		const onProgress = (share: number) => setPercent(Math.round(share * 100))
		if (report && sessionReport) {
			void run('report', async () => {
				const cover = await sessionReport.cover()
				const name = await exportPdf(editor, {
					title: sessionReport.title,
					baseName: `${baseName} — report`,
					cover,
					onProgress,
				})
				return `Downloaded ${name}.`
			})
			return
		}
		void run(
			'pdf',
			async () => `Downloaded ${await exportPdf(editor, { title: baseName, baseName, onProgress })}.`,
		)
	}

	function exportTldr() {
		void run('tldr', async () => {
			const file = await downloadTldr()
			const name = `${safeFileName((file.fileName ?? baseName).replace(/\.tldr$/i, ''))}.tldr`
			saveFile(file.blob, name)
			return `Downloaded ${name}.`
		})
	}

	function exportAsImage(format: ImageFormat) {
		const chosen = scopes.find((candidate) => scopeKey(candidate) === scope)
		if (!editor || !chosen) return
		void run(format, async () => `Downloaded ${await exportImage(editor, chosen, format, baseName)}.`)
	}

	function importChosen(event: ChangeEvent<HTMLInputElement>) {
		const file = event.target.files?.[0]
		// Cleared so that choosing the same file again (after fixing it) is noticed.
		event.target.value = ''
		if (!file || !importOnto) return
		const problem = importFileProblem(file)
		if (problem) {
			setError(problem)
			setOpen(true)
			return
		}
		void run('import', async () => {
			const body = await fileToImport(file, () => setBusy('convert'))
			setBusy('import')
			const result = await importOntoBoard(importOnto.boardId, body)
			importOnto.onImported(result)
			const shapes = result.shapeCount === 1 ? 'one shape' : `${result.shapeCount} shapes`
			return `Imported ${shapes} onto a new page, “${result.pageName}”.`
		})
	}

	const noImage = !editor || scopes.length === 0
	return (
		<div className="cs-menu" ref={rootRef}>
			<button
				ref={buttonRef}
				type="button"
				className="cs-button cs-button-small cs-topbar-button"
				aria-expanded={open}
				aria-controls={popupId}
				onClick={toggle}
			>
				{busy ? <span className="cs-spinner" aria-hidden="true" /> : null}
				Export
				<span aria-hidden="true" className="cs-caret" />
			</button>
			<div id={popupId} className="cs-menu-popup" hidden={!open}>
				<p className="cs-menu-label">Download</p>
				<ul>
					<li>
						<button type="button" onClick={exportTldr} disabled={busy !== null}>
							{busy === 'tldr' ? 'Exporting…' : '.tldr file'}
							<span className="cs-menu-hint">opens in tldraw</span>
						</button>
					</li>
				</ul>
				<div className="cs-menu-field">
					<label htmlFor={scopeId}>Image of</label>
					<select
						id={scopeId}
						value={scope}
						onChange={(event) => setScope(event.target.value)}
						disabled={noImage || busy !== null}
					>
						{scopes.length === 0 && <option value="page">Nothing on this page yet</option>}
						{scopes.map((candidate) => (
							<option key={scopeKey(candidate)} value={scopeKey(candidate)}>
								{scopeLabel(candidate)}
							</option>
						))}
					</select>
				</div>
				<ul>
					<li>
						<button type="button" onClick={() => exportAsImage('png')} disabled={noImage || busy !== null}>
							{busy === 'png' ? 'Exporting…' : 'PNG image'}
						</button>
					</li>
					<li>
						<button type="button" onClick={() => exportAsImage('svg')} disabled={noImage || busy !== null}>
							{busy === 'svg' ? 'Exporting…' : 'SVG image'}
						</button>
					</li>
					<li>
						<button type="button" onClick={() => exportAsPdf(false)} disabled={!editor || busy !== null}>
							{busy === 'pdf' ? 'Exporting…' : 'PDF document'}
							<span className="cs-menu-hint">a page per frame</span>
						</button>
					</li>
					{sessionReport && (
						<li>
							<button type="button" onClick={() => exportAsPdf(true)} disabled={!editor || busy !== null}>
								{busy === 'report' ? 'Exporting…' : 'Session report (PDF)'}
								<span className="cs-menu-hint">cover, then the board</span>
							</button>
						</li>
					)}
				</ul>
				{importOnto && (
					<>
						<p className="cs-menu-label">Import</p>
						<ul>
							<li>
								<button type="button" onClick={() => fileRef.current?.click()} disabled={busy !== null}>
									{busy === 'convert'
										? 'Converting…'
										: busy === 'import'
											? 'Importing…'
											: 'Import .tldr onto this board…'}
								</button>
								<input
									ref={fileRef}
									type="file"
									accept=".tldr,application/json"
									hidden
									tabIndex={-1}
									onChange={importChosen}
									aria-label="A .tldr file to import onto this board"
								/>
							</li>
						</ul>
					</>
				)}
				{/* Not role="status": the top bar's only status is the connection's. */}
				<p className="cs-menu-status" aria-live="polite">
					{busy ? `${BUSY_TEXT[busy]}${percent !== null ? ` ${percent} %` : ''}` : ''}
				</p>
				{error && (
					<p className="cs-error cs-menu-error" role="alert">
						{error}
					</p>
				)}
			</div>
		</div>
	)
}
