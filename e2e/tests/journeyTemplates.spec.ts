import { copyFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { expect, test } from '../fixtures/test.ts'

const docsDir = resolve(import.meta.dirname, '../../docs/screenshots')

test('a steward adds the example template, writes a prompt on day 12 and saves it', async ({
	alice,
	space,
}) => {
	const page = alice.page
	await page.setViewportSize({ width: 1280, height: 900 })
	await page.goto(`/t/${space.tribe.id}/templates`)
	await expect(page.getByText('No journey templates yet.')).toBeVisible()
	await page.getByRole('button', { name: 'Add the example template' }).click()
	await expect(page.getByText('100 days · 10 sections · 100 prompts · not used yet')).toBeVisible()

	await page.getByRole('link', { name: /^Edit / }).click()
	await expect(page.getByLabel('Length in days')).toHaveValue('100')
	await page.getByRole('button', { name: /^Day 12\b/ }).click()
	await expect(page.getByRole('heading', { name: /^Day 12/ })).toBeVisible()
	await page.getByLabel('Prompt title').fill('Who listened to you this week?')
	await page.getByLabel('Ask someone else this too').check()
	await expect(page.getByText('Unsaved changes')).toBeVisible()

	await page.screenshot({ path: test.info().outputPath('template-editor-laptop.png'), fullPage: false })
	await page.setViewportSize({ width: 768, height: 1024 })
	await page.screenshot({ path: test.info().outputPath('template-editor-tablet.png'), fullPage: false })
	if (process.env.CIRCLESPACE_DOCS_SCREENSHOT === '1') {
		for (const name of ['template-editor-laptop', 'template-editor-tablet']) {
			await copyFile(test.info().outputPath(`${name}.png`), resolve(docsDir, `${name}.png`))
		}
	}

	// A section that overlaps the one before it is refused beside its field, before anything is sent.
	await page.getByLabel('First day').nth(1).fill('5')
	await page.getByRole('button', { name: 'Save template' }).click()
	await expect(page.getByText(/do not overlap/)).toBeVisible()
	await page.getByLabel('First day').nth(1).fill('11')
	await page.getByRole('button', { name: 'Save template' }).click()
	await expect(page.getByText('All changes saved')).toBeVisible()

	await page.reload()
	await page.getByRole('button', { name: /^Day 12\b/ }).click()
	await expect(page.getByLabel('Prompt title')).toHaveValue('Who listened to you this week?')
	await expect(page.getByLabel('Ask someone else this too')).toBeChecked()
})

test('a broken file gets its own message and nothing is sent', async ({ alice, space }) => {
	const page = alice.page
	await page.goto(`/t/${space.tribe.id}/templates`)
	await page.locator('input[type=file]').setInputFiles({
		name: 'broken.journey.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{ "format": '),
	})
	await expect(
		page.getByText(
			'“broken.journey.json” was not imported. This file is not a journey template: it is not JSON.',
		),
	).toBeVisible()
	await expect(page.getByText('No journey templates yet.')).toBeVisible()
})
