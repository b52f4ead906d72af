import { readFile } from 'node:fs/promises'
import { CspWatch } from '../fixtures/CspWatch.ts'
import { expect, test } from '../fixtures/test.ts'

// The web app's security headers (docs/SPEC.md, "Headers and logs"). Every other spec checks the
// policy as well: the fixtures fail any test whose pages had something refused by it.

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string): Map<string, string[]> {
	return new Map(
		policy
			.split(';')
			.map((part) => part.trim().split(/\s+/))
			.filter((words): words is [string, ...string[]] => words[0] !== undefined && words[0] !== '')
			.map(([name, ...values]) => [name, values]),
	)
}

test('G6: the page comes with a strict Content-Security-Policy, and drawing and a PNG export work under it', async ({
	alice,
	board,
}) => {
	const response = await alice.page.goto(`/b/${board.id}`)
	const headers = response?.headers() ?? {}
	const policy = directives(headers['content-security-policy'] ?? '')
	expect(policy.get('script-src')).toEqual(["'self'"])
	expect(policy.get('default-src')).toEqual(["'self'"])
	expect(policy.get('object-src')).toEqual(["'none'"])
	expect(policy.get('frame-ancestors')).toEqual(["'none'"])
	expect(policy.get('form-action')).toEqual(["'self'"])
	expect(policy.get('base-uri')).toEqual(["'self'"])
	for (const [name, values] of policy) {
		expect(values, `${name} allows any origin`).not.toContain('*')
		expect(
			values.some((value) => /^https?:$/.test(value)),
			`${name} allows any http(s) origin`,
		).toBe(false)
	}
	expect(headers['referrer-policy']).toBe('same-origin')
	expect(headers['x-content-type-options']).toBe('nosniff')
	// The built page needs no inline script: each one is a file of ours.
	const scripts = Array.from(
		((await response?.text()) ?? '').matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g),
	)
	expect(scripts.length).toBeGreaterThan(0)
	for (const [, attributes, body] of scripts) {
		expect(attributes).toMatch(/\ssrc="\/assets\/[^"]+\.js"/)
		expect(body?.trim()).toBe('')
	}

	await alice.expectReady()
	await alice.drawRectangle({ x: 300, y: 300 }, { x: 460, y: 420 })
	await alice.page.getByRole('button', { name: 'Export' }).click()
	const download = alice.page.waitForEvent('download')
	await alice.page.getByRole('button', { name: 'PNG image' }).click()
	const png = await readFile(await (await download).path())
	expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
	// The fixture then fails the test if the page reported any violation while doing all this.
})

test('G7: the e2e suite sees what the policy refuses (an inline script and an image from elsewhere)', async ({
	browser,
	server,
}) => {
	const context = await browser.newContext({ baseURL: server.origin })
	try {
		const watch = await CspWatch.start(context)
		const page = await context.newPage()
		await page.goto('/signin')
		await page.evaluate(() => {
			const script = document.createElement('script')
			script.textContent = 'window.__inlineRan = true'
			document.body.append(script)
			const image = document.createElement('img')
			image.src = 'http://images.example.invalid/pixel.png'
			document.body.append(image)
		})
		expect(await page.evaluate(() => (window as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined()
		await expect
			.poll(() => watch.violations.filter((v) => v.source === 'event').map((v) => v.detail.split(' ')[0]))
			.toEqual(expect.arrayContaining(['script-src-elem', 'img-src']))
		expect(() => watch.assertNone('A visitor')).toThrow(/Content-Security-Policy violation/)
	} finally {
		await context.close()
	}
})
