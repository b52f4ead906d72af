import type { JourneyStatus, JourneyTemplate } from '@circlespace/shared'

/** "Day 23 of 100 · Listening" (the section left out on a day between sections). */
export function dayHeadline(day: number, lengthDays: number, sectionName: string | null | undefined): string {
	const base = `Day ${day} of ${lengthDays}`
	return sectionName ? `${base} · ${sectionName}` : base
}

/** "Starts tomorrow", "Starts in 5 days". */
export function startsInText(days: number): string {
	if (days <= 0) return 'Starts today'
	return days === 1 ? 'Starts tomorrow' : `Starts in ${days} days`
}

/** One line saying where a journey stands: its day and section, when it starts, paused, completed. */
export function journeyHeadline(status: JourneyStatus): string {
	switch (status.status) {
		case 'upcoming':
			return startsInText(status.startsInDays)
		case 'running':
			return dayHeadline(status.day, status.lengthDays, status.section?.name)
		case 'paused':
			return `Paused on day ${status.day} of ${status.lengthDays}`
		case 'completed':
			return `Completed: all ${status.lengthDays} days`
	}
}

/** The day a journey stands on now, to mark as today; null before it starts and after it ends. */
export function todayOf(status: JourneyStatus | null): number | null {
	if (!status) return null
	return status.status === 'running' || status.status === 'paused' ? status.day : null
}

/** A labelled group of days on a timeline: a section of the template, or days between sections. */
export interface DayGroup {
	/** The section's name, or null for days that belong to no section. */
	name: string | null
	firstDay: number
	lastDay: number
}

/**
 * The days 1 to the length in runs: each section, and the days between (or around) sections as
 * unnamed runs, so that every day is in exactly one group, in order.
 */
export function dayGroups(template: Pick<JourneyTemplate, 'lengthDays' | 'sections'>): DayGroup[] {
	const groups: DayGroup[] = []
	let next = 1
	for (const section of template.sections) {
		if (section.firstDay > template.lengthDays) break
		if (section.firstDay > next) groups.push({ name: null, firstDay: next, lastDay: section.firstDay - 1 })
		const lastDay = Math.min(section.lastDay, template.lengthDays)
		groups.push({ name: section.name, firstDay: section.firstDay, lastDay })
		next = lastDay + 1
	}
	if (next <= template.lengthDays) groups.push({ name: null, firstDay: next, lastDay: template.lengthDays })
	return groups
}

/**
 * Where a key moves the focus on a timeline of `lengthDays` days from `day`: Left/Right one day,
 * Home/End the first and last, PageUp/PageDown the first day of the previous or next group (from
 * inside a group, PageUp goes to its own first day first). Null for keys it does not handle.
 */
export function dayForKey(key: string, day: number, lengthDays: number, groups: DayGroup[]): number | null {
	const clamp = (value: number) => Math.min(Math.max(value, 1), lengthDays)
	switch (key) {
		case 'ArrowLeft':
			return clamp(day - 1)
		case 'ArrowRight':
			return clamp(day + 1)
		case 'Home':
			return 1
		case 'End':
			return lengthDays
		case 'PageUp': {
			const index = groups.findIndex((g) => g.firstDay <= day && day <= g.lastDay)
			const group = groups[index]
			if (!group) return clamp(day)
			if (day > group.firstDay) return group.firstDay
			return groups[index - 1]?.firstDay ?? group.firstDay
		}
		case 'PageDown': {
			const index = groups.findIndex((g) => g.firstDay <= day && day <= g.lastDay)
			return groups[index + 1]?.firstDay ?? lengthDays
		}
		default:
			return null
	}
}

/** The browser's IANA time zone, the default of a new journey's zone. */
export function browserTimeZone(): string {
	try {
		return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
	} catch {
		return 'UTC'
	}
}
