import { Component, type ComponentProps, lazy, type ReactNode, Suspense } from 'react'
import { LoadError, Loading } from '../ui/States.tsx'
import type { Route } from './router.ts'

// The board and snapshot pages are the only ones that need tldraw (about 900 kB of compressed
// script): they load on demand, so every other page opens without it. The service worker
// precaches these chunks too, so a board still opens offline after one online visit.
const loadBoardPage = () => import('../board/BoardPage.tsx').catch(codeDidNotArrive)
const loadSnapshotPage = () => import('../snapshots/SnapshotPage.tsx').catch(codeDidNotArrive)

const LazyBoardPage = lazy(() => loadBoardPage().then((module) => ({ default: module.BoardPage })))
const LazySnapshotPage = lazy(() => loadSnapshotPage().then((module) => ({ default: module.SnapshotPage })))
// A person's page is rarely opened: its code comes when it is.
const loadPersonPage = () => import('../recognition/PersonPage.tsx').catch(codeDidNotArrive)
const LazyPersonPage = lazy(() => loadPersonPage().then((module) => ({ default: module.PersonPage })))
// The organisation map is a page few open often: its code (and its stylesheet) load with it.
const loadMapPage = () => import('../orgMap/MapPage.tsx').catch(codeDidNotArrive)
const LazyMapPage = lazy(() => loadMapPage().then((module) => ({ default: module.MapPage })))
// A board's replay draws with tldraw too.
const loadReplayPage = () => import('../replay/ReplayPage.tsx').catch(codeDidNotArrive)
const LazyReplayPage = lazy(() => loadReplayPage().then((module) => ({ default: module.ReplayPage })))
// A guest link's page: a name, then the board on tldraw, with nothing else of the instance.
const loadGuestPage = () => import('../guests/GuestPage.tsx').catch(codeDidNotArrive)
const LazyGuestPage = lazy(() => loadGuestPage().then((module) => ({ default: module.GuestPage })))

/** A board (`board/BoardPage.tsx`), whose code loads when it is first shown. */
export function BoardPage(props: ComponentProps<typeof LazyBoardPage>) {
	return (
		<PageCode what="This board" loading="Opening the board…">
			<LazyBoardPage {...props} />
		</PageCode>
	)
}

/** A snapshot of a board (`snapshots/SnapshotPage.tsx`), whose code loads when it is first shown. */
export function SnapshotPage(props: ComponentProps<typeof LazySnapshotPage>) {
	return (
		<PageCode what="This snapshot" loading="Opening the snapshot…">
			<LazySnapshotPage {...props} />
		</PageCode>
	)
}

/** A board's replay (`replay/ReplayPage.tsx`), whose code loads when it is first shown. */
export function ReplayPage(props: ComponentProps<typeof LazyReplayPage>) {
	return (
		<PageCode what="This replay" loading="Opening the replay…">
			<LazyReplayPage {...props} />
		</PageCode>
	)
}

/** The page of a guest link (`guests/GuestPage.tsx`), whose code loads when it is first shown. */
export function GuestPage(props: ComponentProps<typeof LazyGuestPage>) {
	return (
		<PageCode what="This guest link" loading="Opening the guest link…">
			<LazyGuestPage {...props} />
		</PageCode>
	)
}

/** The organisation map (`orgMap/MapPage.tsx`), whose code loads when it is first shown. */
export function MapPage() {
	return (
		<PageCode what="The map" loading="Opening the map…">
			<LazyMapPage />
		</PageCode>
	)
}

/** A person's page (`recognition/PersonPage.tsx`), whose code loads when it is first shown. */
export function PersonPage(props: ComponentProps<typeof LazyPersonPage>) {
	return (
		<PageCode what="This page" loading="Opening the page…">
			<LazyPersonPage {...props} />
		</PageCode>
	)
}

/**
 * Starts loading the code of `route`'s page if it is one that loads on demand, so that it is
 * there (or on its way) when the person follows the link. Loading twice costs nothing: the
 * browser keeps one module per address.
 */
export function preloadPageCode(route: Route): void {
	const load = route.page === 'board' ? loadBoardPage : route.page === 'snapshot' ? loadSnapshotPage : null
	// A failure here is told when the page itself is opened, by PageCode.
	load?.().catch(() => {})
}

/** A page's code could not be fetched or run as a module. */
class PageCodeError extends Error {}

function codeDidNotArrive(cause: unknown): never {
	throw new PageCodeError('Its code did not arrive; check the connection.', { cause })
}

/** The calm loading line while a page's code arrives, and an explanation if it cannot. */
function PageCode({ what, loading, children }: { what: string; loading: string; children: ReactNode }) {
	const fallback = (
		<div className="cs-page cs-page-center">
			<Loading>{loading}</Loading>
		</div>
	)
	return (
		<CodeLoadBoundary what={what}>
			<Suspense fallback={fallback}>{children}</Suspense>
		</CodeLoadBoundary>
	)
}

/**
 * Shows a page whose code could not be fetched (offline before it was ever cached, or a tab
 * left open across a deploy that removed its files). React keeps a failed lazy import failed,
 * so trying again reloads the page, which also brings the current deploy.
 */
class CodeLoadBoundary extends Component<{ what: string; children: ReactNode }, { error: unknown }> {
	override state: { error: unknown } = { error: null }

	static getDerivedStateFromError(error: unknown) {
		return { error }
	}

	override render() {
		const { error } = this.state
		if (!error) return this.props.children
		// Anything else is the page's own crash, for the boundaries above to handle as before.
		if (!(error instanceof PageCodeError)) throw error
		return (
			<div className="cs-page cs-page-center">
				<LoadError what={this.props.what} error={error} onRetry={() => window.location.reload()} />
			</div>
		)
	}
}
