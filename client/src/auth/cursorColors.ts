/**
 * Cursor colours offered on the profile page: the same set the server picks a new account's
 * colour from, distinct from each other and readable with white text.
 */
export const CURSOR_COLORS: readonly string[] = [
	'#e03131',
	'#2f9e44',
	'#1971c2',
	'#f08c00',
	'#9c36b5',
	'#0c8599',
	'#c2255c',
	'#5c940d',
]
