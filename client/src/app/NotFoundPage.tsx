import type { ReactNode } from 'react'
import { Link } from '../ui/Link.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { AppShell } from './AppShell.tsx'

/**
 * "Not found", for an unknown path and for anything the person may not see: the two are
 * never told apart, like the API's 404.
 */
export function NotFoundPage({
	title = 'Page not found',
	children,
}: {
	title?: string
	children?: ReactNode
}) {
	usePageTitle(title)
	return (
		<AppShell narrow>
			<PageHeading>{title}</PageHeading>
			{children ?? <p>There is nothing at this address, or you cannot see it.</p>}
			<p>
				<Link href="/">Go to your home page</Link>
			</p>
		</AppShell>
	)
}
