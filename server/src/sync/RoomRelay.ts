import type { Bus } from '../pubsub/Bus.ts'
import { type AwarenessEntry, MalformedMessageError, MessageReader, MessageWriter } from './messages.ts'

/** What processes holding the same board say to each other on its channel. */
const RelayKind = { UPDATE: 0, AWARENESS: 1, SYNC_REQUEST: 2, SYNC_REPLY: 3, LEAVE: 4 } as const

/** A presence entry between processes: as shared, with the person it belongs to. */
export interface RelayedAwarenessEntry extends AwarenessEntry {
	userId: string
}

/** What a room does with what other processes say about its board. */
export interface RelayListener {
	/** An update another process's doc emitted (a change made there, already stored there). */
	remoteUpdate(update: Uint8Array, fromProcess: string): void
	/** Presence entries owned by another process's connections. */
	remoteAwareness(entries: RelayedAwarenessEntry[], fromProcess: string): void
	/** Another process loaded the board (or lost its link) and asks what it lacks. */
	syncRequested(stateVector: Uint8Array, fromProcess: string): void
	/** Another process let go of the board: its presence entries are gone. */
	processLeft(fromProcess: string): void
}

/** The channel of one board. */
export function boardChannel(boardId: string): string {
	return `circlespace:board:${boardId}`
}

/**
 * One board's link to the other processes holding it (docs/ARCHITECTURE.md, "Several
 * processes"). Opened, that is subscribed, before the room reads storage, so that nothing another
 * process changes in between is missed: messages that arrive before the room is ready are kept
 * and handed over by {@link attach}.
 */
export class RoomRelay {
	readonly #bus: Bus
	readonly #channel: string
	#listener: RelayListener | null = null
	#early: Array<[Uint8Array, string]> = []
	#unsubscribe: (() => Promise<void>) | null = null

	constructor(bus: Bus, boardId: string) {
		this.#bus = bus
		this.#channel = boardChannel(boardId)
	}

	async open(): Promise<void> {
		this.#unsubscribe = await this.#bus.subscribe(this.#channel, (message, from) => {
			if (this.#listener) this.#dispatch(this.#listener, message, from)
			else this.#early.push([message, from])
		})
	}

	/** Starts handing messages to the room (those that came early first). */
	attach(listener: RelayListener): void {
		this.#listener = listener
		const early = this.#early
		this.#early = []
		for (const [message, from] of early) this.#dispatch(listener, message, from)
	}

	publishUpdate(update: Uint8Array): void {
		this.#bus.publish(
			this.#channel,
			new MessageWriter(update.length + 8).varUint(RelayKind.UPDATE).varBytes(update).finish(),
		)
	}

	publishAwareness(entries: RelayedAwarenessEntry[]): void {
		if (entries.length === 0) return
		this.#bus.publish(
			this.#channel,
			writeEntries(new MessageWriter(256).varUint(RelayKind.AWARENESS), entries).finish(),
		)
	}

	requestSync(stateVector: Uint8Array): void {
		this.#bus.publish(
			this.#channel,
			new MessageWriter().varUint(RelayKind.SYNC_REQUEST).varBytes(stateVector).finish(),
		)
	}

	replySync(toProcess: string, update: Uint8Array, entries: RelayedAwarenessEntry[]): void {
		const writer = new MessageWriter(update.length + 256)
			.varUint(RelayKind.SYNC_REPLY)
			.varString(toProcess)
			.varBytes(update)
		this.#bus.publish(this.#channel, writeEntries(writer, entries).finish())
	}

	/** Tells the others this process no longer holds the board, then stops listening. */
	async close(): Promise<void> {
		this.#bus.publish(this.#channel, new MessageWriter().varUint(RelayKind.LEAVE).finish())
		this.#listener = null
		await this.#unsubscribe?.()
	}

	#dispatch(listener: RelayListener, message: Uint8Array, from: string): void {
		try {
			const reader = new MessageReader(message)
			const kind = reader.varUint()
			switch (kind) {
				case RelayKind.UPDATE: {
					const update = reader.varBytes()
					reader.end()
					listener.remoteUpdate(update, from)
					break
				}
				case RelayKind.AWARENESS:
					listener.remoteAwareness(readEntries(reader), from)
					break
				case RelayKind.SYNC_REQUEST: {
					const stateVector = reader.varBytes()
					reader.end()
					listener.syncRequested(stateVector, from)
					break
				}
				case RelayKind.SYNC_REPLY: {
					const to = reader.varString()
					if (to !== this.#bus.processId) return
					const update = reader.varBytes()
					const entries = readEntries(reader)
					listener.remoteUpdate(update, from)
					listener.remoteAwareness(entries, from)
					break
				}
				case RelayKind.LEAVE:
					reader.end()
					listener.processLeft(from)
					break
				default:
					throw new MalformedMessageError(`unknown relay message ${kind}`)
			}
		} catch (error) {
			// Another process of ours sent it: a version mismatch during a rolling upgrade, at worst.
			if (!(error instanceof MalformedMessageError)) throw error
		}
	}
}

function writeEntries(writer: MessageWriter, entries: RelayedAwarenessEntry[]): MessageWriter {
	writer.varUint(entries.length)
	for (const entry of entries) {
		writer.varUint(entry.clientId).varUint(entry.clock).varString(entry.state).varString(entry.userId)
	}
	return writer
}

function readEntries(reader: MessageReader): RelayedAwarenessEntry[] {
	const count = reader.varUint()
	const entries: RelayedAwarenessEntry[] = []
	for (let i = 0; i < count; i++) {
		entries.push({
			clientId: reader.varUint(),
			clock: reader.varUint(),
			state: reader.varString(),
			userId: reader.varString(),
		})
	}
	reader.end()
	return entries
}
