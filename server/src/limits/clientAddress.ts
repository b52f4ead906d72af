import { isIPv4, isIPv6 } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The address a request is counted under: the socket's peer (see {@link addressKey}). Behind
 * a reverse proxy every client shares the proxy's address; trusting `X-Forwarded-For` needs a
 * configured list of proxies, which does not exist yet.
 */
export function clientAddress(c: Context): string {
	return addressKey(getConnInfo(c).remote.address ?? 'unknown')
}

/**
 * How an address is counted: an IPv4 address (also written IPv4-mapped, `::ffff:a.b.c.d`) as
 * itself, an IPv6 address by its /64 network, since one household or device is routinely
 * given a whole /64 and could otherwise take a fresh address for every request.
 */
export function addressKey(address: string): string {
	const plain = address.replace(/%.*$/, '')
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain)?.[1]
	if (mapped && isIPv4(mapped)) return mapped
	if (!isIPv6(plain)) return plain
	return `${ipv6Groups(plain).slice(0, 4).join(':')}::/64`
}

/** The eight 16-bit groups of a valid IPv6 address, in lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] {
	const [head = '', tail] = address.split('::')
	const groupsOf = (part: string) =>
		part
			.split(':')
			.filter((g) => g !== '')
			// A trailing dotted IPv4 part stands for two groups.
			.flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]))
	const first = groupsOf(head)
	const last = tail === undefined ? [] : groupsOf(tail)
	const zeros = Array.from({ length: 8 - first.length - last.length }, () => '0')
	return [...first, ...zeros, ...last].map((g) => Number.parseInt(g, 16).toString(16))
}
