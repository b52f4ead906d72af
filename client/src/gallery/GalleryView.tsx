import { MAX_JOURNEY_DAYS } from '@circlespace/shared'
import { useId, useState } from 'react'
import type { GalleryFilters } from '../api/gallery.ts'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { GalleryCards } from './GalleryCards.tsx'
import type { GalleryState } from './useGallery.ts'
import './gallery.css'

/** The filters, the cards, and the states around them, of either gallery. */
export function GalleryView({
	state,
	filters,
	onFilters,
	circles,
	showTribe = false,
	emptyText,
	onMore,
	onRetry,
}: {
	state: GalleryState
	filters: GalleryFilters
	onFilters: (filters: GalleryFilters) => void
	/** The circles one may filter by; absent: no circle filter. */
	circles?: Array<{ id: string; name: string }>
	showTribe?: boolean
	emptyText: string
	onMore: () => void
	onRetry: () => void
}) {
	const id = useId()
	const [dayText, setDayText] = useState(filters.day === undefined ? '' : String(filters.day))
	const dayValue = Number(dayText)
	const dayInvalid =
		dayText !== '' && (!Number.isInteger(dayValue) || dayValue < 1 || dayValue > MAX_JOURNEY_DAYS)
	const filtered = filters.circle !== undefined || filters.day !== undefined

	return (
		<div className="cs-gallery">
			<fieldset className="cs-gallery-filters">
				<legend className="cs-visually-hidden">Filter the gallery</legend>
				{circles && (
					<div className="cs-gallery-filter">
						<label htmlFor={`${id}-circle`}>Circle</label>
						<select
							id={`${id}-circle`}
							value={filters.circle ?? ''}
							onChange={(event) => onFilters({ ...filters, circle: event.target.value || undefined })}
						>
							<option value="">All circles</option>
							{circles.map((circle) => (
								<option key={circle.id} value={circle.id}>
									{circle.name}
								</option>
							))}
						</select>
					</div>
				)}
				<div className="cs-gallery-filter">
					<label htmlFor={`${id}-day`}>Journey day</label>
					<input
						id={`${id}-day`}
						className="cs-gallery-day"
						type="number"
						inputMode="numeric"
						min={1}
						max={MAX_JOURNEY_DAYS}
						placeholder="Any"
						value={dayText}
						aria-invalid={dayInvalid ? true : undefined}
						aria-describedby={dayInvalid ? `${id}-day-error` : undefined}
						onChange={(event) => {
							const text = event.target.value
							setDayText(text)
							const day = Number(text)
							if (text === '') onFilters({ ...filters, day: undefined })
							else if (Number.isInteger(day) && day >= 1 && day <= MAX_JOURNEY_DAYS)
								onFilters({ ...filters, day })
						}}
					/>
				</div>
				{filtered && (
					<button
						type="button"
						className="cs-button cs-button-small"
						onClick={() => {
							setDayText('')
							onFilters({})
						}}
					>
						Show all
					</button>
				)}
				<p className="cs-gallery-sort cs-muted">Most recently edited first</p>
			</fieldset>
			{dayInvalid && (
				<p id={`${id}-day-error`} className="cs-field-error">
					Choose a day from 1 to {MAX_JOURNEY_DAYS}.
				</p>
			)}
			<GalleryBody
				state={state}
				showTribe={showTribe}
				emptyText={filtered ? 'No board matches these filters.' : emptyText}
				onMore={onMore}
				onRetry={onRetry}
			/>
		</div>
	)
}

function GalleryBody({
	state,
	showTribe,
	emptyText,
	onMore,
	onRetry,
}: {
	state: GalleryState
	showTribe: boolean
	emptyText: string
	onMore: () => void
	onRetry: () => void
}) {
	if (state.status === 'loading') return <Loading>Loading the gallery…</Loading>
	if (state.status === 'error') return <LoadError what="The gallery" error={state.error} onRetry={onRetry} />
	if (state.cards.length === 0) return <Empty>{emptyText}</Empty>
	return (
		<>
			<GalleryCards cards={state.cards} showTribe={showTribe} />
			{state.moreError !== null && <LoadError what="More boards" error={state.moreError} onRetry={onMore} />}
			{state.nextCursor !== null && state.moreError === null && (
				<div className="cs-gallery-more">
					<button type="button" className="cs-button" onClick={onMore} disabled={state.loadingMore}>
						{state.loadingMore ? 'Loading more…' : 'Show more boards'}
					</button>
				</div>
			)}
		</>
	)
}
