import { describe, expect, it } from 'vitest'
import { CloseCode, describeCloseCode, isFinalCloseCode } from './closeCodes.ts'

describe('close codes', () => {
	it('explains every documented code to a person', () => {
		for (const code of Object.values(CloseCode)) expect(describeCloseCode(code), String(code)).toMatch(/\w+/)
	})

	it('has no explanation for an ordinary close', () => {
		expect(describeCloseCode(1000)).toBeUndefined()
	})

	it('tells the client to stop reconnecting only when retrying cannot help', () => {
		expect(isFinalCloseCode(CloseCode.BOARD_NOT_FOUND)).toBe(true)
		expect(isFinalCloseCode(CloseCode.BAD_MESSAGE)).toBe(true)
		expect(isFinalCloseCode(CloseCode.UNAUTHENTICATED)).toBe(true)
		expect(isFinalCloseCode(CloseCode.FORBIDDEN)).toBe(true)
		// A revoked or expired guest link stays so: reconnecting would be refused again.
		expect(isFinalCloseCode(CloseCode.GUEST_ENDED)).toBe(true)
		// The same presence would be refused again after a reconnect.
		expect(isFinalCloseCode(CloseCode.PRESENCE_TOO_LARGE)).toBe(true)
		// Too much at once: a later attempt, after the client's back-off, can succeed.
		expect(isFinalCloseCode(CloseCode.TOO_MANY)).toBe(false)
		// A changed access level is worth a reconnect: the new connection gets the new access.
		expect(isFinalCloseCode(CloseCode.ACCESS_CHANGED)).toBe(false)
		expect(isFinalCloseCode(CloseCode.SERVICE_RESTART)).toBe(false)
		expect(isFinalCloseCode(CloseCode.TRY_AGAIN_LATER)).toBe(false)
		expect(isFinalCloseCode(CloseCode.MESSAGE_TOO_BIG)).toBe(false)
		expect(isFinalCloseCode(1006)).toBe(false)
	})

	it('says why a live connection ended when access changed', () => {
		expect(describeCloseCode(CloseCode.FORBIDDEN)).toMatch(/no longer have access to this board/)
		expect(describeCloseCode(CloseCode.UNAUTHENTICATED)).toMatch(/session ended|signed out/)
		expect(describeCloseCode(CloseCode.ACCESS_CHANGED)).toMatch(/access to this board changed/)
	})

	it('uses distinct numbers', () => {
		const codes = Object.values(CloseCode)
		expect(new Set(codes).size).toBe(codes.length)
	})
})
