import { defineConfig } from '@playwright/test'

// Playwright cannot download its own browser here: use the system Chromium.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
	testDir: './tests',
	// Compiles the server the tests start, as `pnpm start` does (about a second).
	globalSetup: './fixtures/buildServer.ts',
	// Every test starts its own server and two or three browser pages: on a two-core machine
	// more than one test at a time starves them and tests slow to a crawl.
	workers: Number(process.env.E2E_WORKERS ?? 1),
	fullyParallel: true,
	forbidOnly: true,
	retries: 0,
	timeout: 120_000,
	expect: { timeout: 20_000 },
	reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
	outputDir: 'test-results',
	use: {
		browserName: 'chromium',
		viewport: { width: 1280, height: 800 },
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: chromiumPath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		},
	},
})
