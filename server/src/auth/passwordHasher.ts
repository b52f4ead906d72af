import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane). The library's default algorithm is
// argon2id; its `Algorithm` is a const enum, which Node's type stripping cannot read.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const

let dummyHash: Promise<string> | undefined

/** Password hashing with argon2id. Lengths are checked by the caller before hashing. */
export const passwordHasher = {
	/** An argon2id PHC string for a password. */
	hash(password: string): Promise<string> {
		return hash(password, OPTIONS)
	},

	/** Whether a password matches a stored hash; a malformed hash never matches. */
	async verify(passwordHash: string, password: string): Promise<boolean> {
		try {
			return await verify(passwordHash, password)
		} catch {
			return false
		}
	},

	/**
	 * Spends the time of one verification and answers false: used when there is no account,
	 * so that an unknown email takes as long as a wrong password.
	 */
	async verifyNothing(password: string): Promise<false> {
		dummyHash ??= hash('not a password of anyone', OPTIONS)
		await verify(await dummyHash, password).catch(() => false)
		return false
	},
}
