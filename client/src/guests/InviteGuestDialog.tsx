import {
	type CreatedGuestLink,
	DEFAULT_GUESTS_PER_LINK,
	type GuestLink,
	type GuestMode,
	type LiveSession,
	MAX_GUEST_LINK_LIFETIME_MS,
	MAX_GUESTS_PER_LINK,
} from '@circlespace/shared'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { messageOf } from '../api/http.ts'
import { getLiveSession } from '../api/sessions.ts'
import { guestPath } from '../app/router.ts'
import { useAnnounce } from '../ui/Announcer.tsx'
import { Dialog } from '../ui/Dialog.tsx'
import { formatDateTime } from '../ui/dates.ts'
import { FormError, TextField } from '../ui/Field.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { useResource } from '../ui/useResource.ts'
import { createGuestLink, listGuestLinks, revokeGuestLink } from './guestLinks.ts'
import './guests.css'

type Until = 'session' | 'time'
type Field = 'mode' | 'until' | 'maxGuests' | 'countsSeat'

// A time-bound link works two hours by default: one meeting, with room to run over.
const DEFAULT_HOURS = 2

/**
 * "Invite a guest": a link for someone without an account to join this one board, editing or
 * only watching, until the live session ends or a set time, taking one of the circle's seats or
 * not. The link is shown once (only its hash is kept) with a Copy button; the board's working
 * links are listed with who joined through each and a Revoke button, which ends their guests'
 * live connections at once.
 */
export function InviteGuestDialog({ boardId, onClose }: { boardId: string; onClose: () => void }) {
	const announce = useAnnounce()
	const [links, controls] = useResource((signal) => listGuestLinks(boardId, signal), [boardId])
	const [running] = useResource((signal) => getLiveSession(boardId, signal), [boardId])
	const [created, setCreated] = useState<CreatedGuestLink | null>(null)
	const [revoking, setRevoking] = useState<string | null>(null)
	const [revokeError, setRevokeError] = useState<string | null>(null)
	const listTitleRef = useRef<HTMLHeadingElement>(null)
	const listTitleId = useId()
	const session =
		running.status === 'ready' && running.data && running.data.endedAt === null ? running.data : null
	const active = links.status === 'ready' ? links.data.filter((link) => link.endedBecause === null) : []

	async function revoke(link: GuestLink) {
		setRevoking(link.id)
		setRevokeError(null)
		try {
			await revokeGuestLink(boardId, link.id)
			controls.set((previous) =>
				previous.map(
					(item): GuestLink =>
						item.id === link.id
							? { ...item, endedBecause: 'revoked', revokedAt: new Date().toISOString() }
							: item,
				),
			)
			if (created?.id === link.id) setCreated(null)
			// Its row (and the focused button) is gone: focus stays in the list, at its title.
			listTitleRef.current?.focus()
			announce(
				link.guests.length > 0
					? 'The guest link was revoked: its guests left the board.'
					: 'The guest link was revoked.',
			)
		} catch (caught) {
			setRevokeError(messageOf(caught))
		} finally {
			setRevoking(null)
		}
	}

	return (
		<Dialog
			title="Invite a guest"
			wide
			description={
				<p>
					A guest needs no account: they give a name and join this board only, live. They see nothing else of
					Circlespace.
				</p>
			}
			onClose={onClose}
		>
			{created ? (
				<NewGuestLink link={created} onDone={() => setCreated(null)} />
			) : (
				<CreateGuestLinkForm
					boardId={boardId}
					session={running.status === 'loading' ? undefined : session}
					onCreated={(link) => {
						setCreated(link)
						controls.set((previous) => [link, ...previous])
					}}
				/>
			)}
			<section className="cs-guest-links" aria-labelledby={listTitleId}>
				<h3 id={listTitleId} ref={listTitleRef} tabIndex={-1}>
					Guest links that work now
				</h3>
				{links.status === 'loading' && <Loading>Loading guest links…</Loading>}
				{links.status === 'error' && (
					<LoadError what="The guest links" error={links.error} onRetry={controls.reload} />
				)}
				{links.status === 'ready' &&
					(active.length === 0 ? (
						<Empty>
							<p className="cs-muted">No guest link works on this board right now.</p>
						</Empty>
					) : (
						<ul className="cs-guest-link-list">
							{active.map((link) => (
								<GuestLinkRow
									key={link.id}
									link={link}
									pending={revoking === link.id}
									onRevoke={() => revoke(link)}
								/>
							))}
						</ul>
					))}
				{revokeError && (
					<p className="cs-error" role="alert">
						{revokeError}
					</p>
				)}
			</section>
			<div className="cs-dialog-actions">
				<button type="button" className="cs-button" onClick={onClose}>
					Close
				</button>
			</div>
		</Dialog>
	)
}

function CreateGuestLinkForm({
	boardId,
	session,
	onCreated,
}: {
	boardId: string
	/** The running live session; null when none runs, undefined while it is asked. */
	session: LiveSession | null | undefined
	onCreated: (link: CreatedGuestLink) => void
}) {
	const [mode, setMode] = useState<GuestMode>('edit')
	const [until, setUntil] = useState<Until>('time')
	const [at, setAt] = useState(() => localInputValue(new Date(Date.now() + DEFAULT_HOURS * 60 * 60 * 1000)))
	const [maxGuests, setMaxGuests] = useState(String(DEFAULT_GUESTS_PER_LINK))
	const [countsSeat, setCountsSeat] = useState(false)
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<Field>()
	const name = useId()
	// Once it is known that a session runs, a link for it is what a facilitator most often wants.
	const choseUntil = useRef(false)
	useEffect(() => {
		if (session && !choseUntil.current) setUntil('session')
		if (session === null && until === 'session') setUntil('time')
	}, [session, until])

	async function submit(event: FormEvent) {
		event.preventDefault()
		const limit = Number(maxGuests)
		const fields: Partial<Record<Field, string>> = {}
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GUESTS_PER_LINK)
			fields.maxGuests = `Use a whole number from 1 to ${MAX_GUESTS_PER_LINK}.`
		const end = new Date(at)
		if (until === 'time') {
			const now = Date.now()
			if (Number.isNaN(end.getTime()) || end.getTime() <= now) fields.until = 'Choose a time in the future.'
			else if (end.getTime() > now + MAX_GUEST_LINK_LIFETIME_MS)
				fields.until = 'Choose a time within 30 days.'
		}
		if (Object.keys(fields).length > 0) {
			showErrors({ fields, form: null })
			return
		}
		clearErrors()
		setPending(true)
		try {
			onCreated(
				await createGuestLink(boardId, {
					mode,
					until: until === 'session' ? { kind: 'session' } : { kind: 'time', at: end.toISOString() },
					countsSeat,
					maxGuests: limit,
				}),
			)
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['mode', 'until', 'maxGuests', 'countsSeat']))
		} finally {
			setPending(false)
		}
	}

	return (
		<form ref={formRef} className="cs-form cs-guest-form" onSubmit={submit} noValidate aria-busy={pending}>
			<FormError message={errors.form} />
			<fieldset className="cs-fieldset">
				<legend>The guest may</legend>
				<div className="cs-choices cs-guest-choices">
					<label className="cs-choice">
						<input
							type="radio"
							name={`${name}-mode`}
							value="edit"
							checked={mode === 'edit'}
							onChange={() => setMode('edit')}
						/>
						<span>
							<strong>Edit</strong>
							<span className="cs-hint">Add notes and drawings, like a member.</span>
						</span>
					</label>
					<label className="cs-choice">
						<input
							type="radio"
							name={`${name}-mode`}
							value="view"
							checked={mode === 'view'}
							onChange={() => setMode('view')}
						/>
						<span>
							<strong>View</strong>
							<span className="cs-hint">Watch the board live, change nothing.</span>
						</span>
					</label>
				</div>
			</fieldset>
			<fieldset className="cs-fieldset">
				<legend>The link works until</legend>
				<div className="cs-choices cs-guest-choices">
					<label className="cs-choice" aria-disabled={!session || undefined}>
						<input
							type="radio"
							name={`${name}-until`}
							value="session"
							checked={until === 'session'}
							disabled={!session}
							onChange={() => {
								choseUntil.current = true
								setUntil('session')
							}}
						/>
						<span>
							<strong>End of the live session</strong>
							<span className="cs-hint">
								{session
									? `“${session.title}”; at the latest 24 hours from now.`
									: session === null
										? 'No live session is running on this board.'
										: 'Looking for a running session…'}
							</span>
						</span>
					</label>
					<label className="cs-choice">
						<input
							type="radio"
							name={`${name}-until`}
							value="time"
							checked={until === 'time'}
							onChange={() => {
								choseUntil.current = true
								setUntil('time')
							}}
						/>
						<span>
							<strong>A set time</strong>
							<span className="cs-hint">Up to 30 days from now.</span>
						</span>
					</label>
				</div>
			</fieldset>
			<div className="cs-guest-row">
				{until === 'time' && (
					<TextField
						label="Ends at"
						hint="In your local time."
						type="datetime-local"
						value={at}
						min={localInputValue(new Date())}
						onChange={(event) => setAt(event.target.value)}
						error={errors.fields.until}
						className="cs-guest-ends"
						required
					/>
				)}
				{until === 'session' && errors.fields.until && <p className="cs-error">{errors.fields.until}</p>}
				<TextField
					label="Guests who may join with it"
					hint={`1 to ${MAX_GUESTS_PER_LINK}; each name given counts.`}
					type="number"
					inputMode="numeric"
					min={1}
					max={MAX_GUESTS_PER_LINK}
					value={maxGuests}
					onChange={(event) => setMaxGuests(event.target.value)}
					error={errors.fields.maxGuests}
					className="cs-field-short"
				/>
			</div>
			<div className="cs-check cs-check-block cs-guest-seat">
				<input
					id={`${name}-seat`}
					type="checkbox"
					checked={countsSeat}
					onChange={(event) => setCountsSeat(event.target.checked)}
					aria-describedby={`${name}-seat-hint`}
				/>
				<span>
					<label htmlFor={`${name}-seat`}>Each guest takes one of the circle’s seats</label>
					<span id={`${name}-seat-hint`} className="cs-hint">
						While the link works. Leave it off for visitors who are not part of the circle.
					</span>
				</span>
			</div>
			<div>
				<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
					{pending ? 'Creating…' : 'Create guest link'}
				</button>
			</div>
		</form>
	)
}

function NewGuestLink({ link, onDone }: { link: CreatedGuestLink; onDone: () => void }) {
	const announce = useAnnounce()
	const inputRef = useRef<HTMLInputElement>(null)
	const hintId = useId()
	const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle')
	const url = `${window.location.origin}${guestPath(link.token)}`

	useEffect(() => {
		inputRef.current?.focus()
		inputRef.current?.select()
	}, [])

	async function copy() {
		try {
			await navigator.clipboard.writeText(url)
			setCopyState('copied')
			announce('Guest link copied.')
		} catch {
			// No clipboard access (http that is not localhost, or a refused permission): the text is
			// selected so that the keyboard shortcut copies it.
			inputRef.current?.focus()
			inputRef.current?.select()
			setCopyState('manual')
			announce('The link is selected: press Control C, or Command C on a Mac, to copy it.')
		}
	}

	return (
		<div className="cs-new-link cs-guest-new-link">
			<h3 className="cs-new-link-title">New guest link</h3>
			<p id={hintId} className="cs-hint">
				Copy it now and send it to your guest: it is shown only once. {describeLink(link)}.
			</p>
			<div className="cs-copy-row">
				<label htmlFor={`${hintId}-input`} className="cs-visually-hidden">
					Guest link
				</label>
				<input
					ref={inputRef}
					id={`${hintId}-input`}
					value={url}
					readOnly
					aria-describedby={hintId}
					onFocus={(event) => event.currentTarget.select()}
				/>
				<button type="button" className="cs-button cs-button-primary" onClick={copy}>
					{copyState === 'copied' ? 'Copied' : 'Copy'}
				</button>
			</div>
			{copyState === 'manual' && (
				<p className="cs-hint">Press Ctrl+C (⌘C on a Mac) to copy the selected link.</p>
			)}
			<button type="button" className="cs-button cs-button-small" onClick={onDone}>
				Make another link
			</button>
		</div>
	)
}

function GuestLinkRow({
	link,
	pending,
	onRevoke,
}: {
	link: GuestLink
	pending: boolean
	onRevoke: () => void
}) {
	const joined = link.guests.map((guest) => guest.name)
	return (
		<li
			className="cs-guest-link"
			aria-label={`Guest link to ${link.mode === 'edit' ? 'edit' : 'view'}, ${describeEnd(link)}`}
		>
			<div className="cs-guest-link-main">
				<span className={`cs-badge ${link.mode === 'edit' ? 'cs-badge-accent' : 'cs-badge-quiet'}`}>
					{link.mode === 'edit' ? 'Can edit' : 'View only'}
				</span>
				<span className="cs-guest-link-text">
					<span>{describeLink(link)}</span>
					<span className="cs-muted">
						{joined.length === 0
							? `Nobody joined yet (up to ${link.maxGuests})`
							: `${joined.length} of ${link.maxGuests} joined: ${joined.join(', ')}`}
					</span>
				</span>
			</div>
			<button
				type="button"
				className="cs-button cs-button-small cs-button-quiet cs-danger-text"
				disabled={pending}
				onClick={onRevoke}
			>
				{pending ? 'Revoking…' : 'Revoke'}
			</button>
		</li>
	)
}

function describeEnd(link: GuestLink): string {
	return link.liveSessionId ? 'until the live session ends' : `until ${formatDateTime(link.expiresAt)}`
}

function describeLink(link: GuestLink): string {
	const end = describeEnd(link)
	const works = `Works ${end}`
	return link.countsSeat ? `${works}; each guest takes a seat of the circle` : works
}

/** A date as a `datetime-local` input shows it: local time, to the minute. */
function localInputValue(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0')
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}
