/** What a log shows in place of a secret it leaves out. */
export const REDACTED = '[redacted]'

// Path segments that are secrets whatever they hold: the invitation and guest link tokens in the API
// and in the pages' links. A mistyped token is nearly the token, so any value there goes.
const SECRET_SEGMENT_AFTER = [
	/^(\/api\/invitations\/)[^/]+/,
	/^(\/invite\/)[^/]+/,
	// Guest links (guests/): the token in the API and in the page's link.
	/^(\/api\/guest-links\/)[^/]+/,
	/^(\/guest\/)[^/]+/,
]

// Query parameters whose values are harmless to log. Every other value is left out: a new
// parameter that carries a token (the sign-up page's `invite`, a `next` path holding an
// invitation link) must not reach the logs until someone remembers to list it.
const LOGGED_QUERY_VALUES = new Set(['archived'])
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/

/**
 * A request's path and query as the logs may show them: secret path segments and the values of
 * query parameters (all but a few harmless ones) replaced by {@link REDACTED}.
 *
 * @param path the path as the router saw it (percent-decoded, as Hono matches routes)
 * @param search the raw query, with or without its `?`
 */
export function loggedRequestTarget(path: string, search: string): string {
	let target = path
	for (const pattern of SECRET_SEGMENT_AFTER) target = target.replace(pattern, `$1${REDACTED}`)
	const query = search.startsWith('?') ? search.slice(1) : search
	if (query === '') return target
	const parameters = query.split('&').map((parameter) => {
		const equals = parameter.indexOf('=')
		const rawName = equals === -1 ? parameter : parameter.slice(0, equals)
		const name = safeDecode(rawName)
		if (name === undefined || !PLAIN_NAME.test(name)) return REDACTED
		if (equals === -1) return name
		return LOGGED_QUERY_VALUES.has(name) ? parameter : `${name}=${REDACTED}`
	})
	return `${target}?${parameters.join('&')}`
}

function safeDecode(text: string): string | undefined {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '))
	} catch {
		return undefined
	}
}

// Session cookies and invitation links are 20 random bytes in lower-case base32: 32 characters
// of a–z and 2–7, standing alone (not inside a longer word, a hex hash or an id).
const TOKEN_SHAPE = /(?<![A-Za-z0-9])[a-z2-7]{32}(?![A-Za-z0-9])/g

/**
 * Replaces whatever has the shape of one of our tokens. The logger runs every line through it
 * last, so that a token reaches no log even from a field nobody thought of (an error's message,
 * stack or `input`, a URL someone logs whole).
 */
export function withoutTokens(line: string): string {
	return line.replace(TOKEN_SHAPE, REDACTED)
}
