import type { Clock } from '../auth/Clock.ts'

/** A clock tests move by hand, starting at a fixed moment (1 March 2026, 09:00 UTC). */
export class TestClock implements Clock {
	#ms = Date.parse('2026-03-01T09:00:00.000Z')

	now(): Date {
		return new Date(this.#ms)
	}

	/** Moves the clock forward. */
	advance(ms: number): void {
		this.#ms += ms
	}
}
