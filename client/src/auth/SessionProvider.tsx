import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { getMe, signOut as signOutRequest, type User } from '../api/auth.ts'
import { ApiError, onSignedOut } from '../api/http.ts'

/**
 * Who is using the app.
 * - `loading`: asking the server.
 * - `signed-in`: `offline` when the server could not be reached and the account is the one
 *   this browser last saw (so a board opened before still opens without network).
 * - `signed-out`: `expired` when a session this page was using ended (signed out elsewhere,
 *   password changed, timed out), as opposed to a visitor who was never signed in.
 */
export type Session =
	| { status: 'loading' }
	| { status: 'signed-in'; user: User; offline: boolean }
	| { status: 'signed-out'; expired: boolean }

/** What the session context offers. */
export interface SessionContextValue {
	session: Session
	/** Asks the server again who is signed in. */
	refresh: () => void
	/** Records the account a sign-in or sign-up returned. */
	signedIn: (user: User) => void
	/** Records a changed profile. */
	updateUser: (user: User) => void
	/** Ends this browser's session. */
	signOut: () => Promise<void>
	/** Records that the session ended without this page asking (e.g. sign-out of all devices). */
	signedOut: () => void
}

const SessionContext = createContext<SessionContextValue | null>(null)

const CACHE_KEY = 'circlespace:me'

/** Keeps the session: asks `GET /api/auth/me` at start, and hears of every 401 the API answers. */
export function SessionProvider({ children }: { children: ReactNode }) {
	const [session, setSession] = useState<Session>({ status: 'loading' })
	const [version, setVersion] = useState(0)

	// biome-ignore lint/correctness/useExhaustiveDependencies: version is the "ask again" trigger
	useEffect(() => {
		const controller = new AbortController()
		getMe(controller.signal).then(
			(user) => {
				rememberUser(user)
				setSession({ status: 'signed-in', user, offline: false })
			},
			(error: unknown) => {
				if (controller.signal.aborted) return
				if (error instanceof ApiError && error.status === 401) {
					forgetUser()
					setSession((previous) => ({ status: 'signed-out', expired: previous.status === 'signed-in' }))
					return
				}
				const known = readRememberedUser()
				if (known && error instanceof ApiError && error.unreachable) {
					setSession({ status: 'signed-in', user: known, offline: true })
					return
				}
				// The server answered but not with an account (a 5xx): treat as signed out, but say
				// nothing about an expired session.
				setSession({ status: 'signed-out', expired: false })
			},
		)
		return () => controller.abort()
	}, [version])

	useEffect(
		() =>
			onSignedOut(() => {
				forgetUser()
				setSession((previous) =>
					previous.status === 'signed-in' ? { status: 'signed-out', expired: true } : previous,
				)
			}),
		[],
	)

	const refresh = useCallback(() => setVersion((value) => value + 1), [])
	const signedIn = useCallback((user: User) => {
		rememberUser(user)
		setSession({ status: 'signed-in', user, offline: false })
	}, [])
	const updateUser = useCallback((user: User) => {
		rememberUser(user)
		setSession((previous) => (previous.status === 'signed-in' ? { ...previous, user } : previous))
	}, [])
	const signedOut = useCallback(() => {
		forgetUser()
		setSession({ status: 'signed-out', expired: false })
	}, [])
	const signOut = useCallback(async () => {
		await signOutRequest()
		signedOut()
	}, [signedOut])

	const value = useMemo(
		() => ({ session, refresh, signedIn, updateUser, signOut, signedOut }),
		[session, refresh, signedIn, updateUser, signOut, signedOut],
	)
	return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

/** The session and what can be done with it. */
export function useSession(): SessionContextValue {
	const value = useContext(SessionContext)
	if (!value) throw new Error('useSession needs a SessionProvider above it')
	return value
}

/** The signed-in account; only for pages that are shown to signed-in people. */
export function useUser(): User {
	const { session } = useSession()
	if (session.status !== 'signed-in') throw new Error('useUser is only for signed-in pages')
	return session.user
}

function rememberUser(user: User): void {
	try {
		localStorage.setItem(CACHE_KEY, JSON.stringify(user))
	} catch {
		// Only an offline nicety.
	}
}

function forgetUser(): void {
	try {
		localStorage.removeItem(CACHE_KEY)
	} catch {
		// Nothing was kept.
	}
}

function readRememberedUser(): User | null {
	try {
		const raw = localStorage.getItem(CACHE_KEY)
		const parsed: unknown = raw ? JSON.parse(raw) : null
		if (
			parsed &&
			typeof parsed === 'object' &&
			typeof (parsed as User).id === 'string' &&
			typeof (parsed as User).displayName === 'string' &&
			typeof (parsed as User).color === 'string'
		) {
			return parsed as User
		}
	} catch {
		// Fall through.
	}
	return null
}
