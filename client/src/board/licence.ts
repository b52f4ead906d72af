/** True for hosts where tldraw runs in development mode without a licence key. */
export function isLocalHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '')
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)
}

/**
 * Whether tldraw would refuse to run here without a key: on an `https:` origin that is not the
 * local machine it treats the page as production and hides the editor after a few seconds.
 * (On plain `http:` it runs in development mode.)
 */
export function isLicenceMissing(
	location: Pick<Location, 'protocol' | 'hostname'>,
	key: string | null,
): boolean {
	return location.protocol === 'https:' && !isLocalHost(location.hostname) && !key
}
