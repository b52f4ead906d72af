import { useState } from 'react'
import { snapshotThumbnailUrl } from '../api/snapshots.ts'

/**
 * A small picture of a snapshot (a board's newest, a session's last), or a calm placeholder when
 * there is none or it does not load. Decorative: the title beside it says what it is.
 */
export function JourneyThumbnail({
	snapshotId,
	large = false,
}: {
	snapshotId: string | null
	large?: boolean
}) {
	const [failed, setFailed] = useState(false)
	const className = large ? 'cs-journey-thumb cs-journey-thumb-large' : 'cs-journey-thumb'
	if (!snapshotId || failed)
		return <span className={`${className} cs-journey-thumb-empty`} aria-hidden="true" />
	return (
		<img
			className={className}
			src={snapshotThumbnailUrl(snapshotId)}
			alt=""
			loading="lazy"
			onError={() => setFailed(true)}
		/>
	)
}
