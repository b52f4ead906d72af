import type { ReactNode } from 'react'
import { Link } from '../ui/Link.tsx'

/** The calm, centred frame of the sign-in and sign-up pages. */
export function AuthFrame({ children }: { children: ReactNode }) {
	return (
		<div className="cs-page cs-auth-page">
			<header className="cs-auth-header">
				<Link href="/" className="cs-brand">
					<span className="cs-brand-mark" aria-hidden="true" />
					Circlespace
				</Link>
			</header>
			<main id="cs-main" className="cs-auth-card">
				{children}
			</main>
		</div>
	)
}
