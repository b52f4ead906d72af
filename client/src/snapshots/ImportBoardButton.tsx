import { type ChangeEvent, useRef, useState } from 'react'
import { messageOf } from '../api/http.ts'
import { importBoard } from '../api/snapshots.ts'
import { boardPath, navigate } from '../app/router.ts'
import { importFileProblem, titleFromFileName } from './files.ts'

/**
 * "Import a .tldr file": a circle's facilitator picks a file, which becomes a new board of the
 * circle named after it, and the new board opens. A file over the import limit is refused
 * before it is sent; a file the server refuses gets the server's own explanation, through
 * `onError` (null clears it).
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
	const [pending, setPending] = useState(false)

	async function chosen(event: ChangeEvent<HTMLInputElement>) {
		const file = event.target.files?.[0]
		// Cleared so that choosing the same file again (after fixing it) is noticed.
		event.target.value = ''
		if (!file) return
		const problem = importFileProblem(file)
		onError(problem)
		if (problem) return
		setPending(true)
		try {
			const board = await importBoard(circleId, file, titleFromFileName(file.name))
			navigate(boardPath(board.id))
		} catch (caught) {
			onError(`“${file.name}” could not be imported. ${messageOf(caught)}`)
			setPending(false)
		}
	}

	return (
		<>
			<button
				type="button"
				className={className ? `cs-button ${className}` : 'cs-button'}
				onClick={() => fileRef.current?.click()}
				disabled={pending}
			>
				{pending ? 'Importing…' : 'Import a .tldr file'}
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
