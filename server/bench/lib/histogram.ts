/**
 * A latency histogram: 0.05 ms buckets up to 10 ms, then buckets 1 % wide. Sparse, so that
 * several generator processes can send theirs as JSON and be merged.
 */
export class Histogram {
	counts = new Map<number, number>()
	total = 0
	max = 0

	static bucketOf(ms: number): number {
		if (ms < 10) return Math.floor(ms / 0.05)
		return 200 + Math.floor(Math.log(ms / 10) / Math.log(1.01))
	}

	/** The upper edge of a bucket in milliseconds. */
	static upperEdge(bucket: number): number {
		if (bucket < 200) return (bucket + 1) * 0.05
		return 10 * 1.01 ** (bucket - 200 + 1)
	}

	add(ms: number): void {
		const v = Math.max(ms, 0)
		const b = Histogram.bucketOf(v)
		this.counts.set(b, (this.counts.get(b) ?? 0) + 1)
		this.total++
		if (v > this.max) this.max = v
	}

	merge(other: Histogram): void {
		for (const [b, c] of other.counts) this.counts.set(b, (this.counts.get(b) ?? 0) + c)
		this.total += other.total
		this.max = Math.max(this.max, other.max)
	}

	/** The q-quantile (0..1) in milliseconds, at the upper edge of its bucket. */
	quantile(q: number): number {
		if (this.total === 0) return Number.NaN
		const rank = Math.ceil(q * this.total)
		const buckets = [...this.counts.keys()].sort((a, b) => a - b)
		let seen = 0
		for (const b of buckets) {
			seen += this.counts.get(b) ?? 0
			if (seen >= rank) return Math.min(Histogram.upperEdge(b), this.max)
		}
		return this.max
	}

	toJSON(): { counts: [number, number][]; total: number; max: number } {
		return { counts: [...this.counts], total: this.total, max: this.max }
	}

	static fromJSON(j: { counts: [number, number][]; total: number; max: number }): Histogram {
		const h = new Histogram()
		h.counts = new Map(j.counts)
		h.total = j.total
		h.max = j.max
		return h
	}
}

/** The median of a list of numbers (NaN when empty). */
export function median(values: number[]): number {
	if (values.length === 0) return Number.NaN
	const s = [...values].sort((a, b) => a - b)
	const m = Math.floor(s.length / 2)
	const at = (i: number) => s[i] ?? Number.NaN
	return s.length % 2 ? at(m) : (at(m - 1) + at(m)) / 2
}
