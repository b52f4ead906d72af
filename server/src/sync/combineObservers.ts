import type { ConnectionObserver } from './syncRoutes.ts'

/** One {@link ConnectionObserver} that tells each of `observers` in turn (in their order). */
export function combineObservers(...observers: ConnectionObserver[]): ConnectionObserver {
	return {
		prepare: async (boardId) => {
			await Promise.all(observers.map((observer) => observer.prepare(boardId)))
		},
		attach: (connection) => {
			const detaches = observers.map((observer) => observer.attach(connection))
			return () => {
				for (const detach of detaches) detach()
			}
		},
	}
}
