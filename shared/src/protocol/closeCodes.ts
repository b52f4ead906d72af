/**
 * WebSocket close codes used by the sync endpoint (`/sync/:boardId`).
 *
 * Codes in the 4000–4999 range mirror HTTP statuses (4404 = not found), as
 * Hocuspocus does, so that a person reading a log recognises them. The client
 * uses {@link describeCloseCode} to explain a closed connection and
 * {@link isFinalCloseCode} to decide whether reconnecting can help.
 */
export const CloseCode = {
	/** The server is shutting down or restarting; reconnect shortly. */
	SERVICE_RESTART: 1012,
	/** The client did not read what it was sent fast enough (send buffer full). */
	TRY_AGAIN_LATER: 1013,
	/** A text frame was received; the protocol is binary only. */
	UNSUPPORTED_DATA: 1003,
	/** A message was larger than the configured maximum. */
	MESSAGE_TOO_BIG: 1009,
	/** A malformed message: empty, truncated or overlong varint, unknown type, bad update or awareness. */
	BAD_MESSAGE: 4400,
	/** The session ended while connected: signed out, signed out everywhere, or expired. */
	UNAUTHENTICATED: 4401,
	/** No longer allowed to see this board: a membership, role or the board's visibility changed. */
	FORBIDDEN: 4403,
	/** The board does not exist (or may not be seen). */
	BOARD_NOT_FOUND: 4404,
	/**
	 * What this person may do on the board changed (editing became reading or the reverse):
	 * reconnect, and the new connection gets the new access.
	 */
	ACCESS_CHANGED: 4409,
	/**
	 * A guest's link stopped working while they were connected: revoked by a facilitator, past its
	 * time, or the live session it was made for ended (the reason says which). Final.
	 */
	GUEST_ENDED: 4410,
	/**
	 * A presence (awareness) state was larger than the server shares (16 KiB): the web app never
	 * sends one that large, and sending the same state again after a reconnect would fail again.
	 */
	PRESENCE_TOO_LARGE: 4413,
	/**
	 * Too much at once: messages or bytes faster than the board accepts from one connection, or
	 * more simultaneous live connections than one person may hold. Reconnecting later can work.
	 */
	TOO_MANY: 4429,
	/** The server failed while handling the connection. */
	INTERNAL_ERROR: 1011,
} as const

/** One of the documented close codes. */
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

const descriptions: Record<CloseCode, string> = {
	[CloseCode.SERVICE_RESTART]: 'The server is restarting. Reconnecting…',
	[CloseCode.TRY_AGAIN_LATER]: 'The connection fell behind. Reconnecting…',
	[CloseCode.UNSUPPORTED_DATA]: 'The server refused a message this app sent. Reload the page.',
	[CloseCode.MESSAGE_TOO_BIG]: 'A change was too large to send. Try a smaller change.',
	[CloseCode.BAD_MESSAGE]: 'The server refused a malformed message. Reload the page.',
	[CloseCode.UNAUTHENTICATED]: 'Your session ended: you are signed out. Sign in again to keep working.',
	[CloseCode.FORBIDDEN]: 'You no longer have access to this board.',
	[CloseCode.BOARD_NOT_FOUND]: 'This board does not exist, or you cannot see it.',
	[CloseCode.ACCESS_CHANGED]: 'Your access to this board changed. Reconnecting…',
	[CloseCode.GUEST_ENDED]: 'Your guest link has ended: you can no longer see this board.',
	[CloseCode.PRESENCE_TOO_LARGE]:
		'Your cursor and selection were too large to share with the others. Reload the page.',
	[CloseCode.TOO_MANY]:
		'Too much at once: too many boards open, or changes sent faster than the board accepts. Reconnecting…',
	[CloseCode.INTERNAL_ERROR]: 'The server hit an error. Reconnecting…',
}

/** A sentence a person can read explaining why the connection closed, or undefined for ordinary closes. */
export function describeCloseCode(code: number): string | undefined {
	return descriptions[code as CloseCode]
}

/**
 * True when reconnecting with the same request cannot succeed (the client should stop retrying).
 * Note that 4409 lies in the 4400–4499 range that a stock y-websocket client treats as final by
 * default: clients must pass `shouldReconnect: (e) => !isFinalCloseCode(e.code)`.
 */
export function isFinalCloseCode(code: number): boolean {
	return (
		code === CloseCode.BOARD_NOT_FOUND ||
		code === CloseCode.UNAUTHENTICATED ||
		code === CloseCode.FORBIDDEN ||
		code === CloseCode.GUEST_ENDED ||
		code === CloseCode.UNSUPPORTED_DATA ||
		code === CloseCode.BAD_MESSAGE ||
		code === CloseCode.PRESENCE_TOO_LARGE
	)
}
