/**
 * Latency markers: `~T<sender>:<seq>:<sentAtMs>~` for shape moves and `~C...~` for cursors.
 *
 * They travel inside record JSON and awareness JSON, which Yjs V1 updates and awareness
 * messages carry as UTF-8, so a receiver finds them in the raw bytes without decoding the
 * update. Servers re-encode what they forward, so bytes are never compared, only markers.
 */

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export function nowMs(): number {
	return performance.timeOrigin + performance.now()
}

export function moveMarker(sender: number, seq: number, at: number): string {
	return `~T${sender}:${seq}:${at.toFixed(3)}~`
}

export function cursorMarker(sender: number, seq: number, at: number): string {
	return `~C${sender}:${seq}:${at.toFixed(3)}~`
}

const TILDE = 0x7e
const T = 0x54
const C = 0x43
const COLON = 0x3a
const DOT = 0x2e

/** Called once per marker found: kind 'T' (move) or 'C' (cursor). */
export type MarkerSink = (kind: 'T' | 'C', sender: number, seq: number, sentAt: number) => void

/** Finds every marker in `buf` (bytes or a string's UTF-16 code units) and reports it. */
export function scanMarkers(buf: Uint8Array | string, sink: MarkerSink): void {
	const isStr = typeof buf === 'string'
	const len = buf.length
	let pos = 0
	while (pos < len) {
		const i = isStr ? buf.indexOf('~', pos) : (buf as Buffer).indexOf(TILDE, pos)
		if (i < 0 || i + 1 >= len) return
		const kindCode = isStr ? buf.charCodeAt(i + 1) : ((buf as Uint8Array)[i + 1] as number)
		if (kindCode !== T && kindCode !== C) {
			pos = i + 1
			continue
		}
		// Parse "<int>:<int>:<int>.<frac>~" by hand: this runs for every delivered message.
		let j = i + 2
		const fields = new Float64Array(3)
		let f = 0
		let frac = 0
		let fracDiv = 1
		let inFrac = false
		let ok = false
		while (j < len) {
			const c = isStr ? buf.charCodeAt(j) : ((buf as Uint8Array)[j] as number)
			if (c >= 0x30 && c <= 0x39) {
				if (inFrac) {
					frac = frac * 10 + (c - 0x30)
					fracDiv *= 10
				} else fields[f] = (fields[f] as number) * 10 + (c - 0x30)
			} else if (c === COLON && f < 2 && !inFrac) f++
			else if (c === DOT && f === 2 && !inFrac) inFrac = true
			else if (c === TILDE && f === 2) {
				ok = true
				break
			} else break
			j++
		}
		if (ok) {
			const [sender = 0, seq = 0, whole = 0] = fields
			sink(kindCode === T ? 'T' : 'C', sender, seq, whole + frac / fracDiv)
			pos = j + 1
		} else pos = i + 1
	}
}
