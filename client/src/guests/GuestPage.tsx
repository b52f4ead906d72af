import {
	type GuestLinkEnd,
	type GuestLinkPreview,
	type GuestSelf,
	guestLinkTokenSchema,
	guestNameSchema,
	MAX_GUEST_NAME_LENGTH,
} from '@circlespace/shared'
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../api/http.ts'
import { useSession } from '../auth/SessionProvider.tsx'
import { useClientConfig } from '../auth/useClientConfig.ts'
import { isLicenceMissing } from '../board/licence.ts'
import { formatDateTime } from '../ui/dates.ts'
import { FormError, TextField } from '../ui/Field.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { PageHeading } from '../ui/PageHeading.tsx'
import { LoadError, Loading } from '../ui/States.tsx'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { GuestBoard, type GuestBoardEnd } from './GuestBoard.tsx'
import { getGuestSelf, joinAsGuest, leaveAsGuest, previewGuestLink } from './guestLinks.ts'
import './guests.css'

/** Where the guest is on the way from the link to the board and out again. */
type Stage =
	| { kind: 'loading' }
	| { kind: 'failed'; error: unknown }
	| { kind: 'no-such-link' }
	| { kind: 'unusable'; preview: GuestLinkPreview; why: Unusable }
	| { kind: 'name'; preview: GuestLinkPreview }
	| { kind: 'board'; self: GuestSelf; sessionTitle: string | null }
	| { kind: 'ended'; why: GuestLinkEnd | null }
	| { kind: 'board-gone' }
	| { kind: 'left' }

type Unusable = NonNullable<GuestLinkPreview['unusableBecause']>

/**
 * The page of a guest link (`/guest/<token>`): what it leads to, the guest's name, then the one
 * board live, as a guest. A guest who comes back while their link works goes straight to the
 * board. When the link ends (revoked, past its time, the session over) the page says so; the
 * board was never stored in this browser (`GuestBoard` keeps no offline copy). Nothing here leads
 * to the rest of the instance.
 */
export function GuestPage({ token }: { token: string }) {
	const valid = guestLinkTokenSchema.safeParse(token).success
	const [stage, setStage] = useState<Stage>(valid ? { kind: 'loading' } : { kind: 'no-such-link' })
	const [attempt, setAttempt] = useState(0)
	const { session } = useSession()
	const config = useClientConfig()

	// biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the "try again" trigger
	useEffect(() => {
		if (!valid) return
		const controller = new AbortController()
		setStage({ kind: 'loading' })
		;(async () => {
			const preview = await previewGuestLink(token, controller.signal)
			if (preview.unusableBecause) return { kind: 'unusable', preview, why: preview.unusableBecause } as const
			if (preview.joined) {
				// Came back with this link's cookie: the board again, without asking the name twice.
				const self = await getGuestSelf(controller.signal).catch(() => null)
				if (self) return { kind: 'board', self, sessionTitle: preview.sessionTitle } as const
			}
			return { kind: 'name', preview } as const
		})().then(
			(next) => {
				if (!controller.signal.aborted) setStage(next)
			},
			(error: unknown) => {
				if (controller.signal.aborted) return
				setStage(
					error instanceof ApiError && error.status === 404
						? { kind: 'no-such-link' }
						: { kind: 'failed', error },
				)
			},
		)
		return () => controller.abort()
	}, [token, valid, attempt])

	const onEnded = useCallback(
		(end: GuestBoardEnd) => {
			if (end === 'board-gone') {
				setStage({ kind: 'board-gone' })
				return
			}
			setStage({ kind: 'ended', why: null })
			// The preview says why (the close reason is only for logs); the link is known to anyone holding it.
			previewGuestLink(token).then(
				(preview) => {
					const why = preview.unusableBecause
					if (why === 'revoked' || why === 'expired' || why === 'session_ended')
						setStage((current) => (current.kind === 'ended' ? { kind: 'ended', why } : current))
				},
				() => {},
			)
		},
		[token],
	)
	const onLeave = useCallback(async () => {
		await leaveAsGuest()
		setStage({ kind: 'left' })
	}, [])

	usePageTitle(titleOf(stage))

	if (stage.kind === 'board') {
		if (!config)
			return (
				<GuestFrame>
					<Loading>Opening the board…</Loading>
				</GuestFrame>
			)
		if (isLicenceMissing(window.location, config.tldrawLicenseKey)) {
			return (
				<GuestFrame>
					<PageHeading>This board cannot open here yet</PageHeading>
					<p>This instance is not set up to draw boards on this address. Tell the person who invited you.</p>
				</GuestFrame>
			)
		}
		return (
			<GuestBoard
				self={stage.self}
				sessionTitle={stage.sessionTitle}
				licenseKey={config.tldrawLicenseKey}
				onEnded={onEnded}
				onLeave={onLeave}
			/>
		)
	}

	return (
		<GuestFrame>
			<StageView
				stage={stage}
				token={token}
				signedIn={session.status === 'signed-in'}
				onRetry={() => setAttempt((value) => value + 1)}
				onJoined={(self, sessionTitle) => setStage({ kind: 'board', self, sessionTitle })}
			/>
		</GuestFrame>
	)
}

function StageView({
	stage,
	token,
	signedIn,
	onRetry,
	onJoined,
}: {
	stage: Exclude<Stage, { kind: 'board' }>
	token: string
	signedIn: boolean
	onRetry: () => void
	onJoined: (self: GuestSelf, sessionTitle: string | null) => void
}) {
	switch (stage.kind) {
		case 'loading':
			return <Loading>Opening the guest link…</Loading>
		case 'failed':
			return (
				<>
					<PageHeading>Guest link</PageHeading>
					<LoadError what="The guest link" error={stage.error} onRetry={onRetry} />
				</>
			)
		case 'no-such-link':
			return (
				<>
					<PageHeading>This guest link does not work</PageHeading>
					<p>
						There is no guest link at this address. Check that the whole link was copied, or ask the person
						who invited you for a new one.
					</p>
				</>
			)
		case 'unusable':
			return (
				<>
					<p className="cs-eyebrow">Guest link</p>
					<PageHeading>{stage.preview.boardTitle}</PageHeading>
					<div className="cs-notice cs-notice-warning" role="status">
						<p>{UNUSABLE_TEXT[stage.why]}</p>
					</div>
				</>
			)
		case 'name':
			return <NameForm token={token} preview={stage.preview} signedIn={signedIn} onJoined={onJoined} />
		case 'ended':
			return (
				<>
					<HeadingTakingFocus>This guest link has ended</HeadingTakingFocus>
					<p className="cs-lead">{stage.why ? ENDED_TEXT[stage.why] : 'You can no longer see this board.'}</p>
					<p className="cs-muted">
						What you added stays on the board. To come back, ask the facilitator for a new link.
					</p>
				</>
			)
		case 'board-gone':
			return (
				<>
					<HeadingTakingFocus>This board is no longer available</HeadingTakingFocus>
					<p>It was deleted while you had it open. Ask the person who invited you.</p>
				</>
			)
		case 'left':
			return (
				<>
					<HeadingTakingFocus>You left the board</HeadingTakingFocus>
					<p>What you added stays on the board. You can close this page.</p>
				</>
			)
	}
}

function NameForm({
	token,
	preview,
	signedIn,
	onJoined,
}: {
	token: string
	preview: GuestLinkPreview
	signedIn: boolean
	onJoined: (self: GuestSelf, sessionTitle: string | null) => void
}) {
	const [name, setName] = useState('')
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<'name'>()

	async function submit(event: FormEvent) {
		event.preventDefault()
		const parsed = guestNameSchema.safeParse(name)
		if (!parsed.success) {
			showErrors({ fields: { name: parsed.error.issues[0]?.message ?? 'Please give a name.' }, form: null })
			return
		}
		clearErrors()
		setPending(true)
		try {
			onJoined(await joinAsGuest(token, parsed.data), preview.sessionTitle)
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['name']))
			setPending(false)
		}
	}

	return (
		<>
			<p className="cs-eyebrow">You are invited as a guest</p>
			<PageHeading>{preview.boardTitle}</PageHeading>
			<p className="cs-lead">
				{preview.mode === 'edit'
					? 'You can add notes and drawings to this board, live with the others.'
					: 'You can watch this board live; you cannot change it.'}{' '}
				{preview.sessionTitle
					? `For the live session “${preview.sessionTitle}”, until it ends.`
					: `Until ${formatDateTime(preview.expiresAt)}.`}
			</p>
			{signedIn ? (
				<div className="cs-notice cs-notice-info" role="status">
					<p>
						You are signed in to Circlespace. Guest links are for people without an account here: open the
						board as yourself, or sign out to join as a guest.
					</p>
				</div>
			) : (
				<form ref={formRef} className="cs-form" onSubmit={submit} noValidate aria-busy={pending}>
					<FormError message={errors.form} />
					<TextField
						label="Your name"
						hint="The others see it next to your cursor, with “(guest)”."
						value={name}
						onChange={(event) => setName(event.target.value)}
						error={errors.fields.name}
						autoComplete="name"
						maxLength={MAX_GUEST_NAME_LENGTH}
						required
						autoFocus
					/>
					<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
						{pending ? 'Opening…' : 'Open the board'}
					</button>
				</form>
			)}
		</>
	)
}

/**
 * The heading of a page that replaces the board while the guest is on it: the canvas that had
 * focus is gone, so focus moves here and a screen reader says what happened.
 */
function HeadingTakingFocus({ children }: { children: ReactNode }) {
	const ref = useRef<HTMLHeadingElement>(null)
	useEffect(() => {
		ref.current?.focus()
	}, [])
	return (
		<h1 ref={ref} tabIndex={-1} className="cs-page-heading">
			{children}
		</h1>
	)
}

/** The calm, centred frame of a guest's pages: the product's name, no link into the instance. */
function GuestFrame({ children }: { children: ReactNode }) {
	return (
		<div className="cs-page cs-auth-page">
			<header className="cs-auth-header">
				<span className="cs-brand">
					<span className="cs-brand-mark" aria-hidden="true" />
					Circlespace
				</span>
			</header>
			<main id="cs-main" className="cs-auth-card">
				{children}
			</main>
		</div>
	)
}

const UNUSABLE_TEXT: Record<Unusable, string> = {
	revoked: 'This guest link was withdrawn by a facilitator. Ask them for another one.',
	expired: 'This guest link has expired. Ask the facilitator for another one.',
	session_ended: 'The live session this guest link was for has ended.',
	full: 'Every place of this guest link is taken. Ask the facilitator for another link.',
	circle_full: 'The circle has no free seat for another guest. Ask the facilitator.',
}

const ENDED_TEXT: Record<GuestLinkEnd, string> = {
	revoked: 'A facilitator withdrew it: you can no longer see this board.',
	expired: 'Its time is over: you can no longer see this board.',
	session_ended: 'The live session it was for has ended: you can no longer see this board.',
}

function titleOf(stage: Stage): string {
	switch (stage.kind) {
		case 'loading':
		case 'failed':
			return 'Guest link'
		case 'no-such-link':
			return 'Guest link not found'
		case 'unusable':
		case 'name':
			return stage.preview.boardTitle
		case 'board':
			return stage.self.board.title
		case 'ended':
			return 'This guest link has ended'
		case 'board-gone':
			return 'Board not available'
		case 'left':
			return 'You left the board'
	}
}
