import { useState } from 'react'
import { type GalleryFilters, getTribeGallery } from '../api/gallery.ts'
import { listTribeCircles } from '../api/tribes.ts'
import { Link } from '../ui/Link.tsx'
import { useResource } from '../ui/useResource.ts'
import { GalleryView } from './GalleryView.tsx'
import { useGallery } from './useGallery.ts'

/**
 * The tribe page's "Gallery": every board the person may view across the tribe's circles, as
 * cards with thumbnails and who is on them now; filtered by circle and journey day.
 */
export function GallerySection({ tribeId }: { tribeId: string }) {
	const [filters, setFilters] = useState<GalleryFilters>({})
	const [circles] = useResource((signal) => listTribeCircles(tribeId, signal), [tribeId])
	const { state, loadMore, reload } = useGallery(
		(cursor, signal) => getTribeGallery(tribeId, { ...filters, cursor }, signal),
		`${tribeId}|${filters.circle ?? ''}|${filters.day ?? ''}`,
	)
	return (
		<section aria-labelledby="tribe-gallery" className="cs-section">
			<div className="cs-section-head">
				<h2 id="tribe-gallery">Gallery</h2>
				<Link href="/gallery" className="cs-gallery-elsewhere">
					Boards shown to everyone
				</Link>
			</div>
			<p className="cs-muted cs-gallery-intro">
				What the tribe's circles made, as far as they share it with you.
			</p>
			<GalleryView
				state={state}
				filters={filters}
				onFilters={setFilters}
				circles={
					circles.status === 'ready' ? circles.data.map((c) => ({ id: c.id, name: c.name })) : undefined
				}
				emptyText="No board of this tribe is shared with you yet."
				onMore={loadMore}
				onRetry={reload}
			/>
		</section>
	)
}
