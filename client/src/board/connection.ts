/**
 * The connection to the board's room as a person should understand it.
 * - `connecting`: first attempt, nothing synced yet.
 * - `live`: connected and in sync; edits reach everyone at once.
 * - `offline`: the connection dropped or cannot be made; edits are kept in this browser and
 *   sent when it comes back (the provider keeps retrying).
 * - `closed`: the server refused the connection for good (e.g. the board does not exist).
 */
export type Connection =
	| { state: 'connecting' }
	| { state: 'live' }
	| { state: 'offline'; reason?: string }
	| { state: 'closed'; code: number; message: string }

/** Short label shown in the top bar. */
export function connectionLabel(connection: Connection): string {
	switch (connection.state) {
		case 'connecting':
			return 'Connecting…'
		case 'live':
			return 'Live'
		case 'offline':
			return 'Offline – reconnecting'
		case 'closed':
			return 'Disconnected'
	}
}

/** A sentence for screen readers and the status tooltip. */
export function connectionDescription(connection: Connection): string {
	switch (connection.state) {
		case 'connecting':
			return 'Connecting to the board…'
		case 'live':
			return 'Live: your changes reach everyone on this board.'
		case 'offline':
			return connection.reason
				? `${connection.reason} Your changes are kept on this device meanwhile.`
				: 'Offline: your changes are kept on this device and sent when the connection returns.'
		case 'closed':
			return connection.message
	}
}
