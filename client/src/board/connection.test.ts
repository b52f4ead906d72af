import { CloseCode, describeCloseCode } from '@circlespace/shared'
import { describe, expect, it } from 'vitest'
import { connectionDescription, connectionLabel } from './connection.ts'

describe('what the board says about its connection', () => {
	it('explains a connection the server held back (4429) and says the edits are safe', () => {
		const held = { state: 'offline' as const, reason: describeCloseCode(CloseCode.TOO_MANY) }
		expect(connectionLabel(held)).toBe('Offline – reconnecting')
		expect(connectionDescription(held)).toMatch(/Too much at once/)
		expect(connectionDescription(held)).toMatch(/kept on this device/)
	})

	it('says plainly when the network is gone', () => {
		expect(connectionDescription({ state: 'offline' })).toMatch(/^Offline: your changes are kept/)
	})

	it('gives the reason for a connection closed for good', () => {
		const message = describeCloseCode(CloseCode.PRESENCE_TOO_LARGE) as string
		expect(connectionDescription({ state: 'closed', code: CloseCode.PRESENCE_TOO_LARGE, message })).toMatch(
			/Reload the page/,
		)
	})
})
