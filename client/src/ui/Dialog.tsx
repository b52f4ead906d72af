import { type ReactNode, useEffect, useId, useRef } from 'react'

/**
 * A modal dialog on the native `<dialog>`: focus moves into it and stays there, Escape closes
 * it, and focus returns to what had it before (the button that opened it). Render it only
 * while it should be open.
 */
export function Dialog({
	title,
	description,
	onClose,
	children,
	wide = false,
}: {
	title: string
	description?: ReactNode
	onClose: () => void
	children: ReactNode
	wide?: boolean
}) {
	const ref = useRef<HTMLDialogElement>(null)
	const titleId = useId()
	const descriptionId = useId()
	const onCloseRef = useRef(onClose)
	onCloseRef.current = onClose

	useEffect(() => {
		const dialog = ref.current
		if (!dialog) return
		const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
		if (!dialog.open) dialog.showModal()
		return () => {
			if (dialog.open) dialog.close()
			// The opener may be gone (e.g. the row it was on was deleted): then focus stays put.
			if (opener?.isConnected) opener.focus()
		}
	}, [])

	return (
		<dialog
			ref={ref}
			className={wide ? 'cs-dialog cs-dialog-wide' : 'cs-dialog'}
			aria-labelledby={titleId}
			aria-describedby={description ? descriptionId : undefined}
			onCancel={(event) => {
				event.preventDefault()
				onCloseRef.current()
			}}
		>
			<h2 id={titleId}>{title}</h2>
			{description && (
				<div id={descriptionId} className="cs-dialog-description">
					{description}
				</div>
			)}
			{children}
		</dialog>
	)
}
