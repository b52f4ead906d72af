/**
 * What an operator watches on the live side of one process, counted where it happens (plain
 * number increments: the room's hot path can afford them) and rendered for Prometheus by
 * {@link renderMetrics}.
 */
export class SyncMetrics {
	messagesIn = 0
	messagesOut = 0
	bytesIn = 0
	/** Log writes that succeeded, their total and largest duration (ms). */
	persistWrites = 0
	persistMsTotal = 0
	persistMsMax = 0
	/** Log writes that failed and were kept for a retry. */
	persistFailures = 0
	readonly closesByCode = new Map<number, number>()

	closed(code: number): void {
		this.closesByCode.set(code, (this.closesByCode.get(code) ?? 0) + 1)
	}

	persisted(ms: number): void {
		this.persistWrites++
		this.persistMsTotal += ms
		if (ms > this.persistMsMax) this.persistMsMax = ms
	}
}

/** What is read at the moment of a scrape. */
export interface MetricsSnapshot {
	sync: SyncMetrics
	rooms: number
	connections: number
	/** Undefined with one process (no Redis). */
	redisUp: boolean | undefined
}

/** The Prometheus text exposition format (version 0.0.4) of a snapshot. */
export function renderMetrics({ sync, rooms, connections, redisUp }: MetricsSnapshot): string {
	const lines: string[] = []
	const metric = (
		name: string,
		type: 'counter' | 'gauge',
		help: string,
		samples: Array<[string, number]>,
	) => {
		lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
		for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`)
	}
	metric('circlespace_rooms_open', 'gauge', 'Boards loaded in this process.', [['', rooms]])
	metric('circlespace_connections_open', 'gauge', 'Live connections of this process.', [['', connections]])
	metric('circlespace_messages_in_total', 'counter', 'WebSocket messages received.', [['', sync.messagesIn]])
	metric('circlespace_bytes_in_total', 'counter', 'WebSocket bytes received.', [['', sync.bytesIn]])
	metric('circlespace_messages_out_total', 'counter', 'WebSocket messages sent.', [['', sync.messagesOut]])
	metric('circlespace_persist_writes_total', 'counter', 'Board log writes stored.', [
		['', sync.persistWrites],
	])
	metric('circlespace_persist_seconds_total', 'counter', 'Time spent storing board log writes.', [
		['', sync.persistMsTotal / 1000],
	])
	metric('circlespace_persist_seconds_max', 'gauge', 'Longest board log write since start.', [
		['', sync.persistMsMax / 1000],
	])
	metric('circlespace_persist_failures_total', 'counter', 'Board log writes that failed and are retried.', [
		['', sync.persistFailures],
	])
	metric(
		'circlespace_connections_closed_total',
		'counter',
		'Live connections closed by the server, by close code.',
		[...sync.closesByCode].sort(([a], [b]) => a - b).map(([code, count]) => [`{code="${code}"}`, count]),
	)
	if (redisUp !== undefined) {
		metric('circlespace_redis_up', 'gauge', 'Whether the link to the other processes (Redis) is up.', [
			['', redisUp ? 1 : 0],
		])
	}
	return `${lines.join('\n')}\n`
}
