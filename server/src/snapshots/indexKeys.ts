/**
 * tldraw orders pages and sibling shapes by fractional index keys (`a1`, `a2`, `a1V`…): an
 * integer part whose first character says how many digits follow (`a` one, `b` two, … in base
 * 62), then an optional fraction. tldraw's helpers live in `@tldraw/utils`, which the server does
 * not depend on; it only ever needs keys after all existing ones, which are whole integers.
 */

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** `n` increasing index keys, all after `below` (or starting at `a1` when there is nothing below). */
export function indexKeysAbove(below: string | null, n: number): string[] {
	let integer = below === null ? 'a0' : (integerPart(below) ?? 'a0')
	const keys: string[] = []
	for (let i = 0; i < n; i++) {
		integer = nextInteger(integer)
		keys.push(integer)
	}
	return keys
}

/** The largest of some index keys (they compare as plain strings), or null when there are none. */
export function highestIndexKey(keys: Iterable<string>): string | null {
	let highest: string | null = null
	for (const key of keys) if (highest === null || key > highest) highest = key
	return highest
}

/**
 * The integer part of a key. Keys below `a0` start with an upper-case letter and every key with
 * a lower-case head is greater than them, so `a0` stands in for them all.
 */
function integerPart(key: string): string | undefined {
	const head = key.charCodeAt(0)
	if (head >= 65 && head <= 90) return 'a0'
	if (head < 97 || head > 122) return undefined
	const length = head - 97 + 2
	const integer = key.slice(0, length)
	if (integer.length !== length || [...integer.slice(1)].some((digit) => !DIGITS.includes(digit)))
		return undefined
	return integer
}

/** The next integer key: `a1` → `a2`, `az` → `b00`, `b0z` → `b10`. */
function nextInteger(integer: string): string {
	const digits = [...integer.slice(1)]
	for (let i = digits.length - 1; i >= 0; i--) {
		const value = DIGITS.indexOf(digits[i] as string)
		if (value < DIGITS.length - 1) {
			digits[i] = DIGITS[value + 1] as string
			return integer[0] + digits.join('')
		}
		digits[i] = '0'
	}
	const head = integer.charCodeAt(0)
	if (head >= 122) throw new Error('no index key is left above this one')
	return String.fromCharCode(head + 1) + '0'.repeat(digits.length + 1)
}
