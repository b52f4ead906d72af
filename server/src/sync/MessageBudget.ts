/** A token bucket: `burst` tokens at most, refilled at `perSecond`. */
export interface BucketRule {
	perSecond: number
	burst: number
}

/** What one connection may send (docs/SPEC.md, rule H6). */
export interface MessageBudgetRules {
	/** Messages of any kind; beyond it the connection is closed (4429). */
	messages: BucketRule
	/** Bytes of any kind; beyond it the connection is closed (4429). */
	bytes: BucketRule
	/** Presence (awareness) messages; beyond it they are dropped, the connection stays. */
	presence: BucketRule
}

/**
 * Well above what the web app sends while someone drags shapes (a store change per frame, about
 * 60 a second, and presence at most 20 a second) and above a reconnect after offline work (one
 * sync message of up to `MAX_MESSAGE_BYTES`), yet a flood from one connection stops within a
 * second or two instead of occupying the room.
 */
export const defaultMessageBudgetRules: MessageBudgetRules = {
	messages: { perSecond: 200, burst: 600 },
	bytes: { perSecond: 2 * 1024 * 1024, burst: 16 * 1024 * 1024 },
	presence: { perSecond: 30, burst: 60 },
}

/** What to do with one message. */
export type BudgetVerdict = 'accept' | 'drop' | 'close'

class Bucket {
	readonly #rule: BucketRule
	#tokens: number
	#at: number

	constructor(rule: BucketRule, now: number) {
		this.#rule = rule
		this.#tokens = rule.burst
		this.#at = now
	}

	/** Takes `amount` tokens if there are enough (refilled up to `now`); false when there are not. */
	take(amount: number, now: number): boolean {
		const elapsed = Math.max(0, now - this.#at) / 1000
		this.#at = now
		this.#tokens = Math.min(this.#rule.burst, this.#tokens + elapsed * this.#rule.perSecond)
		if (this.#tokens < amount) return false
		this.#tokens -= amount
		return true
	}
}

/**
 * The sending budget of one connection: checked on every message before anything is decoded,
 * with the message's size and a monotonic time in milliseconds (cheap: a few additions).
 */
export class MessageBudget {
	readonly #messages: Bucket
	readonly #bytes: Bucket
	readonly #presence: Bucket

	constructor(rules: MessageBudgetRules, now: number) {
		this.#messages = new Bucket(rules.messages, now)
		this.#bytes = new Bucket(rules.bytes, now)
		this.#presence = new Bucket(rules.presence, now)
	}

	/** Counts one message of `bytes` bytes; `presence` when it is an awareness message. */
	take(bytes: number, presence: boolean, now: number): BudgetVerdict {
		if (!this.#messages.take(1, now) || !this.#bytes.take(bytes, now)) return 'close'
		if (presence && !this.#presence.take(1, now)) return 'drop'
		return 'accept'
	}
}
