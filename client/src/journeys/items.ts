import type { JourneyItem } from '@circlespace/shared'

/** The snapshot whose thumbnail stands for an item, or null when it has none. */
export function thumbnailOf(item: JourneyItem): string | null {
	switch (item.kind) {
		case 'board':
			return item.thumbnailSnapshotId
		case 'session':
			return item.snapshot?.hasThumbnail ? item.snapshot.id : null
		case 'snapshot':
			return item.hasThumbnail ? item.id : null
		case 'notShared':
			return null
	}
}

/** What an item is called, for a tooltip or a screen reader. */
export function itemLabel(item: JourneyItem): string {
	switch (item.kind) {
		case 'board':
			return `Board: ${item.title}`
		case 'session':
			return `Session: ${item.title} (${item.boardTitle})`
		case 'snapshot':
			return `Snapshot: ${item.title} (${item.boardTitle})`
		case 'notShared':
			return 'Not shared with you'
	}
}
