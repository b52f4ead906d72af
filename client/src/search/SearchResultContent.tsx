import type { SearchResult } from '@circlespace/shared'
import { highlightParts } from './highlightParts.ts'

/**
 * What a result shows, in the top bar's list and on the search page alike: the board's title,
 * its circle(s) and journey day, and the text that matched with the searched words marked. For a
 * title match the title itself carries the marks.
 */
export function SearchResultContent({ result }: { result: SearchResult }) {
	const titleMatched = result.shapeId === null
	const circles = result.circles.map((circle) => circle.name).join(', ')
	return (
		<>
			<span className="cs-search-result-title">
				{titleMatched ? <Snippet text={result.snippet} highlights={result.highlights} /> : result.boardTitle}
			</span>
			<span className="cs-search-result-meta cs-muted">
				{circles}
				{result.journeyDay !== null && (
					<>
						{' · '}
						<span className="cs-search-result-day">Day {result.journeyDay}</span>
					</>
				)}
			</span>
			{!titleMatched && (
				<span className="cs-search-result-snippet">
					<Snippet text={result.snippet} highlights={result.highlights} />
				</span>
			)}
		</>
	)
}

/** The snippet as text, with `<mark>` around the matched words (never read as markup). */
function Snippet({ text, highlights }: { text: string; highlights: SearchResult['highlights'] }) {
	return (
		<>
			{highlightParts(text, highlights).map((part, index) =>
				// The parts of one snippet never change order, so their place is their key.
				part.marked ? (
					// biome-ignore lint/suspicious/noArrayIndexKey: see above
					<mark key={index}>{part.text}</mark>
				) : (
					// biome-ignore lint/suspicious/noArrayIndexKey: see above
					<span key={index}>{part.text}</span>
				),
			)}
		</>
	)
}
