import type { BoardReader } from '../search/SearchIndexer.ts'
import type { LinkStore } from './LinkStore.ts'
import { readBoardLinks } from './readBoardLinks.ts'

/**
 * Keeps `links` current from boards' stored records, in the search indexer's pass (the same
 * read, off the hot path): a board's links are replaced by those its content holds now, and
 * removed when the board is gone.
 */
export function readLinksInto(links: LinkStore): BoardReader {
	return (boardId, records) => links.replaceLinksFrom(boardId, records ? readBoardLinks(records) : [])
}
