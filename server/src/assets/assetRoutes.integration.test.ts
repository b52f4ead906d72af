import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type ServerType, serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toProblem } from '../errors.ts'
import { assetRoutes } from './assetRoutes.ts'
import { FsAssetStore } from './FsAssetStore.ts'
import { tinyPng } from './testImages.ts'

const maxAssetBytes = 4096

let dataDir: string
let server: ServerType
let baseUrl: string

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'circlespace-assets-'))
	// Mounted as the app mounts it, with the same problem-JSON error rendering.
	const app = new Hono()
		.route(
			'/api/assets',
			assetRoutes({ assets: new FsAssetStore(path.join(dataDir, 'assets')), maxAssetBytes }),
		)
		.onError((error, c) => {
			const problem = toProblem(error, 'test-request')
			return c.json(problem, problem.status as 400, { 'Content-Type': 'application/problem+json' })
		})
	server = await new Promise<ServerType>((resolve) => {
		const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
	})
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve))
	await rm(dataDir, { recursive: true, force: true })
})

const upload = (body: NonNullable<RequestInit['body']>, contentType = 'application/octet-stream') =>
	fetch(`${baseUrl}/api/assets`, { method: 'POST', body, headers: { 'Content-Type': contentType } })

async function expectProblem(response: Response, status: number, code: string) {
	expect(response.status).toBe(status)
	expect(response.headers.get('content-type')).toContain('application/problem+json')
	expect(await response.json()).toMatchObject({ status, code })
}

describe('asset routes: happy path', () => {
	it('stores an uploaded PNG and serves it back byte for byte', async () => {
		const png = tinyPng()
		const response = await upload(png, 'image/png')
		expect(response.status).toBe(201)
		const { src } = (await response.json()) as { src: string }
		expect(src).toMatch(/^\/api\/assets\/[A-Za-z0-9_-]+\.png$/)

		const served = await fetch(`${baseUrl}${src}`)
		expect(served.status).toBe(200)
		expect(served.headers.get('content-type')).toBe('image/png')
		expect(served.headers.get('x-content-type-options')).toBe('nosniff')
		expect(served.headers.get('content-security-policy')).toBe("default-src 'none'")
		expect(served.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
		expect(new Uint8Array(await served.arrayBuffer())).toEqual(png)
	})

	it('goes by the bytes, not the label: a PNG sent as text/html is served as image/png', async () => {
		const response = await upload(tinyPng(), 'text/html')
		expect(response.status).toBe(201)
		const { src } = (await response.json()) as { src: string }
		const served = await fetch(`${baseUrl}${src}`)
		expect(served.headers.get('content-type')).toBe('image/png')
	})

	it('gives every upload its own name, even for the same bytes', async () => {
		const first = (await (await upload(tinyPng())).json()) as { src: string }
		const second = (await (await upload(tinyPng())).json()) as { src: string }
		expect(first.src).not.toBe(second.src)
	})

	it('accepts a file of exactly the size limit', async () => {
		const png = tinyPng()
		// Bytes after IEND are ignored by decoders; they pad the file to the limit.
		const padded = new Uint8Array(maxAssetBytes)
		padded.set(png)
		const response = await upload(padded)
		expect(response.status).toBe(201)
	})
})

describe('asset routes: errors', () => {
	it('refuses an HTML page labelled image/png with 415', async () => {
		const response = await upload('<!doctype html><script>alert(document.cookie)</script>', 'image/png')
		await expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE')
	})

	it('refuses an SVG image with 415, since it can carry script', async () => {
		const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
		await expectProblem(await upload(svg, 'image/svg+xml'), 415, 'UNSUPPORTED_MEDIA_TYPE')
	})

	it('refuses an empty body with 415', async () => {
		await expectProblem(await upload(new Uint8Array(0), 'image/png'), 415, 'UNSUPPORTED_MEDIA_TYPE')
	})

	it('refuses a file over the size limit with 413', async () => {
		const tooBig = new Uint8Array(maxAssetBytes + 1)
		tooBig.set(tinyPng())
		await expectProblem(await upload(tooBig, 'image/png'), 413, 'PAYLOAD_TOO_LARGE')
	})

	it('refuses an oversized body sent without a Content-Length with 413', async () => {
		const png = tinyPng()
		const chunks = [png, new Uint8Array(maxAssetBytes), new Uint8Array(maxAssetBytes)]
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				const next = chunks.shift()
				if (next) controller.enqueue(next)
				else controller.close()
			},
		})
		const response = await fetch(`${baseUrl}/api/assets`, {
			method: 'POST',
			body: stream,
			duplex: 'half',
			headers: { 'Content-Type': 'image/png' },
		} as RequestInit)
		await expectProblem(response, 413, 'PAYLOAD_TOO_LARGE')
	})

	it('answers 404 for an asset that does not exist', async () => {
		const response = await fetch(`${baseUrl}/api/assets/AAAAAAAAAAAAAAAAAAAAAAAA.png`)
		await expectProblem(response, 404, 'NOT_FOUND')
	})
})

describe('asset routes: security', () => {
	it('does not serve files outside the asset directory through ../ names', async () => {
		// A real image beside the asset directory, which a path trick would reach.
		await writeFile(path.join(dataDir, 'secret.png'), tinyPng())
		for (const name of [
			'..%2Fsecret.png',
			'..%2f..%2fsecret.png',
			'%2e%2e%2Fsecret.png',
			'..%5Csecret.png',
		]) {
			const response = await fetch(`${baseUrl}/api/assets/${name}`)
			await expectProblem(response, 404, 'NOT_FOUND')
		}
	})

	it('does not let a client choose the stored file name', async () => {
		const response = await fetch(`${baseUrl}/api/assets?name=evil.html`, {
			method: 'POST',
			body: tinyPng(),
			headers: { 'Content-Type': 'image/png', 'Content-Disposition': 'attachment; filename="evil.html"' },
		})
		const { src } = (await response.json()) as { src: string }
		expect(src).not.toContain('evil')
		const stored = await readdir(path.join(dataDir, 'assets'))
		expect(stored.filter((f) => !/^[A-Za-z0-9_-]{24}\.(png|jpg|gif|webp)$/.test(f))).toEqual([])
	})
})
