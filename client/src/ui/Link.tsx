import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { navigate } from '../app/router.ts'

/** An ordinary link that navigates inside the app (and still opens in a new tab on ctrl/cmd-click). */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
	function handleClick(event: MouseEvent<HTMLAnchorElement>) {
		onClick?.(event)
		if (event.defaultPrevented || event.button !== 0) return
		if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
		event.preventDefault()
		navigate(href)
	}
	return <a href={href} onClick={handleClick} {...rest} />
}
