import { type ReactNode, useEffect, useRef } from 'react'
import { takePendingFocus } from '../app/router.ts'

/**
 * The page's `<h1>`. After an in-app navigation it takes focus, so that a screen reader reads
 * where the person arrived and the next Tab starts at the top of the new page (what a full
 * page load would do).
 */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
	const ref = useRef<HTMLHeadingElement>(null)
	useEffect(() => {
		if (takePendingFocus()) ref.current?.focus({ preventScroll: false })
	}, [])
	return (
		<h1 ref={ref} tabIndex={-1} className={className ? `cs-page-heading ${className}` : 'cs-page-heading'}>
			{children}
		</h1>
	)
}
