import type { SnapshotKind } from '@circlespace/shared'

/** The badge a snapshot's kind gets in the history, or null for one saved on demand. */
export function kindLabel(kind: SnapshotKind): string | null {
	switch (kind) {
		case 'manual':
			return null
		case 'session':
			return 'End of session'
		case 'before_restore':
			return 'Before restore'
	}
}

/** "No shapes", "1 shape", "12 shapes". */
export function shapeCountText(count: number): string {
	if (count === 0) return 'No shapes'
	return count === 1 ? '1 shape' : `${count} shapes`
}
