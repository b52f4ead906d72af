/** Where the process listens, and the public origin people use when one is configured. */
export interface Listening {
	host: string
	port: number
	publicUrl: string | undefined
}

// Addresses that mean "this machine" to whoever started the process: a browser on it opens
// localhost, whichever of these the server is bound to.
const LOCAL_HOSTS = new Set(['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'])

/**
 * The one plain line printed once the server is ready (the structured logs carry the rest):
 * "Circlespace is running at http://localhost:3000", with the public origin first when
 * `PUBLIC_URL` names one.
 */
export function runningLine({ host, port, publicUrl }: Listening): string {
	const local = LOCAL_HOSTS.has(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host
	const address = `http://${local}:${port}`
	if (publicUrl && publicUrl !== address)
		return `Circlespace is running at ${publicUrl} (listening on ${address})`
	return `Circlespace is running at ${address}`
}
