import { useEffect } from 'react'
import { ProfilePage } from '../auth/ProfilePage.tsx'
import { SessionProvider, useSession } from '../auth/SessionProvider.tsx'
import { SignedOutPage } from '../auth/SignedOutPage.tsx'
import { SignInPage } from '../auth/SignInPage.tsx'
import { SignUpPage } from '../auth/SignUpPage.tsx'
import { GalleryPage } from '../gallery/GalleryPage.tsx'
import { JourneyDayPage } from '../journeys/day/JourneyDayPage.tsx'
import { ComparePage } from '../journeys/parallel/ComparePage.tsx'
import { JourneyTemplateEditorPage, JourneyTemplatesPage } from '../journeys/templates/TemplatePages.tsx'
import { SearchPage } from '../search/SearchPage.tsx'
import { AdminPage } from '../spaces/AdminPage.tsx'
import { CirclePage } from '../spaces/CirclePage.tsx'
import { HomePage } from '../spaces/HomePage.tsx'
import { InvitePage } from '../spaces/InvitePage.tsx'
import { TribePage } from '../spaces/TribePage.tsx'
import { AnnouncerProvider } from '../ui/Announcer.tsx'
import { Loading } from '../ui/States.tsx'
import { BoardPage, GuestPage, MapPage, PersonPage, ReplayPage, SnapshotPage } from './lazyPages.tsx'
import { NotFoundPage } from './NotFoundPage.tsx'
import { redirectFor } from './redirect.ts'
import { isPublicRoute, navigate, parseRoute, type Route, useLocation } from './router.ts'

/** The app: the session, a live region for announcements, and the page for the current path. */
export function App() {
	return (
		<AnnouncerProvider>
			<SessionProvider>
				<Pages />
			</SessionProvider>
		</AnnouncerProvider>
	)
}

function Pages() {
	const location = useLocation()
	const route = parseRoute(location.pathname, location.search)
	const { session } = useSession()
	const status = session.status === 'signed-out' && session.expired ? 'expired' : session.status
	const redirect = redirectFor(route, status, location.href)

	useEffect(() => {
		if (redirect) navigate(redirect, { replace: true })
	}, [redirect])

	if (session.status === 'loading' || redirect) {
		return (
			<div className="cs-page cs-page-center">
				<Loading>Opening Circlespace…</Loading>
			</div>
		)
	}
	if (session.status === 'signed-out' && !isPublicRoute(route)) return <SignedOutPage next={location.href} />
	return <PageFor route={route} />
}

function PageFor({ route }: { route: Route }) {
	switch (route.page) {
		case 'home':
			return <HomePage />
		case 'signin':
			return <SignInPage next={route.next} />
		case 'signup':
			return <SignUpPage next={route.next} invite={route.invite} />
		case 'profile':
			return <ProfilePage />
		case 'admin':
			return <AdminPage />
		case 'gallery':
			return <GalleryPage />
		case 'map':
			return <MapPage />
		case 'tribe':
			return <TribePage key={route.tribeId} tribeId={route.tribeId} />
		case 'tribe-compare':
			return (
				<ComparePage
					key={`${route.tribeId}/${route.day}`}
					tribeId={route.tribeId}
					day={route.day}
					circleIds={route.circleIds}
				/>
			)
		case 'journey-templates':
			return <JourneyTemplatesPage key={JSON.stringify(route.owner)} owner={route.owner} />
		case 'journey-template':
			return (
				<JourneyTemplateEditorPage
					key={`${JSON.stringify(route.owner)}/${route.templateId}`}
					owner={route.owner}
					templateId={route.templateId}
				/>
			)
		case 'circle':
			return <CirclePage key={route.circleId} circleId={route.circleId} />
		case 'journey-day':
			// Keyed by circle only: the next or previous day shows without loading the journey again.
			return <JourneyDayPage key={route.circleId} circleId={route.circleId} day={route.day} />
		case 'board':
			return <BoardPage key={route.boardId} boardId={route.boardId} />
		case 'snapshot':
			return (
				<SnapshotPage
					key={`${route.boardId}/${route.snapshotId}`}
					boardId={route.boardId}
					snapshotId={route.snapshotId}
				/>
			)
		case 'replay':
			return (
				<ReplayPage
					key={`${route.boardId}/${JSON.stringify(route.replay)}`}
					boardId={route.boardId}
					replay={route.replay}
				/>
			)
		case 'invite':
			return <InvitePage key={route.token} token={route.token} />
		case 'guest':
			return <GuestPage key={route.token} token={route.token} />
		case 'search':
			return <SearchPage query={route.query} />
		case 'person':
			return <PersonPage key={route.personId} personId={route.personId} />
		case 'not-found':
			return <NotFoundPage />
	}
}
