import { describe, expect, it } from 'vitest'
import { addressKey, MAX_FORWARDED_HOPS, parseProxyEntry, TrustedProxies } from './clientAddress.ts'

describe('addressKey', () => {
	it('counts an IPv4 address as itself, also when written IPv4-mapped', () => {
		expect(addressKey('203.0.113.7')).toBe('203.0.113.7')
		expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7')
		expect(addressKey('::FFFF:203.0.113.7')).toBe('203.0.113.7')
	})

	it('counts every address of one IPv6 /64 as one, so that changing address within it does not help', () => {
		const one = addressKey('2001:db8:85a3:42:1:2:3:4')
		expect(one).toBe('2001:db8:85a3:42::/64')
		expect(addressKey('2001:0db8:85a3:0042:ffff:ffff:ffff:ffff')).toBe(one)
		expect(addressKey('2001:db8:85a3:42::9')).toBe(one)
		expect(addressKey('2001:db8:85a3:42::1%eth0')).toBe(one)
		expect(addressKey('2001:db8:85a3:43::1')).not.toBe(one)
	})

	it('reads compressed forms wherever the zeros are', () => {
		expect(addressKey('::1')).toBe('0:0:0:0::/64')
		expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64')
		expect(addressKey('fe80::1:2:3:4:5')).toBe('fe80:0:0:1::/64')
		expect(addressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64')
	})

	it('keeps anything that is not an IP address as it is', () => {
		expect(addressKey('unknown')).toBe('unknown')
	})
})

describe('TrustedProxies', () => {
	const proxies = new TrustedProxies(['10.0.0.0/8', '192.0.2.1', 'fd00::/8'])

	it('reads X-Forwarded-For only from a trusted proxy: anyone else’s header is ignored', () => {
		expect(proxies.clientOf('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9')
		expect(new TrustedProxies([]).clientOf('10.0.0.5', '198.51.100.1')).toBe('10.0.0.5')
	})

	it('takes the rightmost address that is not a proxy: what a client writes to the left is not believed', () => {
		// The client forged "1.1.1.1"; the proxy appended the address it really saw.
		expect(proxies.clientOf('10.0.0.5', '1.1.1.1, 198.51.100.7')).toBe('198.51.100.7')
		// Two proxies in a row (a CDN at 192.0.2.1, then ours): the client is before both.
		expect(proxies.clientOf('10.0.0.5', '198.51.100.7, 192.0.2.1')).toBe('198.51.100.7')
	})

	it('knows IPv4-mapped peers, IPv6 ranges and hops written with ports', () => {
		expect(proxies.has('::ffff:10.1.2.3')).toBe(true)
		expect(proxies.clientOf('fd12::1', '[2001:db8::5]:4711')).toBe('2001:db8::5')
		expect(proxies.clientOf('10.0.0.5', '198.51.100.7:55000')).toBe('198.51.100.7')
	})

	it('stops at a hop that is not an address, and when every hop is a proxy takes the leftmost', () => {
		expect(proxies.clientOf('10.0.0.5', 'garbage, 10.0.0.9')).toBe('10.0.0.9')
		expect(proxies.clientOf('10.0.0.5', '10.0.0.8, 10.0.0.9')).toBe('10.0.0.8')
		expect(proxies.clientOf('10.0.0.5', '')).toBe('10.0.0.5')
	})

	it('reads no more than the last MAX_FORWARDED_HOPS hops of a long chain', () => {
		const proxyHops = (count: number) => Array.from({ length: count }, () => '10.0.0.1')
		const within = ['198.51.100.1', ...proxyHops(MAX_FORWARDED_HOPS - 1)].join(',')
		expect(proxies.clientOf('10.0.0.5', within)).toBe('198.51.100.1')
		const beyond = ['198.51.100.1', ...proxyHops(MAX_FORWARDED_HOPS)].join(',')
		expect(proxies.clientOf('10.0.0.5', beyond)).toBe('10.0.0.1')
	})

	it('refuses entries that are neither an address nor a CIDR range', () => {
		for (const bad of ['10.0.0.0/33', '10.0.0/8', 'proxy.local', '::1/129', '10.0.0.0/8/1', '10.0.0.1/']) {
			expect(parseProxyEntry(bad), bad).toBeNull()
		}
		expect(parseProxyEntry(' 10.0.0.0/8 ')).toEqual({ address: '10.0.0.0', family: 'ipv4', prefix: 8 })
		expect(parseProxyEntry('::1')).toEqual({ address: '::1', family: 'ipv6', prefix: undefined })
	})
})
