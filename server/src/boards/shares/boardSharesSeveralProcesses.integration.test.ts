import { CloseCode, MAX_PENDING_OFFERS_PER_CIRCLE, MAX_SHARES_PER_BOARD } from '@circlespace/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { newId } from '../../spaces/ids.ts'
import { seedBoard, seedCircle, seedMember } from '../../testing/seed.ts'
import { type ServerProcess, serverProcesses } from '../../testing/serverProcesses.ts'
import { eventually, synced } from '../../testing/testServer.ts'

/**
 * Cross-circle boards with several server processes on one PostgreSQL and one Redis (SPEC CB5,
 * CB6 with M2): a share withdrawn, or a membership of the receiving circle changed, through one
 * process closes the connection held by another.
 */

const databaseUrl = process.env.TEST_DATABASE_URL
const redisUrl = process.env.TEST_REDIS_URL
const { cluster, provider, api, dispose } = serverProcesses({ databaseUrl, redisUrl })
afterEach(dispose)
const notRun = !databaseUrl || !redisUrl

describe('cross-circle boards on several server processes', () => {
	if (notRun) {
		it('were NOT run: TEST_DATABASE_URL and TEST_REDIS_URL must both be set', () => {
			console.warn(
				'cross-circle boards on several processes: not run, TEST_DATABASE_URL or TEST_REDIS_URL unset',
			)
			expect(notRun).toBe(true)
		})
		return
	}

	it('CB5 a circle withdrawn through one process loses the board on the other, live', async () => {
		const { storage, processes } = await cluster(2)
		const [one, two] = processes as [ServerProcess, ServerProcess]
		const { boardId, tribe, facilitator } = await seedBoard({ storage })
		const circleB = await seedCircle({ storage }, tribe.id, facilitator.user, { name: 'Circle B' })
		const bea = await seedMember({ storage }, circleB.id, 'Bea')
		const cy = await seedMember({ storage }, circleB.id, 'Cy')
		const offered = await storage.boardShares.offer({
			id: newId(),
			boardId,
			circleId: circleB.id,
			offeredBy: facilitator.user.id,
			at: new Date(),
			acceptedBy: facilitator.user.id,
			limits: { perBoard: MAX_SHARES_PER_BOARD, pendingPerCircle: MAX_PENDING_OFFERS_PER_CIRCLE },
		})
		if (offered.outcome !== 'created') throw new Error(offered.outcome)
		const beaP = provider(two, boardId, bea)
		const cyP = provider(two, boardId, cy)
		await Promise.all([synced(beaP), synced(cyP)])

		// Cy leaves circle B through process one: only Cy's connection on process two closes.
		const left = await api(one, cy, 'DELETE', `/circles/${circleB.id}/members/${cy.user.id}`)
		expect(left.status).toBe(204)
		await eventually(() => expect(cyP.closes).toContain(CloseCode.FORBIDDEN), 10_000)
		expect(beaP.closes).toEqual([])

		const withdrawn = await api(one, facilitator, 'DELETE', `/board-shares/${offered.share.id}`)
		expect(withdrawn.status).toBe(204)
		await eventually(() => expect(beaP.closes).toContain(CloseCode.FORBIDDEN), 10_000)
	}, 60_000)
})
