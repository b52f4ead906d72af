import { useEffect } from 'react'

/** Sets the browser tab's title to "`title` · Circlespace" while the page is shown. */
export function usePageTitle(title: string | null | undefined): void {
	useEffect(() => {
		document.title = title ? `${title} · Circlespace` : 'Circlespace'
	}, [title])
}
