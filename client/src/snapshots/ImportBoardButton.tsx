import { type ChangeEvent, useRef, useState } from 'react'
import { messageOf } from '../api/http.ts'
import { importBoard } from '../api/snapshots.ts'
import { boardPath, navigate } from '../app/router.ts'
import { openOnContentWhenOpened } from '../board/openingView.ts'
import { useAnnounce } from '../ui/Announcer.tsx'
import { importFileProblem, titleFromFileName } from './files.ts'
import { CONVERTING_V1, fileToImport } from './fileToImport.ts'

/** What the button is doing. */
type Pending = 'converting' | 'importing' | null

/**
 * "Import a .tldr file": a circle's facilitator picks a file, which becomes a new board of the
 * circle named after it, and the new board opens on its content. A tldraw 1 file is converted here first (the
 * server takes current files only), which the button says while it runs. A file over the import
 * limit is refused before it is sent; a file the server refuses, or a tldraw 1 file that could
 * not be converted, gets its explanation through `onError` (null clears it).
 */
export function ImportBoardButton({
	circleId,
	className,
	onError,
}: {
	circleId: string
	className?: string
	onError: (message: string | null) => void
}) {
	const fileRef = useRef<HTMLInputElement>(null)
	const announce = useAnnounce()
	const [pending, setPending] = useState<Pending>(null)

	async function chosen(event: ChangeEvent<HTMLInputElement>) {
		const file = event.target.files?.[0]
		// Cleared so that choosing the same file again (after fixing it) is noticed.
		event.target.value = ''
		if (!file) return
		const problem = importFileProblem(file)
		onError(problem)
		if (problem) return
		setPending('importing')
		try {
			const body = await fileToImport(file, () => {
				setPending('converting')
				announce(CONVERTING_V1)
			})
			setPending('importing')
			const board = await importBoard(circleId, body, titleFromFileName(file.name))
			openOnContentWhenOpened(board.id)
			navigate(boardPath(board.id))
		} catch (caught) {
			onError(`“${file.name}” could not be imported. ${messageOf(caught)}`)
			setPending(null)
		}
	}

	return (
		<>
			<button
				type="button"
				className={className ? `cs-button ${className}` : 'cs-button'}
				onClick={() => fileRef.current?.click()}
				disabled={pending !== null}
			>
				{pending === 'converting'
					? CONVERTING_V1
					: pending === 'importing'
						? 'Importing…'
						: 'Import a .tldr file'}
			</button>
			<input
				ref={fileRef}
				type="file"
				accept=".tldr,application/json"
				hidden
				tabIndex={-1}
				onChange={chosen}
				aria-label="A .tldr file to import as a new board"
			/>
		</>
	)
}
