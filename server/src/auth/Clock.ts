/** The time source of the server's rules that depend on time (expiry, throttling). */
export interface Clock {
	/** The current time. */
	now(): Date
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() }
