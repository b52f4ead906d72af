import { describe, expect, it } from 'vitest'
import { boardIdOfAddress } from './boardLinkAddress.ts'

const origin = 'https://circles.example.org'

describe('boardIdOfAddress', () => {
	it('reads the board of an address of this Circlespace', () => {
		expect(boardIdOfAddress(`${origin}/b/board_abc123`, origin)).toBe('board_abc123')
		expect(boardIdOfAddress(`  ${origin}/b/board_abc123/?x=1#top `, origin)).toBe('board_abc123')
	})

	it('is not fooled by another site, another page or something that is not a board id', () => {
		expect(boardIdOfAddress('https://evil.example.com/b/board_abc123', origin)).toBeNull()
		expect(boardIdOfAddress(`${origin}.evil.example.com/b/board_abc123`, origin)).toBeNull()
		expect(boardIdOfAddress(`${origin}/b/board_abc123/s/snap_1234567`, origin)).toBeNull()
		expect(boardIdOfAddress(`${origin}/c/circle_abc123`, origin)).toBeNull()
		expect(boardIdOfAddress(`${origin}/b/%2e%2e`, origin)).toBeNull()
		expect(boardIdOfAddress('board_abc123', origin)).toBeNull()
	})
})
