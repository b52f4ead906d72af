import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
		projects: [
			'shared',
			'server',
			'client',
			// The start-up scripts at the top of the repository (plain Node, no package of their own).
			{ test: { name: 'scripts', include: ['scripts/**/*.test.ts'] } },
		],
	},
})
