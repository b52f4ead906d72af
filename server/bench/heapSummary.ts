/**
 * `node bench/heapSummary.ts <file.heapsnapshot> [top]`: what a V8 heap snapshot is made of.
 *
 * Prints the heap by node type, the constructors (or kinds of object) with the largest total
 * self size, and the objects that retain the most (retained size from the dominator tree, weak
 * edges ignored). Written for explaining a server's memory at rest (docs/PERFORMANCE.md); take
 * the snapshot with `node --heapsnapshot-signal=SIGUSR2 src/main.ts` and `kill -USR2 <pid>`.
 */
import { readFileSync } from 'node:fs'

interface Snapshot {
	snapshot: {
		meta: {
			node_fields: string[]
			node_types: [string[], ...unknown[]]
			edge_fields: string[]
			edge_types: [string[], ...unknown[]]
		}
	}
	nodes: number[]
	edges: number[]
	strings: string[]
}

const file = process.argv[2]
if (!file) throw new Error('usage: node bench/heapSummary.ts <file.heapsnapshot> [top]')
const top = Number(process.argv[3] ?? 25)
const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot
const { meta } = snap.snapshot
const nf = meta.node_fields.length
const ef = meta.edge_fields.length
const typeOf = meta.node_fields.indexOf('type')
const nameOf = meta.node_fields.indexOf('name')
const sizeOf = meta.node_fields.indexOf('self_size')
const edgeCountOf = meta.node_fields.indexOf('edge_count')
const edgeTypeOf = meta.edge_fields.indexOf('type')
const edgeNameOf = meta.edge_fields.indexOf('name_or_index')
const edgeToOf = meta.edge_fields.indexOf('to_node')
const nodeTypes = meta.node_types[0]
const edgeTypes = meta.edge_types[0]
const weak = edgeTypes.indexOf('weak')
const n = snap.nodes.length / nf

const type = (i: number) => nodeTypes[snap.nodes[i * nf + typeOf] as number] ?? '?'
const name = (i: number) => snap.strings[snap.nodes[i * nf + nameOf] as number] ?? '?'
const self = (i: number) => snap.nodes[i * nf + sizeOf] as number

// Edges of node i start after the edges of every node before it.
const firstEdge = new Uint32Array(n + 1)
for (let i = 0; i < n; i++)
	firstEdge[i + 1] = (firstEdge[i] as number) + (snap.nodes[i * nf + edgeCountOf] as number) * ef
const children = (i: number, visit: (to: number, edgeIndex: number) => void) => {
	for (let e = firstEdge[i] as number; e < (firstEdge[i + 1] as number); e += ef) {
		if (snap.edges[e + edgeTypeOf] === weak) continue
		visit((snap.edges[e + edgeToOf] as number) / nf, e)
	}
}

// Reverse postorder from the root (node 0), iteratively.
const order = new Int32Array(n).fill(-1)
const post: number[] = []
{
	const stack: number[] = [0]
	const next = new Uint32Array(n)
	const seen = new Uint8Array(n)
	seen[0] = 1
	for (let i = 0; i < n; i++) next[i] = firstEdge[i] as number
	while (stack.length > 0) {
		const v = stack[stack.length - 1] as number
		let pushed = false
		while ((next[v] as number) < (firstEdge[v + 1] as number)) {
			const e = next[v] as number
			next[v] = e + ef
			if (snap.edges[e + edgeTypeOf] === weak) continue
			const w = (snap.edges[e + edgeToOf] as number) / nf
			if (!seen[w]) {
				seen[w] = 1
				stack.push(w)
				pushed = true
				break
			}
		}
		if (!pushed) {
			stack.pop()
			order[v] = post.length
			post.push(v)
		}
	}
}
const predecessors: number[][] = Array.from({ length: n }, () => [])
for (let i = 0; i < n; i++) if ((order[i] as number) >= 0) children(i, (to) => predecessors[to]?.push(i))

// Immediate dominators (Cooper, Harvey and Kennedy's iterative algorithm, on postorder numbers).
const idom = new Int32Array(n).fill(-1)
idom[0] = 0
const intersect = (a: number, b: number) => {
	let x = a
	let y = b
	while (x !== y) {
		while ((order[x] as number) < (order[y] as number)) x = idom[x] as number
		while ((order[y] as number) < (order[x] as number)) y = idom[y] as number
	}
	return x
}
for (let changed = true; changed; ) {
	changed = false
	for (let k = post.length - 1; k >= 0; k--) {
		const v = post[k] as number
		if (v === 0) continue
		let d = -1
		for (const p of predecessors[v] ?? []) {
			if (idom[p] === -1) continue
			d = d === -1 ? p : intersect(p, d)
		}
		if (d !== -1 && idom[v] !== d) {
			idom[v] = d
			changed = true
		}
	}
}
const retained = new Float64Array(n)
for (const v of post) {
	retained[v] = (retained[v] as number) + self(v)
	if (v !== 0) retained[idom[v] as number] = (retained[idom[v] as number] as number) + (retained[v] as number)
}

const mb = (b: number) => `${(b / 2 ** 20).toFixed(2)} MB`
let total = 0
const byType = new Map<string, number>()
const byName = new Map<string, { size: number; count: number }>()
for (let i = 0; i < n; i++) {
	total += self(i)
	byType.set(type(i), (byType.get(type(i)) ?? 0) + self(i))
	const key = type(i) === 'object' || type(i) === 'closure' ? `${type(i)} ${name(i)}` : `(${type(i)})`
	const entry = byName.get(key) ?? { size: 0, count: 0 }
	entry.size += self(i)
	entry.count++
	byName.set(key, entry)
}
console.log(`${n} nodes, ${mb(total)} in all (self sizes)`)
console.log('\nby node type:')
for (const [t, size] of [...byType].sort((a, b) => b[1] - a[1]))
	console.log(`  ${mb(size).padStart(10)}  ${t}`)
console.log(`\nlargest kinds by self size (top ${top}):`)
for (const [k, v] of [...byName].sort((a, b) => b[1].size - a[1].size).slice(0, top))
	console.log(`  ${mb(v.size).padStart(10)}  ${String(v.count).padStart(7)}×  ${k.slice(0, 100)}`)

// The biggest retainers: nodes whose retained size is large, listed by the edge that holds them.
const edgeName = (e: number) => {
	const t = edgeTypes[snap.edges[e + edgeTypeOf] as number]
	const v = snap.edges[e + edgeNameOf] as number
	return t === 'element' || t === 'hidden' ? `[${v}]` : (snap.strings[v] ?? '?')
}
const heldBy = (v: number) => {
	const d = idom[v] as number
	let label = ''
	children(d, (to, e) => {
		if (to === v && label === '') label = edgeName(e)
	})
	return `${name(d).slice(0, 40)}.${label.slice(0, 40)}`
}
console.log(`\nlargest retainers (retained size; top ${top}, synthetic roots left out):`)
const candidates = post.filter((v) => type(v) !== 'synthetic' && (retained[v] as number) > 64 * 1024)
candidates.sort((a, b) => (retained[b] as number) - (retained[a] as number))
// A retainer whose dominator is already listed is shown only when it holds most of it.
const shown = new Set<number>()
for (const v of candidates) {
	if (shown.size >= top) break
	const d = idom[v] as number
	if (shown.has(d) && (retained[v] as number) < 0.5 * (retained[d] as number)) continue
	shown.add(v)
	console.log(
		`  ${mb(retained[v] as number).padStart(10)}  ${type(v)} ${name(v).slice(0, 60)}  (held by ${heldBy(v)})`,
	)
}
