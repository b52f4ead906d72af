import { BoardPage } from '../board/BoardPage.tsx'
import { BoardListPage } from '../boards/BoardListPage.tsx'
import { Link } from '../ui/Link.tsx'
import { parseRoute, usePathname } from './router.ts'

/** Chooses the page for the current path. */
export function App() {
	const route = parseRoute(usePathname())
	switch (route.page) {
		case 'boards':
			return <BoardListPage />
		case 'board':
			return <BoardPage key={route.boardId} boardId={route.boardId} />
		case 'not-found':
			return (
				<div className="cs-page">
					<main className="cs-main">
						<h1>Page not found</h1>
						<p>
							<Link href="/">Go to all boards</Link>
						</p>
					</main>
				</div>
			)
	}
}
