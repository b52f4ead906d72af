import { AppError } from '../errors.ts'
import type { Room } from '../sync/Room.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'

/**
 * Runs `use` with a board's live room (loading it when nobody has it open), held so that it is
 * not unloaded meanwhile. Changes `use` makes to `room.doc` reach every connected client and
 * are stored like anyone's edits.
 */
export async function withRoom<T>(
	rooms: Pick<RoomRegistry, 'acquire'>,
	boardId: string,
	use: (room: Room) => Promise<T> | T,
): Promise<T> {
	const room = await rooms.acquire(boardId)
	// The board exists (the caller checked access), so only a stopping server gives no room.
	if (!room) throw new AppError('INTERNAL', 'The server is stopping. Try again in a moment.')
	try {
		return await use(room)
	} finally {
		room.release()
	}
}
