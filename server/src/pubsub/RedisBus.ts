import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from '../logger.ts'
import type { Bus, BusHandler } from './Bus.ts'

// Every message starts with the sender's process id, so that a process can skip its own.
const PROCESS_ID_BYTES = 8

/**
 * {@link Bus} on Redis pub/sub: one connection subscribes (a subscribed Redis connection can do
 * nothing else), one publishes. ioredis reconnects by itself and subscribes again; whoever
 * listens to {@link onReconnect} then catches up on what it missed (rooms resync).
 */
export class RedisBus implements Bus {
	readonly processId: string
	readonly #id: Buffer
	readonly #sub: Redis
	readonly #pub: Redis
	readonly #handlers = new Map<string, Set<BusHandler>>()
	readonly #reconnectListeners = new Set<() => void>()
	readonly #log: Logger
	#wasReady = false
	#lost = false

	constructor(url: string, logger: Logger) {
		this.#id = randomBytes(PROCESS_ID_BYTES)
		this.processId = this.#id.toString('hex')
		this.#log = logger.child({ module: 'bus' })
		const options = { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: false }
		this.#sub = new Redis(url, options)
		this.#pub = new Redis(url, { ...options, enableOfflineQueue: false })
		for (const connection of [this.#sub, this.#pub]) {
			connection.on('error', (error: Error) => this.#log.warn({ err: error.message }, 'redis link error'))
		}
		this.#sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.#deliver(channel, message))
		this.#sub.on('close', () => {
			if (this.#wasReady) this.#lost = true
		})
		this.#sub.on('ready', () => {
			if (this.#lost) {
				this.#lost = false
				this.#log.info('redis link back; resyncing')
				for (const listener of this.#reconnectListeners) listener()
			}
			this.#wasReady = true
		})
	}

	/** Resolves once both connections are up (rejects after `timeoutMs`). */
	async ready(timeoutMs = 10_000): Promise<void> {
		const up = (connection: Redis) =>
			connection.status === 'ready'
				? Promise.resolve()
				: new Promise<void>((resolve) => connection.once('ready', () => resolve()))
		let timer: ReturnType<typeof setTimeout> | undefined
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error('Redis did not answer')), timeoutMs)
		})
		try {
			await Promise.race([Promise.all([up(this.#sub), up(this.#pub)]), timeout])
		} finally {
			clearTimeout(timer)
		}
	}

	/** A connection for commands (rate-limit counters), kept apart from the subscribing one. */
	get commands(): Redis {
		return this.#pub
	}

	get connected(): boolean {
		return this.#sub.status === 'ready' && this.#pub.status === 'ready'
	}

	async subscribe(channel: string, onMessage: BusHandler): Promise<() => Promise<void>> {
		let set = this.#handlers.get(channel)
		if (!set) {
			set = new Set()
			this.#handlers.set(channel, set)
		}
		set.add(onMessage)
		if (set.size === 1) await this.#sub.subscribe(channel)
		return async () => {
			const current = this.#handlers.get(channel)
			if (!current?.delete(onMessage) || current.size > 0) return
			this.#handlers.delete(channel)
			await this.#sub.unsubscribe(channel).catch(() => {})
		}
	}

	publish(channel: string, message: Uint8Array): void {
		if (this.#pub.status !== 'ready') return
		const framed = Buffer.allocUnsafe(PROCESS_ID_BYTES + message.length)
		this.#id.copy(framed, 0)
		framed.set(message, PROCESS_ID_BYTES)
		this.#pub.publish(channel, framed).catch((error: Error) => {
			this.#log.warn({ err: error.message, channel }, 'could not publish')
		})
	}

	onReconnect(listener: () => void): () => void {
		this.#reconnectListeners.add(listener)
		return () => this.#reconnectListeners.delete(listener)
	}

	async close(): Promise<void> {
		this.#sub.disconnect()
		this.#pub.disconnect()
	}

	#deliver(channel: Buffer, message: Buffer): void {
		if (message.length < PROCESS_ID_BYTES || message.subarray(0, PROCESS_ID_BYTES).equals(this.#id)) return
		const handlers = this.#handlers.get(channel.toString())
		if (!handlers) return
		const body = message.subarray(PROCESS_ID_BYTES)
		const from = message.subarray(0, PROCESS_ID_BYTES).toString('hex')
		for (const handler of handlers) {
			try {
				handler(body, from)
			} catch (error) {
				this.#log.error({ err: error }, 'error while handling a bus message')
			}
		}
	}
}
