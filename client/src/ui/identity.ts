import { useSyncExternalStore } from 'react'

/**
 * Who is using this browser, until accounts exist: a stable random id, the name the person
 * typed and a colour picked for their cursor. Kept in localStorage so it survives reloads.
 */
export interface LocalIdentity {
	id: string
	name: string
	color: string
}

const STORAGE_KEY = 'circlespace:identity'
const CHANGE_EVENT = 'circlespace:identity'

/** Cursor colours with enough contrast against the white canvas and white name labels. */
export const PERSON_COLORS = [
	'#d9480f',
	'#2b8a3e',
	'#1971c2',
	'#9c36b5',
	'#c2255c',
	'#0c8599',
	'#e67700',
	'#5f3dc4',
] as const

let cached: { raw: string | null; value: LocalIdentity | null } | undefined

/** The identity saved in this browser, or null when the person has not chosen a name yet. */
export function readIdentity(): LocalIdentity | null {
	const raw = safeGet()
	if (cached && cached.raw === raw) return cached.value
	cached = { raw, value: parseIdentity(raw) }
	return cached.value
}

function parseIdentity(raw: string | null): LocalIdentity | null {
	if (!raw) return null
	try {
		const value: unknown = JSON.parse(raw)
		if (!value || typeof value !== 'object') return null
		const { id, name, color } = value as Record<string, unknown>
		if (typeof id !== 'string' || typeof name !== 'string' || !name.trim()) return null
		return { id, name: name.trim(), color: typeof color === 'string' ? color : pickColor(id) }
	} catch {
		return null
	}
}

/** Saves the person's name (keeping their id and colour) and tells every subscriber. */
export function saveName(name: string): LocalIdentity {
	const previous = readIdentity()
	const id = previous?.id ?? crypto.randomUUID()
	const identity: LocalIdentity = { id, name: name.trim(), color: previous?.color ?? pickColor(id) }
	try {
		localStorage.setItem(STORAGE_KEY, JSON.stringify(identity))
	} catch {
		// Private mode or storage full: the name holds for this page only.
		cached = { raw: JSON.stringify(identity), value: identity }
	}
	window.dispatchEvent(new Event(CHANGE_EVENT))
	return identity
}

function pickColor(id: string): string {
	let hash = 0
	for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
	return PERSON_COLORS[hash % PERSON_COLORS.length] ?? PERSON_COLORS[0]
}

function safeGet(): string | null {
	try {
		return localStorage.getItem(STORAGE_KEY)
	} catch {
		return cached?.raw ?? null
	}
}

function subscribe(onChange: () => void): () => void {
	window.addEventListener(CHANGE_EVENT, onChange)
	window.addEventListener('storage', onChange)
	return () => {
		window.removeEventListener(CHANGE_EVENT, onChange)
		window.removeEventListener('storage', onChange)
	}
}

/** The saved identity, re-rendering when it changes (also from another tab). */
export function useIdentity(): LocalIdentity | null {
	return useSyncExternalStore(subscribe, readIdentity)
}
