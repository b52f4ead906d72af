import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'

declare module 'hono' {
	interface ContextVariableMap {
		/** Who sent the request, as limits count it (set by {@link clientAddressMiddleware}). */
		clientAddress: string
	}
}

/**
 * The address a request is counted under (see {@link addressKey}): the one
 * {@link clientAddressMiddleware} found, else the socket's peer. Never a header by itself.
 */
export function clientAddress(c: Context): string {
	return c.get('clientAddress') ?? addressKey(peerAddress(c))
}

/**
 * Finds each request's client once, before anything counts it: the socket's peer, or, when that
 * peer is one of the operator's `TRUSTED_PROXIES`, the address those proxies say they received the
 * request from (`X-Forwarded-For`).
 */
export function clientAddressMiddleware(proxies: TrustedProxies): MiddlewareHandler {
	return async (c, next) => {
		c.set('clientAddress', addressKey(proxies.clientOf(peerAddress(c), c.req.header('x-forwarded-for'))))
		await next()
	}
}

function peerAddress(c: Context): string {
	try {
		return getConnInfo(c).remote.address ?? 'unknown'
	} catch {
		// A request handed to the app without a socket (app.request in a test) has no peer.
		return 'unknown'
	}
}

/** At most this many `X-Forwarded-For` hops are read; a longer chain is someone's invention. */
export const MAX_FORWARDED_HOPS = 32

/**
 * The reverse proxies an operator runs in front of Circlespace (`TRUSTED_PROXIES`: addresses and
 * CIDR ranges). Only a request arriving from one of them has its `X-Forwarded-For` read, and then
 * from the right: each proxy appends the address it received the request from, so the rightmost
 * address that is not itself a trusted proxy is the client. Anything left of it was written by
 * the client and could be anything, so it is never believed.
 */
export class TrustedProxies {
	readonly #list = new BlockList()
	readonly #empty: boolean

	constructor(entries: readonly string[]) {
		for (const entry of entries) {
			const parsed = parseProxyEntry(entry)
			if (!parsed) throw new Error(`Not an address or CIDR range: ${entry}`)
			if (parsed.prefix === undefined) this.#list.addAddress(parsed.address, parsed.family)
			else this.#list.addSubnet(parsed.address, parsed.prefix, parsed.family)
		}
		this.#empty = entries.length === 0
	}

	/** Whether `address` (as a socket reports it, IPv4-mapped forms included) is a trusted proxy. */
	has(address: string): boolean {
		if (this.#empty) return false
		const plain = unmapped(address.replace(/%.*$/, ''))
		const family = isIP(plain)
		if (family === 0) return false
		return this.#list.check(plain, family === 4 ? 'ipv4' : 'ipv6')
	}

	/** The client behind `peer`, given the `X-Forwarded-For` header the request carried. */
	clientOf(peer: string, forwardedFor: string | undefined): string {
		if (!forwardedFor || !this.has(peer)) return peer
		const hops = forwardedFor.split(',').slice(-MAX_FORWARDED_HOPS)
		let client = peer
		for (let i = hops.length - 1; i >= 0; i--) {
			const hop = stripPort((hops[i] ?? '').trim())
			// A hop that is not an address: the chain cannot be read further than the last proxy.
			if (isIP(unmapped(hop)) === 0) return client
			client = hop
			if (!this.has(hop)) return hop
		}
		return client
	}
}

/** Reads one `TRUSTED_PROXIES` entry: `10.0.0.7`, `10.0.0.0/8`, `::1`, `fd00::/8`; null if neither. */
export function parseProxyEntry(
	entry: string,
): { address: string; family: 'ipv4' | 'ipv6'; prefix: number | undefined } | null {
	const [address = '', prefixText, extra] = entry.trim().split('/')
	if (extra !== undefined) return null
	const version = isIP(address)
	if (version === 0) return null
	const family = version === 4 ? 'ipv4' : 'ipv6'
	if (prefixText === undefined) return { address, family, prefix: undefined }
	if (!/^\d{1,3}$/.test(prefixText)) return null
	const prefix = Number(prefixText)
	if (prefix > (version === 4 ? 32 : 128)) return null
	return { address, family, prefix }
}

function unmapped(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
	return mapped && isIPv4(mapped) ? mapped : address
}

/** `203.0.113.7:4711` and `[2001:db8::1]:4711` (some proxies keep the port) without it. */
function stripPort(hop: string): string {
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop)?.[1]
	if (bracketed) return bracketed
	const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(hop)?.[1]
	return v4 ?? hop
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
