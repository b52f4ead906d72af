import { useCallback, useId, useRef, useState } from 'react'
import { messageOf } from '../api/http.ts'
import { navigate } from '../app/router.ts'
import { Avatar } from '../ui/Avatar.tsx'
import { Link } from '../ui/Link.tsx'
import { useDismissOnOutside } from '../ui/useDismissOnOutside.ts'
import { useSession } from './SessionProvider.tsx'

/**
 * The signed-in person's menu in the top bar: their profile and signing out. A disclosure
 * (a button that shows a short list), which every screen reader handles the same way;
 * Escape closes it and gives focus back to the button.
 */
export function UserMenu() {
	const { session, signOut } = useSession()
	const [open, setOpen] = useState(false)
	const closeMenu = useCallback(() => setOpen(false), [])
	const [error, setError] = useState<string | null>(null)
	const [pending, setPending] = useState(false)
	const menuId = useId()
	const rootRef = useRef<HTMLDivElement>(null)
	const buttonRef = useRef<HTMLButtonElement>(null)

	useDismissOnOutside(open, closeMenu, rootRef, buttonRef)

	if (session.status !== 'signed-in') return null
	const { user } = session

	async function doSignOut() {
		setPending(true)
		setError(null)
		try {
			await signOut()
			navigate('/signin')
		} catch (caught) {
			setError(messageOf(caught))
			setPending(false)
		}
	}

	return (
		<div className="cs-user-menu" ref={rootRef}>
			<button
				ref={buttonRef}
				type="button"
				className="cs-user-button"
				aria-expanded={open}
				aria-controls={menuId}
				onClick={() => setOpen((value) => !value)}
			>
				<Avatar name={user.displayName} color={user.color} size="small" />
				<span className="cs-user-name">{user.displayName}</span>
				<span className="cs-visually-hidden">: account menu</span>
				<span aria-hidden="true" className="cs-caret" />
			</button>
			<div id={menuId} className="cs-user-popup" hidden={!open}>
				<p className="cs-user-popup-email cs-muted">{user.email}</p>
				<ul>
					<li>
						<Link href="/profile" onClick={() => setOpen(false)}>
							Your profile
						</Link>
					</li>
					{user.role === 'admin' && (
						<li>
							<Link href="/admin" onClick={() => setOpen(false)}>
								Instance settings
							</Link>
						</li>
					)}
					<li>
						<button type="button" onClick={doSignOut} disabled={pending}>
							{pending ? 'Signing out…' : 'Sign out'}
						</button>
					</li>
				</ul>
				{error && (
					<p className="cs-error" role="alert">
						{error}
					</p>
				)}
			</div>
		</div>
	)
}
