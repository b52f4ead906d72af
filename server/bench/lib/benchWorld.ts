import type { Storage } from '../../src/storage/Storage.ts'

/** Which of the bench world's boards each visibility goes to: 10 % instance, 30 % tribe, 60 % circle. */
export function benchVisibility(board: number): 'instance' | 'tribe' | 'circle' {
	return board % 10 === 0 ? 'instance' : board % 10 < 4 ? 'tribe' : 'circle'
}

/**
 * The accounts, tribes and circles the search and gallery benches put their boards in: `admin`
 * (steward of both tribes, facilitator of every circle) and `member`, in two circles of tribe 0;
 * `circleCount` circles alternating between tribes 0 and 1 (`circle-<n>`).
 */
export async function seedBenchWorld(storage: Storage, circleCount: number, at: Date): Promise<void> {
	for (const id of ['admin', 'member']) {
		await storage.users.create({
			id,
			email: `${id}@example.org`,
			displayName: id,
			color: '#224466',
			passwordHash: '$argon2id$fake',
			createdAt: at,
		})
	}
	for (const tribe of [0, 1]) {
		await storage.tribes.create({
			id: `tribe-${tribe}`,
			name: `Tribe ${tribe}`,
			description: '',
			kind: 'convened',
			visibility: 'listed',
			createdAt: at,
			stewardId: 'admin',
		})
	}
	for (let c = 0; c < circleCount; c++) {
		await storage.circles.create({
			id: `circle-${c}`,
			tribeId: `tribe-${c % 2}`,
			name: `Circle ${c}`,
			description: '',
			capacity: 30,
			createdAt: at,
			facilitatorId: 'admin',
		})
	}
	await storage.circles.join('circle-0', 'member', { role: 'member', at })
	await storage.circles.join('circle-2', 'member', { role: 'member', at })
}
