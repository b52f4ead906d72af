import type { CircleDetail, CreatedInvitation, Invitation } from '@circlespace/shared'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { createInvitation, listInvitations, revokeInvitation } from '../api/circles.ts'
import { invitePath } from '../app/router.ts'
import { useAnnounce } from '../ui/Announcer.tsx'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { formatDate } from '../ui/dates.ts'
import { FormError, SelectField, TextField } from '../ui/Field.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { useResource } from '../ui/useResource.ts'
import {
	describeExpiry,
	describeUses,
	type InvitationState,
	invitationState,
	invitationStateLabel,
} from './format.ts'

const EXPIRY_CHOICES = [1, 7, 14, 30, 90] as const

/**
 * Invitation links of a circle: create one (how long it works, how many people may use it),
 * copy it once (only its hash is kept, so it can never be shown again), see how each link was
 * used, and revoke one that should stop working.
 */
export function InvitationLinks({ circle }: { circle: CircleDetail }) {
	const announce = useAnnounce()
	const [invitations, controls] = useResource((signal) => listInvitations(circle.id, signal), [circle.id])
	const [created, setCreated] = useState<CreatedInvitation | null>(null)
	const [revoking, setRevoking] = useState<Invitation | null>(null)
	const [showAll, setShowAll] = useState(false)

	const now = new Date()
	const list = invitations.status === 'ready' ? sortInvitations(invitations.data) : []
	const active = list.filter((invitation) => invitationState(invitation, now) === 'active')
	const shown = showAll ? list : active

	return (
		<section aria-labelledby="circle-invitations" className="cs-section">
			<h2 id="circle-invitations">Invitation links</h2>
			<p className="cs-muted cs-section-intro">
				Anyone holding a link can join this circle while it works and a seat is free.
			</p>
			{created ? (
				<NewLink invitation={created} onDone={() => setCreated(null)} />
			) : (
				<CreateLinkForm
					circleId={circle.id}
					onCreated={(invitation) => {
						setCreated(invitation)
						controls.set((previous) => [invitation, ...previous])
					}}
				/>
			)}
			{invitations.status === 'loading' && <Loading>Loading links…</Loading>}
			{invitations.status === 'error' && (
				<LoadError what="The invitation links" error={invitations.error} onRetry={controls.reload} />
			)}
			{invitations.status === 'ready' && (
				<>
					{shown.length === 0 ? (
						<Empty>
							<p className="cs-muted">{list.length === 0 ? 'No links yet.' : 'No link works right now.'}</p>
						</Empty>
					) : (
						<ul className="cs-invitations">
							{shown.map((invitation) => (
								<InvitationRow
									key={invitation.id}
									invitation={invitation}
									state={invitationState(invitation, now)}
									onRevoke={() => setRevoking(invitation)}
								/>
							))}
						</ul>
					)}
					{list.length > active.length && (
						<button type="button" className="cs-link-button" onClick={() => setShowAll((value) => !value)}>
							{showAll
								? 'Show working links only'
								: `Show ${list.length - active.length} expired, used up or revoked`}
						</button>
					)}
				</>
			)}
			{revoking && (
				<ConfirmDialog
					title="Revoke this link?"
					confirmLabel="Revoke link"
					pendingLabel="Revoking…"
					danger
					onClose={() => setRevoking(null)}
					onConfirm={async () => {
						await revokeInvitation(circle.id, revoking.id)
						controls.reload()
						if (created?.id === revoking.id) setCreated(null)
						announce('The link was revoked. Nobody can join with it any more.')
					}}
				>
					<p>
						Nobody can join with it any more. People who already joined with it stay in the circle. (
						{describeUses(revoking.uses, revoking.maxUses)}, created {formatDate(revoking.createdAt)}.)
					</p>
				</ConfirmDialog>
			)}
		</section>
	)
}

function sortInvitations(invitations: Invitation[]): Invitation[] {
	return [...invitations].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

function InvitationRow({
	invitation,
	state,
	onRevoke,
}: {
	invitation: Invitation
	state: InvitationState
	onRevoke: () => void
}) {
	const label = `Link created ${formatDate(invitation.createdAt)} by ${invitation.createdBy.displayName}`
	return (
		<li className="cs-invitation" aria-label={label}>
			<div className="cs-invitation-main">
				<span className={`cs-badge cs-invitation-${state}`}>{invitationStateLabel(state)}</span>
				<span className="cs-invitation-text">
					<span>
						By {invitation.createdBy.displayName},{' '}
						<span className="cs-phrase">{formatDate(invitation.createdAt)}</span>
					</span>
					<span className="cs-muted">
						<span className="cs-phrase">{describeUses(invitation.uses, invitation.maxUses)} ·</span>{' '}
						<span className="cs-phrase">
							{state === 'revoked' && invitation.revokedAt
								? `Revoked ${formatDate(invitation.revokedAt)}`
								: describeExpiry(invitation.expiresAt)}
						</span>
					</span>
				</span>
			</div>
			{state === 'active' && (
				<button
					type="button"
					className="cs-button cs-button-small cs-button-quiet cs-danger-text"
					onClick={onRevoke}
				>
					Revoke
				</button>
			)}
		</li>
	)
}

function CreateLinkForm({
	circleId,
	onCreated,
}: {
	circleId: string
	onCreated: (invitation: CreatedInvitation) => void
}) {
	const [days, setDays] = useState('7')
	const [maxUses, setMaxUses] = useState('')
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<'expiresInDays' | 'maxUses'>()

	async function submit(event: FormEvent) {
		event.preventDefault()
		const limit = maxUses.trim() === '' ? null : Number(maxUses)
		if (limit !== null && (!Number.isInteger(limit) || limit < 1)) {
			showErrors({
				fields: { maxUses: 'Use a whole number of 1 or more, or leave it empty for no limit.' },
				form: null,
			})
			return
		}
		setPending(true)
		clearErrors()
		try {
			onCreated(await createInvitation(circleId, { expiresInDays: Number(days), maxUses: limit }))
			setMaxUses('')
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['expiresInDays', 'maxUses']))
		} finally {
			setPending(false)
		}
	}

	return (
		<form
			ref={formRef}
			onSubmit={submit}
			noValidate
			className="cs-create cs-create-compact"
			aria-busy={pending}
		>
			<FormError message={errors.form} />
			<div className="cs-create-row">
				<SelectField
					label="Works for"
					value={days}
					onChange={(event) => setDays(event.target.value)}
					error={errors.fields.expiresInDays}
				>
					{EXPIRY_CHOICES.map((choice) => (
						<option key={choice} value={choice}>
							{choice === 1 ? '1 day' : `${choice} days`}
						</option>
					))}
				</SelectField>
				<TextField
					label="Uses (optional)"
					placeholder="No limit"
					type="number"
					inputMode="numeric"
					min={1}
					value={maxUses}
					onChange={(event) => setMaxUses(event.target.value)}
					error={errors.fields.maxUses}
					className="cs-field-short"
				/>
			</div>
			<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
				{pending ? 'Creating…' : 'Create invitation link'}
			</button>
		</form>
	)
}

function NewLink({ invitation, onDone }: { invitation: CreatedInvitation; onDone: () => void }) {
	const announce = useAnnounce()
	const inputRef = useRef<HTMLInputElement>(null)
	const hintId = useId()
	const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle')
	const url = `${window.location.origin}${invitePath(invitation.token)}`

	useEffect(() => {
		inputRef.current?.focus()
		inputRef.current?.select()
	}, [])

	async function copy() {
		try {
			await navigator.clipboard.writeText(url)
			setCopyState('copied')
			announce('Invitation link copied.')
		} catch {
			// No clipboard access (an http page that is not localhost, or a refused permission):
			// select the text so that the keyboard shortcut copies it.
			inputRef.current?.focus()
			inputRef.current?.select()
			setCopyState('manual')
			announce('The link is selected: press Control C, or Command C on a Mac, to copy it.')
		}
	}

	return (
		<div className="cs-new-link">
			<h3 className="cs-new-link-title">New invitation link</h3>
			<p id={hintId} className="cs-hint">
				Copy it now and send it to the people you invite: it is shown only once.{' '}
				{describeExpiry(invitation.expiresAt)}
				{invitation.maxUses !== null &&
					`, for ${invitation.maxUses} ${invitation.maxUses === 1 ? 'person' : 'people'}`}
				.
			</p>
			<div className="cs-copy-row">
				<label htmlFor={`${hintId}-input`} className="cs-visually-hidden">
					Invitation link
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
					{copyState === 'copied' ? 'Copied' : 'Copy link'}
				</button>
			</div>
			{copyState === 'manual' && (
				<p className="cs-hint">Press Ctrl+C (⌘C on a Mac) to copy the selected link.</p>
			)}
			<button type="button" className="cs-button cs-button-small" onClick={onDone}>
				Done
			</button>
		</div>
	)
}
