import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { type LiveSession, remainingAfter, sessionSnapshotTitle } from '../schemas/sessions.ts'
import { encodeSessionMessage, readSessionMessage, SESSION_MESSAGE_TYPE } from './sessionMessages.ts'

const ada = { id: 'ada', displayName: 'Ada', color: '#3366cc' }
const session: LiveSession = {
	id: 's1',
	boardId: 'board-1',
	title: 'Day 12 — “harvest”',
	agenda: ['Check in', 'Harvest'],
	currentItem: 1,
	timer: { durationMs: 600_000, remainingMs: 420_000, running: true },
	followMe: ada,
	startedBy: ada,
	startedAt: '2026-03-01T09:00:00.000Z',
	endedAt: null,
	participants: [ada],
	asOf: '2026-03-01T09:03:00.000Z',
}

/** Reads a whole message as y-websocket does: the type first, then the handler reads the body. */
function receive(message: Uint8Array) {
	const decoder = decoding.createDecoder(message)
	return { type: decoding.readVarUint(decoder), body: readSessionMessage(decoder) }
}

describe('session messages on the sync socket', () => {
	it('carries a session’s state and a summon through the wire format unchanged', () => {
		expect(receive(encodeSessionMessage({ session }))).toEqual({
			type: SESSION_MESSAGE_TYPE,
			body: { session },
		})
		const summon = { x: 120.5, y: -40, z: 0.75, pageId: 'page:one', by: ada }
		expect(receive(encodeSessionMessage({ summon }))).toEqual({
			type: SESSION_MESSAGE_TYPE,
			body: { summon },
		})
	})

	it('is not a type y-websocket uses', () => {
		expect([0, 1, 2, 3]).not.toContain(SESSION_MESSAGE_TYPE)
	})

	it('ignores a body it does not understand instead of throwing', () => {
		for (const text of ['not json', '42', '{"session":{"id":1}}', '{"summon":{"x":1,"y":2,"z":0}}', '{}']) {
			const encoder = encoding.createEncoder()
			encoding.writeVarUint(encoder, SESSION_MESSAGE_TYPE)
			encoding.writeVarString(encoder, text)
			expect(receive(encoding.toUint8Array(encoder)).body, text).toBeUndefined()
		}
	})
})

describe('session timer', () => {
	it('counts a running timer down from the moment it was written, and holds a paused one', () => {
		const timer = { durationMs: 600_000, remainingMs: 420_000, running: true }
		expect(remainingAfter(timer, 20_000)).toBe(400_000)
		// Over time it goes below zero, so the bar can say by how much.
		expect(remainingAfter(timer, 430_000)).toBe(-10_000)
		expect(remainingAfter({ ...timer, running: false }, 20_000)).toBe(420_000)
	})

	it('names the end-of-session snapshot after the session and its day', () => {
		expect(sessionSnapshotTitle('Day 12', new Date('2026-03-01T17:45:00Z'))).toBe('Day 12 — 2026-03-01')
	})
})
