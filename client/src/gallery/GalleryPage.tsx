import { useState } from 'react'
import { type GalleryFilters, getInstanceGallery } from '../api/gallery.ts'
import { AppShell } from '../app/AppShell.tsx'
import { Breadcrumbs } from '../ui/Breadcrumbs.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { GalleryView } from './GalleryView.tsx'
import { useGallery } from './useGallery.ts'

/**
 * `/gallery`: every board of the instance that its circles show to everyone (`instance`
 * visibility), from every tribe. A light page: no tldraw.
 */
export function GalleryPage() {
	usePageTitle('Gallery')
	const [filters, setFilters] = useState<GalleryFilters>({})
	const { state, loadMore, reload } = useGallery(
		(cursor, signal) => getInstanceGallery({ ...filters, cursor }, signal),
		`${filters.day ?? ''}`,
	)
	return (
		<AppShell>
			<Breadcrumbs trail={[{ href: '/', label: 'Home' }]} current="Gallery" />
			<PageHeading>Gallery</PageHeading>
			<p className="cs-muted cs-gallery-intro">Boards every circle of this Circlespace shows to everyone.</p>
			<GalleryView
				state={state}
				filters={filters}
				onFilters={setFilters}
				showTribe
				emptyText="No circle shows a board to everyone yet."
				onMore={loadMore}
				onRetry={reload}
			/>
		</AppShell>
	)
}
