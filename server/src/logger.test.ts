import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger, type Logger } from './logger.ts'
import { loggedRequestTarget, REDACTED } from './logRedaction.ts'

/** A token exactly as sessions and invitation links make them (20 random bytes, base32). */
function newToken(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)))
}

let dir: string
let file: string
let logger: Logger

beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'circlespace-log-'))
	file = path.join(dir, 'server.log')
	// The same kind of destination as standard output (a SonicBoom), written to a file.
	logger = createLogger('trace', pino.destination({ dest: file, sync: true }))
})

afterEach(async () => {
	await rm(dir, { recursive: true, force: true })
})

const written = () => readFile(file, 'utf8')

describe('G2: the logger keeps secrets out of every line, at every level', () => {
	it('censors cookies, authorization headers, passwords and token fields', async () => {
		const token = newToken()
		logger.child({ module: 'test' }).debug(
			{
				password: 'correct horse battery',
				token: 'an-opaque-token-value',
				request: { headers: { cookie: 'circlespace_session=abc', authorization: 'Bearer xyz' } },
				signup: { password: 'hunter2hunter2' },
			},
			'something happened',
		)
		logger.trace({ cookie: `circlespace_session=${token}` }, 'a cookie')
		const log = await written()
		for (const secret of [
			'correct horse battery',
			'an-opaque-token-value',
			'abc',
			'Bearer xyz',
			'hunter2',
			token,
		]) {
			expect(log).not.toContain(secret)
		}
		expect(log.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(6)
		expect(log).toContain('something happened')
	})

	it('replaces a token wherever it appears: in an error, its stack, or a URL logged whole', async () => {
		const token = newToken()
		// Node's URL errors carry the text they could not parse as `input`, and pino logs it.
		const error = Object.assign(new TypeError(`Invalid URL: http://x/api/invitations/${token}/accept`), {
			input: `/invite/${token}`,
		})
		logger.error({ err: error, requestId: 'r1' }, 'request failed')
		logger.warn(`could not open http://127.0.0.1/signup?invite=${token}`)
		const log = await written()
		expect(log).not.toContain(token)
		expect(log).toContain(`/api/invitations/${REDACTED}/accept`)
		expect(log).toContain(`/invite/${REDACTED}`)
		expect(log).toContain(`invite=${REDACTED}`)
	})

	it('leaves ids, hashes and words alone', async () => {
		const hash = 'a3f1c2e4b5d6978812ab34cd56ef7890a3f1c2e4b5d6978812ab34cd56ef7890'
		logger.info({ boardId: 'kT3x_9QmZ2pLrV8w', hash, title: 'Check-in of the circle' }, 'board opened')
		const log = await written()
		expect(log).toContain('kT3x_9QmZ2pLrV8w')
		expect(log).toContain(hash)
		expect(log).toContain('Check-in of the circle')
		expect(log).not.toContain(REDACTED)
	})
})

describe('G1: a request target as the logs show it', () => {
	it('hides the invitation token of the API and of the page, whatever it looks like', () => {
		expect(loggedRequestTarget('/api/invitations/abcdefghijklmnopqrstuvwxyz234567/accept', '')).toBe(
			`/api/invitations/${REDACTED}/accept`,
		)
		expect(loggedRequestTarget('/api/invitations/Not-Quite-The-Token', '')).toBe(
			`/api/invitations/${REDACTED}`,
		)
		expect(loggedRequestTarget('/invite/Typo3dT0ken', '')).toBe(`/invite/${REDACTED}`)
		expect(loggedRequestTarget('/api/boards/kT3x_9QmZ2pLrV8w', '')).toBe('/api/boards/kT3x_9QmZ2pLrV8w')
	})

	it('shows the names of query parameters but only the values known to be harmless', () => {
		expect(loggedRequestTarget('/api/circles/c1/boards', '?archived=true')).toBe(
			'/api/circles/c1/boards?archived=true',
		)
		expect(loggedRequestTarget('/signup', '?invite=s3cret&next=%2Finvite%2Fs3cret')).toBe(
			`/signup?invite=${REDACTED}&next=${REDACTED}`,
		)
		expect(loggedRequestTarget('/x', '?access_token=abc&flag')).toBe(`/x?access_token=${REDACTED}&flag`)
		// A secret used as a parameter's name, or a name that does not decode, is hidden too.
		expect(loggedRequestTarget('/x', '?s3cr%E0t%2Fvalue=1&%ZZ')).toBe(`/x?${REDACTED}&${REDACTED}`)
	})
})
