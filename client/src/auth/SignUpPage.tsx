import {
	invitationTokenSchema,
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH,
	signUpSchema,
} from '@circlespace/shared'
import { type FormEvent, useState } from 'react'
import { signUp } from '../api/auth.ts'
import { previewInvitation } from '../api/invitations.ts'
import { invitePath, navigate, signInPath } from '../app/router.ts'
import { FormError, TextField } from '../ui/Field.tsx'
import { type FormErrors, formErrorsOf } from '../ui/formErrors.ts'
import { Link } from '../ui/Link.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { Loading } from '../ui/States.tsx'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { useResource } from '../ui/useResource.ts'
import { AuthFrame } from './AuthFrame.tsx'
import { useSession } from './SessionProvider.tsx'
import { useClientConfig } from './useClientConfig.ts'

type Field = 'email' | 'displayName' | 'password'
const FIELDS: readonly Field[] = ['email', 'displayName', 'password']

/**
 * Create an account: email, the name others see, a password of 10–256 characters. When the
 * instance only lets people in by invitation, the invitation token carried from the link is
 * sent along; without one the page explains how to get in instead of showing a form that
 * would be refused.
 */
export function SignUpPage({ next, invite }: { next: string | null; invite: string | null }) {
	usePageTitle('Create an account')
	const config = useClientConfig()
	const invitation = invite && invitationTokenSchema.safeParse(invite).success ? invite : null

	if (!config) {
		return (
			<AuthFrame>
				<PageHeading>Create an account</PageHeading>
				<Loading />
			</AuthFrame>
		)
	}

	const byInvitationOnly = config.signupPolicy === 'invitation' && config.hasAccounts
	if (byInvitationOnly && !invitation) {
		return (
			<AuthFrame>
				<PageHeading>Sign-up is by invitation</PageHeading>
				<p>
					On this instance, accounts are created from an invitation link to a circle. Ask a facilitator of the
					circle you want to join to send you one, then open it: it brings you back here.
				</p>
				<p>
					Already have an account? <Link href={signInPath(next)}>Sign in</Link>
				</p>
			</AuthFrame>
		)
	}

	return <SignUpForm next={next} invitation={invitation} firstAccount={!config.hasAccounts} />
}

function SignUpForm({
	next,
	invitation,
	firstAccount,
}: {
	next: string | null
	invitation: string | null
	firstAccount: boolean
}) {
	const { signedIn } = useSession()
	const [email, setEmail] = useState('')
	const [displayName, setDisplayName] = useState('')
	const [password, setPassword] = useState('')
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<Field>()
	const [preview] = useResource(
		(signal) => (invitation ? previewInvitation(invitation, signal) : Promise.resolve(null)),
		[invitation],
	)

	async function submit(event: FormEvent) {
		event.preventDefault()
		const parsed = signUpSchema.safeParse({ email, displayName, password })
		if (!parsed.success) {
			const fields: FormErrors<Field>['fields'] = {}
			for (const issue of parsed.error.issues) {
				const field = issue.path[0] as Field
				fields[field] ??= localMessage(field, password)
			}
			showErrors({ fields, form: null })
			return
		}
		setPending(true)
		clearErrors()
		try {
			const user = await signUp(invitation ? { ...parsed.data, invitationToken: invitation } : parsed.data)
			signedIn(user)
			navigate(next ?? (invitation ? invitePath(invitation) : '/'), { replace: true })
		} catch (caught) {
			setPending(false)
			showErrors(formErrorsOf(caught, FIELDS))
		}
	}

	const circle = preview.status === 'ready' && preview.data ? preview.data : null

	return (
		<AuthFrame>
			<PageHeading>Create an account</PageHeading>
			{circle ? (
				<p className="cs-lead">
					You were invited to join <strong>{circle.circleName}</strong> in the tribe{' '}
					<strong>{circle.tribeName}</strong>. Create your account first; you can accept the invitation right
					after.
				</p>
			) : (
				<p className="cs-muted cs-lead">Join your circles and work on shared boards together.</p>
			)}
			{firstAccount && (
				<div className="cs-notice cs-notice-info">
					<p>
						This is the first account on this instance: it becomes the <strong>admin</strong>, who sets up
						tribes and decides who may sign up.
					</p>
				</div>
			)}
			<form ref={formRef} onSubmit={submit} noValidate aria-busy={pending} className="cs-form">
				<FormError message={errors.form} />
				<TextField
					label="Email address"
					type="email"
					autoComplete="email"
					value={email}
					onChange={(event) => setEmail(event.target.value)}
					error={errors.fields.email}
					maxLength={254}
					required
				/>
				<TextField
					label="Your name"
					hint="Shown to others next to your cursor and in member lists."
					autoComplete="name"
					value={displayName}
					onChange={(event) => setDisplayName(event.target.value)}
					error={errors.fields.displayName}
					maxLength={60}
					required
				/>
				<TextField
					label="Password"
					hint={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. A short sentence is easy to remember and hard to guess.`}
					type="password"
					autoComplete="new-password"
					value={password}
					onChange={(event) => setPassword(event.target.value)}
					error={errors.fields.password}
					minLength={PASSWORD_MIN_LENGTH}
					maxLength={PASSWORD_MAX_LENGTH}
					required
				/>
				<button type="submit" className="cs-button cs-button-primary cs-button-block" disabled={pending}>
					{pending ? 'Creating your account…' : 'Create account'}
				</button>
			</form>
			<p className="cs-auth-switch">
				Already have an account? <Link href={signInPath(next)}>Sign in</Link>
			</p>
		</AuthFrame>
	)
}

function localMessage(field: Field, password: string): string {
	switch (field) {
		case 'email':
			return 'Type an email address, like name@example.org.'
		case 'displayName':
			return 'Type the name others should see (up to 60 characters).'
		case 'password':
			return password.length < PASSWORD_MIN_LENGTH
				? `Use at least ${PASSWORD_MIN_LENGTH} characters (${password.length} so far).`
				: `Use at most ${PASSWORD_MAX_LENGTH} characters.`
	}
}
