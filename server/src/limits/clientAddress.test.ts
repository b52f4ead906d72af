import { describe, expect, it } from 'vitest'
import { addressKey } from './clientAddress.ts'

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
