import type { ReactNode } from 'react'
import { useSession } from '../auth/SessionProvider.tsx'
import { UserMenu } from '../auth/UserMenu.tsx'
import { SearchBox } from '../search/SearchBox.tsx'
import { Link } from '../ui/Link.tsx'
import { useLocation } from './router.ts'

/**
 * The frame of every page but the board: a top bar with the way home, the admin's settings,
 * the search box (but on the search page, which has its own) and the account menu, then the
 * page's own content in `<main>`. A skip link lets keyboard users jump over the bar.
 */
export function AppShell({ children, narrow = false }: { children: ReactNode; narrow?: boolean }) {
	const { session } = useSession()
	const { pathname } = useLocation()
	const signedIn = session.status === 'signed-in'
	return (
		<div className="cs-page">
			<a className="cs-skip-link" href="#cs-main">
				Skip to content
			</a>
			<header className="cs-page-header">
				<Link href="/" className="cs-brand">
					<span className="cs-brand-mark" aria-hidden="true" />
					Circlespace
				</Link>
				{signedIn && (
					<nav aria-label="Main" className="cs-nav">
						<Link href="/" aria-current={pathname === '/' ? 'page' : undefined}>
							Home
						</Link>
						<Link href="/map" aria-current={pathname === '/map' ? 'page' : undefined}>
							Map
						</Link>
						{session.user.role === 'admin' && (
							<Link href="/admin" aria-current={pathname === '/admin' ? 'page' : undefined}>
								Admin
							</Link>
						)}
					</nav>
				)}
				{signedIn && pathname !== '/search' && <SearchBox />}
				<div className="cs-header-end">
					{signedIn && session.offline && (
						<span className="cs-badge cs-badge-warning" title="The server cannot be reached right now.">
							Offline
						</span>
					)}
					<UserMenu />
				</div>
			</header>
			<main id="cs-main" className={narrow ? 'cs-main cs-main-narrow' : 'cs-main'} tabIndex={-1}>
				{children}
			</main>
		</div>
	)
}
