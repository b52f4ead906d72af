/**
 * Counts each person's live connections (across every board of this process) and refuses more
 * than `max` at once, so that one account cannot hold the server's sockets, rooms and memory.
 * A place is taken before the upgrade and given back when the connection ends, so that a burst
 * of simultaneous attempts cannot slip past the count.
 */
export class ConnectionQuota {
	readonly max: number
	readonly #open = new Map<string, number>()

	constructor(max: number) {
		this.max = max
	}

	/** Takes a place for `userId`; false (and nothing taken) when they hold `max` already. */
	take(userId: string): boolean {
		const open = this.#open.get(userId) ?? 0
		if (open >= this.max) return false
		this.#open.set(userId, open + 1)
		return true
	}

	/** Gives back a place taken with {@link take}. */
	give(userId: string): void {
		const open = (this.#open.get(userId) ?? 0) - 1
		if (open > 0) this.#open.set(userId, open)
		else this.#open.delete(userId)
	}
}
