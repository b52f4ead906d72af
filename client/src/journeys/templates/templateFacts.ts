import type { JourneyTemplateSummary } from '@circlespace/shared'

function count(n: number, one: string, many: string): string {
	return `${n} ${n === 1 ? one : many}`
}

/** A template's shape in one line: "100 days · 10 sections · 100 prompts · used by 2 circles". */
export function templateFacts(
	summary: Pick<JourneyTemplateSummary, 'lengthDays' | 'sectionCount' | 'promptCount' | 'usedBy'>,
): string {
	return [
		count(summary.lengthDays, 'day', 'days'),
		count(summary.sectionCount, 'section', 'sections'),
		count(summary.promptCount, 'prompt', 'prompts'),
		summary.usedBy === 0 ? 'not used yet' : `used by ${count(summary.usedBy, 'circle', 'circles')}`,
	].join(' · ')
}
