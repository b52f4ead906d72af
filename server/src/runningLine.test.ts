import { describe, expect, it } from 'vitest'
import { runningLine } from './runningLine.ts'

describe('the line pnpm start ends with', () => {
	it('names localhost for the default address, which is what a browser on this machine opens', () => {
		expect(runningLine({ host: '0.0.0.0', port: 3000, publicUrl: undefined })).toBe(
			'Circlespace is running at http://localhost:3000',
		)
		expect(runningLine({ host: '::', port: 8080, publicUrl: undefined })).toBe(
			'Circlespace is running at http://localhost:8080',
		)
	})

	it('names the address the server is bound to when it is another one', () => {
		expect(runningLine({ host: '192.168.1.20', port: 3000, publicUrl: undefined })).toBe(
			'Circlespace is running at http://192.168.1.20:3000',
		)
		expect(runningLine({ host: 'fd00::5', port: 3000, publicUrl: undefined })).toBe(
			'Circlespace is running at http://[fd00::5]:3000',
		)
	})

	it('puts the public origin first when one is configured', () => {
		expect(runningLine({ host: '0.0.0.0', port: 3000, publicUrl: 'https://boards.example.org' })).toBe(
			'Circlespace is running at https://boards.example.org (listening on http://localhost:3000)',
		)
		expect(runningLine({ host: '0.0.0.0', port: 3000, publicUrl: 'http://localhost:3000' })).toBe(
			'Circlespace is running at http://localhost:3000',
		)
	})
})
