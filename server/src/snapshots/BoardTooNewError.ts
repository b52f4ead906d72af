/**
 * The server cannot change a board whose records were written by a newer tldraw than its own:
 * it cannot migrate them, and records it wrote in its older form would break the newer clients.
 * In a file of its own so that the routes can tell it apart without loading tldraw's schema.
 */
export class BoardTooNewError extends Error {
	constructor() {
		super('the board was written by a newer tldraw schema than the server knows')
		this.name = 'BoardTooNewError'
	}
}
