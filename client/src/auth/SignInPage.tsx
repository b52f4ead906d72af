import { signInSchema } from '@circlespace/shared'
import { type FormEvent, useState } from 'react'
import { signIn } from '../api/auth.ts'
import { ApiError } from '../api/http.ts'
import { navigate, signUpPath } from '../app/router.ts'
import { FormError, TextField } from '../ui/Field.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { Link } from '../ui/Link.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { AuthFrame } from './AuthFrame.tsx'
import { useSession } from './SessionProvider.tsx'
import { useClientConfig } from './useClientConfig.ts'

type Field = 'email' | 'password'

/** Sign in with email and password, then go back to the page that asked for it. */
export function SignInPage({ next }: { next: string | null }) {
	usePageTitle('Sign in')
	const { signedIn } = useSession()
	const config = useClientConfig()
	const [email, setEmail] = useState('')
	const [password, setPassword] = useState('')
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<Field>()

	async function submit(event: FormEvent) {
		event.preventDefault()
		const parsed = signInSchema.safeParse({ email, password })
		if (!parsed.success) {
			showErrors({
				fields: {
					email: parsed.error.issues.some((issue) => issue.path[0] === 'email')
						? 'Type the email address of your account.'
						: undefined,
					password: password ? undefined : 'Type your password.',
				},
				form: null,
			})
			return
		}
		setPending(true)
		clearErrors()
		try {
			const user = await signIn(parsed.data)
			signedIn(user)
			navigate(next ?? '/', { replace: true })
		} catch (caught) {
			setPending(false)
			if (caught instanceof ApiError && caught.status === 401) {
				showErrors({ fields: {}, form: caught.message })
				return
			}
			showErrors(formErrorsOf(caught, ['email', 'password']))
		}
	}

	const invitationOnly = config?.signupPolicy === 'invitation' && config.hasAccounts
	const fresh = config?.hasAccounts === false

	return (
		<AuthFrame>
			<PageHeading>Sign in</PageHeading>
			<p className="cs-muted cs-lead">Welcome back to your circles.</p>
			{fresh && (
				<div className="cs-notice cs-notice-info">
					<p>
						This instance has no accounts yet.{' '}
						<Link href={signUpPath({ next })}>Create the first account</Link>: it becomes the instance's
						admin.
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
					required
				/>
				<TextField
					label="Password"
					type="password"
					autoComplete="current-password"
					value={password}
					onChange={(event) => setPassword(event.target.value)}
					error={errors.fields.password}
					required
				/>
				<button type="submit" className="cs-button cs-button-primary cs-button-block" disabled={pending}>
					{pending ? 'Signing in…' : 'Sign in'}
				</button>
			</form>
			<p className="cs-auth-switch">
				{invitationOnly ? (
					<span className="cs-muted">
						New here? Accounts on this instance are created from an invitation link to a circle.
					</span>
				) : (
					<>
						New here? <Link href={signUpPath({ next })}>Create an account</Link>
					</>
				)}
			</p>
		</AuthFrame>
	)
}
