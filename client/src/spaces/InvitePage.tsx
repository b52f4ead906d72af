import { type InvitationPreview, invitationTokenSchema } from '@circlespace/shared'
import { type ReactNode, useState } from 'react'
import { ApiError, messageOf } from '../api/http.ts'
import { acceptInvitation, previewInvitation } from '../api/invitations.ts'
import { AppShell } from '../app/AppShell.tsx'
import { circlePath, invitePath, navigate, signInPath, signUpPath } from '../app/router.ts'
import { AuthFrame } from '../auth/AuthFrame.tsx'
import { useSession } from '../auth/SessionProvider.tsx'
import { useAnnounce } from '../ui/Announcer.tsx'
import { formatDate } from '../ui/dates.ts'
import { FormError } from '../ui/Field.tsx'
import { Link } from '../ui/Link.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { LoadError, Loading } from '../ui/States.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { useResource } from '../ui/useResource.ts'

/**
 * Where an invitation link leads: which circle, from whom, until when. Signed in, the person
 * accepts it here; signed out, they create an account or sign in first and come back here.
 */
export function InvitePage({ token }: { token: string }) {
	const valid = invitationTokenSchema.safeParse(token).success
	const [preview, controls] = useResource(
		(signal) => (valid ? previewInvitation(token, signal) : Promise.reject(new ApiError(404, undefined, ''))),
		[token, valid],
	)
	usePageTitle(preview.status === 'ready' ? `Join ${preview.data.circleName}` : 'Invitation')

	if (preview.status === 'loading') {
		return (
			<Frame>
				<Loading>Opening the invitation…</Loading>
			</Frame>
		)
	}
	if (preview.status === 'error') {
		if (preview.error instanceof ApiError && preview.error.status === 404) {
			return (
				<Frame>
					<PageHeading>This invitation link does not work</PageHeading>
					<p>
						There is no invitation at this address. Check that the whole link was copied, or ask the person
						who invited you for a new one.
					</p>
					<p>
						<Link href="/">Go to the home page</Link>
					</p>
				</Frame>
			)
		}
		return (
			<Frame>
				<PageHeading>Invitation</PageHeading>
				<LoadError what="The invitation" error={preview.error} onRetry={controls.reload} />
			</Frame>
		)
	}
	return (
		<Frame>
			<InvitationView token={token} preview={preview.data} />
		</Frame>
	)
}

function Frame({ children }: { children: ReactNode }) {
	const { session } = useSession()
	if (session.status === 'signed-in') return <AppShell narrow>{children}</AppShell>
	return <AuthFrame>{children}</AuthFrame>
}

function InvitationView({ token, preview }: { token: string; preview: InvitationPreview }) {
	const { session } = useSession()
	const announce = useAnnounce()
	const [pending, setPending] = useState(false)
	const [error, setError] = useState<string | null>(null)
	const here = invitePath(token)

	async function accept() {
		setPending(true)
		setError(null)
		try {
			const circle = await acceptInvitation(token)
			announce(`Welcome to ${circle.name}.`)
			navigate(circlePath(circle.id))
		} catch (caught) {
			setError(messageOf(caught))
			setPending(false)
		}
	}

	return (
		<>
			<p className="cs-eyebrow">Invitation</p>
			<PageHeading>Join {preview.circleName}</PageHeading>
			<p className="cs-lead">
				<strong>{preview.invitedBy}</strong> invited you to the circle <strong>{preview.circleName}</strong>{' '}
				in the tribe <strong>{preview.tribeName}</strong>.
			</p>
			{preview.unusableBecause ? (
				<>
					<div className="cs-notice cs-notice-warning" role="status">
						<p>{unusableText(preview)}</p>
					</div>
					<p className="cs-after-notice">
						{session.status === 'signed-in' ? (
							<Link href="/">Go to your home page</Link>
						) : (
							<Link href={signInPath('/')}>Sign in to Circlespace</Link>
						)}
					</p>
				</>
			) : session.status === 'signed-in' ? (
				preview.alreadyMember ? (
					<div className="cs-notice cs-notice-info">
						<p>You are already a member of this circle.</p>
						<p>
							<Link href={circlePath(preview.circleId)} className="cs-button cs-button-primary">
								Open {preview.circleName}
							</Link>
						</p>
					</div>
				) : (
					<>
						<p className="cs-muted">
							The link works until {formatDate(preview.expiresAt)}. You join as{' '}
							<strong>{session.user.displayName}</strong>.
						</p>
						<FormError message={error} />
						<div className="cs-form-actions">
							<button
								type="button"
								className="cs-button cs-button-primary"
								onClick={accept}
								disabled={pending}
							>
								{pending ? 'Joining…' : `Join ${preview.circleName}`}
							</button>
							<Link href="/" className="cs-button">
								Not now
							</Link>
						</div>
					</>
				)
			) : (
				<>
					<p>To join, create your account or sign in. You come back here right after.</p>
					<div className="cs-form-actions">
						<Link href={signUpPath({ invite: token, next: here })} className="cs-button cs-button-primary">
							Create an account
						</Link>
						<Link href={signInPath(here)} className="cs-button">
							I already have an account
						</Link>
					</div>
				</>
			)}
		</>
	)
}

function unusableText(preview: InvitationPreview): string {
	switch (preview.unusableBecause) {
		case 'expired':
			return `This link expired on ${formatDate(preview.expiresAt)}. Ask ${preview.invitedBy} for a new one.`
		case 'revoked':
			return `This link was revoked. Ask ${preview.invitedBy} for a new one if you should still join.`
		case 'used_up':
			return `This link has been used as many times as it allowed. Ask ${preview.invitedBy} for a new one.`
		case 'full':
			return `Every seat of ${preview.circleName} is taken right now. Ask ${preview.invitedBy} whether a seat can be made free.`
		case null:
			return ''
	}
}
