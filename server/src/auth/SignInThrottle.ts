import { AppError } from '../errors.ts'
import type { Limiter, Limiters, LimitRule } from '../limits/Limiters.ts'

/** How failures on one account, from anywhere, slow its sign-ins down (never stop them). */
export interface SlowDownRule {
	/** Failures within `seconds` that cost no wait. */
	freeFailures: number
	seconds: number
	/** The wait after the first failure beyond the free ones; it doubles with each further one. */
	firstDelaySeconds: number
	/** The longest wait. */
	maxDelaySeconds: number
}

/** The limits on failed sign-ins, after OWASP's authentication guidance. */
export interface SignInRules {
	/** One address guessing one account's password: refused once `points` failed within the window. */
	accountAtAddress: LimitRule
	/** One address trying many accounts. Higher, as everyone at a venue shares its address. */
	address: LimitRule
	/**
	 * One account, from any address: only slowed down, so that a stranger guessing from
	 * elsewhere cannot lock the owner out.
	 */
	account: SlowDownRule
}

/**
 * The limits used unless told otherwise: 5 failures per account and address and 60 per address
 * in 15 minutes (thirty people at one venue who each mistype twice stay below it); beyond 5
 * failures on one account within an hour, each further try waits 1 s, 2 s, 4 s … up to 30 s.
 */
export const defaultSignInRules: SignInRules = {
	accountAtAddress: { points: 5, seconds: 15 * 60 },
	address: { points: 60, seconds: 15 * 60 },
	account: { freeFailures: 5, seconds: 60 * 60, firstDelaySeconds: 1, maxDelaySeconds: 30 },
}

/** The wait before an account's next try after `beyondFree` failures beyond the free ones. */
export function slowDownSeconds(rule: SlowDownRule, beyondFree: number): number {
	if (beyondFree <= 0) return 0
	return Math.min(rule.maxDelaySeconds, rule.firstDelaySeconds * 2 ** (beyondFree - 1))
}

/** Whose failures an attempt counts against. */
export interface AttemptKeys {
	/** The normalised email address tried (an unknown one counts exactly like an account's). */
	account: string
	/** The client's address as `clientAddress` counts it. */
	address: string
}

/** An attempt allowed to check a password; it must be told how that ended. */
export interface SignInAttempt {
	failed(): Promise<void>
	succeeded(): Promise<void>
}

// While a slowed-down account's one try is being checked, the others wait; a check that never
// ends (a crash) holds the turn no longer than this.
const TURN_HOLD_SECONDS = 5

/**
 * Counts sign-in attempts per account and address, per address and per account, in the
 * store of `limiters` (memory, or Redis shared by several processes). An attempt is counted
 * before its password is checked, so that guesses sent in parallel count as well; one that
 * succeeds clears its account's count and its own account-and-address count (a guesser's
 * elsewhere stays) and gives its address its point back.
 */
export class SignInThrottle {
	readonly #rules: SignInRules
	readonly #accountAtAddress: Limiter
	readonly #address: Limiter
	readonly #account: Limiter
	// One try at a time on a slowed-down account, and none until its wait is over (a block).
	readonly #turn: Limiter

	constructor(limiters: Limiters, rules: SignInRules = defaultSignInRules) {
		this.#rules = rules
		this.#accountAtAddress = limiters.create('signin-account-address', rules.accountAtAddress)
		this.#address = limiters.create('signin-address', rules.address)
		this.#account = limiters.create('signin-account', {
			points: rules.account.freeFailures,
			seconds: rules.account.seconds,
		})
		this.#turn = limiters.create('signin-turn', { points: 1, seconds: TURN_HOLD_SECONDS })
	}

	/** Counts one attempt; throws RATE_LIMITED (with `retryAfterSeconds`) when it must wait. */
	async begin(keys: AttemptKeys): Promise<SignInAttempt> {
		// Email addresses hold no spaces, so the pair's key is unambiguous.
		const pairKey = `${keys.address} ${keys.account}`
		const pair = await this.#accountAtAddress.take(pairKey)
		if (!pair.allowed) {
			throw refused(pair.retryAfterSeconds, 'Too many failed sign-ins to this account from your network.')
		}
		const address = await this.#address.take(keys.address)
		if (!address.allowed) {
			await this.#accountAtAddress.giveBack(pairKey)
			throw refused(address.retryAfterSeconds, 'Too many failed sign-ins from your network.')
		}
		const account = await this.#account.take(keys.account)
		const slowedDown = !account.allowed
		if (slowedDown) {
			const turn = await this.#turn.take(keys.account)
			if (!turn.allowed) {
				await Promise.all([
					this.#accountAtAddress.giveBack(pairKey),
					this.#address.giveBack(keys.address),
					this.#account.giveBack(keys.account),
				])
				throw slowedDownError(turn.retryAfterSeconds)
			}
		}
		return {
			failed: async () => {
				if (!slowedDown) return
				const beyondFree = account.used - this.#rules.account.freeFailures
				await this.#turn.block(keys.account, slowDownSeconds(this.#rules.account, beyondFree))
			},
			// Only whoever knows the password can clear the account's count, so a success may.
			succeeded: async () => {
				await Promise.all([
					this.#accountAtAddress.reset(pairKey),
					this.#address.giveBack(keys.address),
					this.#account.reset(keys.account),
					this.#turn.reset(keys.account),
				])
			},
		}
	}
}

function refused(retryAfterSeconds: number, why: string): AppError {
	return new AppError('RATE_LIMITED', `${why} Wait a while, then try again.`, { retryAfterSeconds })
}

function slowedDownError(retryAfterSeconds: number): AppError {
	const wait = retryAfterSeconds === 1 ? 'a second' : `${retryAfterSeconds} seconds`
	return new AppError(
		'RATE_LIMITED',
		`Many wrong passwords were tried for this account recently, so each try has to wait. Try again in ${wait}.`,
		{ retryAfterSeconds },
	)
}
