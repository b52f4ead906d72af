import type { ReactNode } from 'react'
import { messageOf } from '../api/http.ts'

/** A loading line, announced politely. */
export function Loading({ children = 'Loading…' }: { children?: ReactNode }) {
	return (
		<p className="cs-muted cs-loading" role="status">
			<span className="cs-spinner" aria-hidden="true" />
			{children}
		</p>
	)
}

/** What could not be loaded, why, and a way to try again. */
export function LoadError({ what, error, onRetry }: { what: string; error: unknown; onRetry?: () => void }) {
	return (
		<div role="alert" className="cs-notice cs-notice-error cs-load-error">
			<p>
				{what} could not be loaded. {messageOf(error)}
			</p>
			{onRetry && (
				<button type="button" className="cs-button cs-button-small" onClick={onRetry}>
					Try again
				</button>
			)}
		</div>
	)
}

/** A calm note where a list has nothing in it yet, saying what would fill it. */
export function Empty({ children }: { children: ReactNode }) {
	return <div className="cs-empty">{children}</div>
}
