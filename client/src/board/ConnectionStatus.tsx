import { type Connection, connectionDescription, connectionLabel } from './connection.ts'

/**
 * The connection state, visible as a coloured dot and a word, and announced politely by
 * screen readers when it changes (an `aria-live` status region).
 */
export function ConnectionStatus({ connection }: { connection: Connection }) {
	return (
		<div
			className={`cs-connection cs-connection-${connection.state}`}
			role="status"
			aria-live="polite"
			title={connectionDescription(connection)}
			data-state={connection.state}
		>
			<span className="cs-connection-dot" aria-hidden="true" />
			<span className="cs-connection-label" aria-hidden="true">
				{connectionLabel(connection)}
			</span>
			<span className="cs-visually-hidden">{connectionDescription(connection)}</span>
		</div>
	)
}
