import { signInPath } from '../app/router.ts'
import { Link } from '../ui/Link.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { AuthFrame } from './AuthFrame.tsx'

/**
 * Shown when the session ends while a page is open (signed out on another device, password
 * changed elsewhere, session expired): says what happened and leads back to where they were.
 */
export function SignedOutPage({ next }: { next: string }) {
	usePageTitle('You were signed out')
	return (
		<AuthFrame>
			<PageHeading>You were signed out</PageHeading>
			<p>
				Your session ended: perhaps you signed out on another device, changed your password, or were away for
				a long time. Nothing on your boards is lost.
			</p>
			<p>
				<Link href={signInPath(next)} className="cs-button cs-button-primary">
					Sign in again
				</Link>
			</p>
		</AuthFrame>
	)
}
