import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useMemo, useState } from 'react'
import {
	atom,
	computed,
	createTLCurrentUser,
	createUserId,
	type Editor,
	type TLComponents,
	type TLUserPreferences,
	Tldraw,
	UserRecordType,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { type LocalIdentity, PERSON_COLORS, readIdentity, saveName, useIdentity } from '../ui/identity.ts'
import { Link } from '../ui/Link.tsx'
import { NameDialog } from '../ui/NameDialog.tsx'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { LicenceRequired } from './LicenceRequired.tsx'
import { isLicenceMissing } from './licence.ts'
import { PeopleHere } from './PeopleHere.tsx'
import { type BoardInfo, useBoardInfo } from './useBoardInfo.ts'
import { useBoardStore } from './useBoardStore.ts'
import { useClientConfig } from './useClientConfig.ts'
import { usePeers } from './usePeers.ts'

// Fonts, icons and translations are bundled and served by our own server: no request leaves
// the origin (a privacy promise and a requirement for air-gapped instances).
const assetUrls = getAssetUrlsByImport()

// The top bar already shows who is here; tldraw's own avatar stack would repeat it.
const tldrawComponents: TLComponents = { SharePanel: null }

declare global {
	interface Window {
		/** The mounted tldraw editor, for end-to-end tests and debugging in the console. */
		__circlespaceEditor?: Editor
	}
}

/** The board page: a full-screen canvas under a slim top bar. */
export function BoardPage({ boardId }: { boardId: string }) {
	const identity = useIdentity()
	const info = useBoardInfo(boardId)
	const config = useClientConfig()

	const title = boardTitle(info)
	useEffect(() => {
		document.title = `${title ?? 'Board'} · Circlespace`
	}, [title])

	if (info.kind === 'missing') return <BoardMissing />
	if (config && isLicenceMissing(window.location, config.tldrawLicenseKey)) return <LicenceRequired />

	return (
		<div className="cs-board-page">
			{identity && config ? (
				<BoardCanvas
					key={`${boardId}:${identity.id}`}
					boardId={boardId}
					identity={identity}
					title={title}
					licenseKey={config.tldrawLicenseKey}
				/>
			) : (
				<>
					<TopBar title={title} />
					<p className="cs-board-loading cs-muted" role="status">
						Opening the board…
					</p>
				</>
			)}
			{!identity && <NameDialog />}
		</div>
	)
}

function BoardCanvas({
	boardId,
	identity,
	title,
	licenseKey,
}: {
	boardId: string
	identity: LocalIdentity
	title: string | null
	licenseKey: string | null
}) {
	// The component is keyed by the identity's id, so these signals live as long as it does;
	// name and colour may change and flow through them into the presence others see.
	const [$preferences] = useState(() =>
		atom<TLUserPreferences>('user preferences', {
			id: identity.id,
			name: identity.name,
			color: identity.color,
		}),
	)
	const [$user] = useState(() =>
		computed('user', () => {
			const prefs = $preferences.get()
			return UserRecordType.create({
				id: createUserId(prefs.id),
				name: prefs.name ?? '',
				color: prefs.color ?? PERSON_COLORS[0],
			})
		}),
	)
	useEffect(() => {
		const current = $preferences.get()
		if (current.name !== identity.name || current.color !== identity.color) {
			$preferences.set({ ...current, name: identity.name, color: identity.color })
		}
	}, [$preferences, identity.name, identity.color])

	const currentUser = useMemo(
		() =>
			createTLCurrentUser({
				userPreferences: $preferences,
				setUserPreferences: (next) => {
					$preferences.set(next)
					// tldraw's people menu lets a person rename themselves: keep that name.
					const name = next.name?.trim()
					if (name && name !== readIdentity()?.name) saveName(name)
				},
			}),
		[$preferences],
	)

	const session = useBoardStore(boardId, $user)
	const peers = usePeers(session.awareness, identity.id)

	return (
		<>
			<TopBar title={title}>
				<ConnectionStatus connection={session.connection} />
				<PeopleHere self={identity} peers={peers} />
			</TopBar>
			<Notices
				readonly={session.readonly}
				invalidRecords={session.invalidRecords}
				closedMessage={session.connection.state === 'closed' ? session.connection.message : null}
				offlineWithoutCopy={session.offlineWithoutCopy}
			/>
			<main className="cs-canvas" aria-label="Board canvas">
				<Tldraw
					store={session.storeWithStatus}
					assetUrls={assetUrls}
					user={currentUser}
					licenseKey={licenseKey ?? undefined}
					components={tldrawComponents}
					onMount={(editor) => {
						window.__circlespaceEditor = editor
						return () => {
							if (window.__circlespaceEditor === editor) window.__circlespaceEditor = undefined
						}
					}}
				/>
			</main>
		</>
	)
}

function TopBar({ title, children }: { title: string | null; children?: React.ReactNode }) {
	return (
		<header className="cs-topbar">
			<Link href="/" className="cs-back">
				<span aria-hidden="true">←</span> Boards
			</Link>
			<h1 className="cs-board-name">{title ?? 'Board'}</h1>
			<div className="cs-topbar-end">{children}</div>
		</header>
	)
}

function Notices({
	readonly,
	invalidRecords,
	closedMessage,
	offlineWithoutCopy,
}: {
	readonly: boolean
	invalidRecords: number
	closedMessage: string | null
	offlineWithoutCopy: boolean
}) {
	if (!readonly && invalidRecords === 0 && !closedMessage && !offlineWithoutCopy) return null
	return (
		<div className="cs-notices">
			{closedMessage && (
				<p className="cs-notice cs-notice-error" role="alert">
					{closedMessage} <Link href="/">Back to boards</Link>
				</p>
			)}
			{readonly && (
				<p className="cs-notice cs-notice-warning" role="alert">
					A newer version of Circlespace wrote this board — reload to update.{' '}
					<button
						type="button"
						className="cs-button cs-button-small"
						onClick={() => window.location.reload()}
					>
						Reload
					</button>
				</p>
			)}
			{offlineWithoutCopy && !closedMessage && (
				<p className="cs-notice" role="status">
					You are offline and this board has not been opened on this device before. It will appear as soon as
					the connection returns.
				</p>
			)}
			{invalidRecords > 0 && (
				<p className="cs-notice cs-notice-quiet" role="status">
					{invalidRecords === 1
						? 'One item on this board could not be shown.'
						: `${invalidRecords} items on this board could not be shown.`}
				</p>
			)}
		</div>
	)
}

function BoardMissing() {
	useEffect(() => {
		document.title = 'Board not found · Circlespace'
	}, [])
	return (
		<div className="cs-page">
			<main className="cs-main">
				<h1>Board not found</h1>
				<p>This board does not exist, or you cannot see it.</p>
				<p>
					<Link href="/">Back to all boards</Link>
				</p>
			</main>
		</div>
	)
}

function boardTitle(info: BoardInfo): string | null {
	switch (info.kind) {
		case 'found':
			return info.board.title
		case 'unreachable':
			return info.title
		case 'loading':
		case 'missing':
			return null
	}
}
