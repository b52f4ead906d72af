import {
	changePasswordSchema,
	displayNameSchema,
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH,
} from '@circlespace/shared'
import { type FormEvent, useId, useState } from 'react'
import { changePassword, signOutEverywhere, updateProfile } from '../api/auth.ts'
import { AppShell } from '../app/AppShell.tsx'
import { navigate } from '../app/router.ts'
import { useAnnounce } from '../ui/Announcer.tsx'
import { Avatar } from '../ui/Avatar.tsx'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { FormError, TextField } from '../ui/Field.tsx'
import { type FormErrors, formErrorsOf } from '../ui/formErrors.ts'
import { PageHeading } from '../ui/PageHeading.tsx'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { CURSOR_COLORS } from './cursorColors.ts'
import { useSession, useUser } from './SessionProvider.tsx'

/** The signed-in person's profile: name and cursor colour, password, sessions. */
export function ProfilePage() {
	usePageTitle('Your profile')
	return (
		<AppShell narrow>
			<PageHeading>Your profile</PageHeading>
			<p className="cs-muted cs-lead">How others see you on boards, and how you sign in.</p>
			<ProfileForm />
			<PasswordForm />
			<SessionsSection />
		</AppShell>
	)
}

function ProfileForm() {
	const user = useUser()
	const { updateUser } = useSession()
	const announce = useAnnounce()
	const colorLegendId = useId()
	const [displayName, setDisplayName] = useState(user.displayName)
	const [color, setColor] = useState(user.color.toLowerCase())
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<'displayName' | 'color'>()
	const [saved, setSaved] = useState(false)

	async function submit(event: FormEvent) {
		event.preventDefault()
		setSaved(false)
		if (!displayNameSchema.safeParse(displayName).success) {
			showErrors({
				fields: { displayName: 'Type the name others should see (up to 60 characters).' },
				form: null,
			})
			return
		}
		setPending(true)
		clearErrors()
		try {
			const updated = await updateProfile({ displayName: displayName.trim(), color })
			updateUser(updated)
			setSaved(true)
			announce('Profile saved.')
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['displayName', 'color']))
		} finally {
			setPending(false)
		}
	}

	const presets = CURSOR_COLORS.includes(color) ? CURSOR_COLORS : [...CURSOR_COLORS, color]

	return (
		<section className="cs-card" aria-labelledby="profile-name-title">
			<h2 id="profile-name-title">Name and colour</h2>
			<form ref={formRef} onSubmit={submit} noValidate className="cs-form" aria-busy={pending}>
				<FormError message={errors.form} />
				<TextField
					label="Your name"
					hint="Shown next to your cursor and in member lists."
					value={displayName}
					onChange={(event) => {
						setDisplayName(event.target.value)
						setSaved(false)
					}}
					error={errors.fields.displayName}
					autoComplete="name"
					maxLength={60}
				/>
				<fieldset className="cs-fieldset" aria-describedby={colorLegendId}>
					<legend>Cursor colour</legend>
					<p id={colorLegendId} className="cs-hint">
						Others see your cursor and your name label in this colour.
					</p>
					<div className="cs-swatches">
						{presets.map((preset) => (
							<label key={preset} className="cs-swatch" title={preset}>
								<input
									type="radio"
									name="color"
									value={preset}
									checked={color === preset}
									onChange={() => {
										setColor(preset)
										setSaved(false)
									}}
								/>
								<span className="cs-swatch-dot" style={{ backgroundColor: preset }} aria-hidden="true" />
								<span className="cs-visually-hidden">{colorName(preset)}</span>
							</label>
						))}
					</div>
					{errors.fields.color && <p className="cs-error">{errors.fields.color}</p>}
				</fieldset>
				<div className="cs-preview-row">
					<Avatar name={displayName || user.displayName} color={color} />
					<span className="cs-cursor-label" style={{ backgroundColor: color }}>
						{displayName.trim() || user.displayName}
					</span>
					<span className="cs-muted">Preview</span>
				</div>
				<div className="cs-form-actions">
					<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
						{pending ? 'Saving…' : 'Save'}
					</button>
					{saved && <span className="cs-ok-text">Saved.</span>}
				</div>
			</form>
		</section>
	)
}

type PasswordField = 'currentPassword' | 'newPassword'

function PasswordForm() {
	const announce = useAnnounce()
	const [currentPassword, setCurrentPassword] = useState('')
	const [newPassword, setNewPassword] = useState('')
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<PasswordField>()
	const [done, setDone] = useState(false)

	async function submit(event: FormEvent) {
		event.preventDefault()
		setDone(false)
		const parsed = changePasswordSchema.safeParse({ currentPassword, newPassword })
		if (!parsed.success) {
			const fields: FormErrors<PasswordField>['fields'] = {}
			for (const issue of parsed.error.issues) {
				if (issue.path[0] === 'currentPassword') fields.currentPassword = 'Type your current password.'
				if (issue.path[0] === 'newPassword')
					fields.newPassword = `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters (${newPassword.length} so far).`
			}
			showErrors({ fields, form: null })
			return
		}
		setPending(true)
		clearErrors()
		try {
			await changePassword(parsed.data)
			setCurrentPassword('')
			setNewPassword('')
			setDone(true)
			announce('Password changed. You were signed out on your other devices.')
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['currentPassword', 'newPassword']))
		} finally {
			setPending(false)
		}
	}

	return (
		<section className="cs-card" aria-labelledby="profile-password-title">
			<h2 id="profile-password-title">Password</h2>
			<form ref={formRef} onSubmit={submit} noValidate className="cs-form" aria-busy={pending}>
				<FormError message={errors.form} />
				<TextField
					label="Current password"
					type="password"
					autoComplete="current-password"
					value={currentPassword}
					onChange={(event) => setCurrentPassword(event.target.value)}
					error={errors.fields.currentPassword}
				/>
				<TextField
					label="New password"
					hint={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. Your other devices will be signed out.`}
					type="password"
					autoComplete="new-password"
					value={newPassword}
					onChange={(event) => setNewPassword(event.target.value)}
					error={errors.fields.newPassword}
					maxLength={PASSWORD_MAX_LENGTH}
				/>
				<div className="cs-form-actions">
					<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
						{pending ? 'Changing…' : 'Change password'}
					</button>
					{done && <span className="cs-ok-text">Password changed. Other devices were signed out.</span>}
				</div>
			</form>
		</section>
	)
}

function SessionsSection() {
	const { signedOut } = useSession()
	const [confirming, setConfirming] = useState(false)
	return (
		<section className="cs-card" aria-labelledby="profile-sessions-title">
			<h2 id="profile-sessions-title">Devices</h2>
			<p>
				Signed in on a shared or lost device? Sign out everywhere, this device included. You will need your
				password to sign in again.
			</p>
			<button type="button" className="cs-button cs-button-danger-quiet" onClick={() => setConfirming(true)}>
				Sign out of all devices
			</button>
			{confirming && (
				<ConfirmDialog
					title="Sign out of all devices?"
					confirmLabel="Sign out everywhere"
					pendingLabel="Signing out…"
					danger
					onClose={() => setConfirming(false)}
					onConfirm={async () => {
						await signOutEverywhere()
						signedOut()
						navigate('/signin', { replace: true })
					}}
				>
					<p>Every browser where you are signed in, this one included, will need your password again.</p>
				</ConfirmDialog>
			)}
		</section>
	)
}

const COLOR_NAMES: Record<string, string> = {
	'#e03131': 'Red',
	'#2f9e44': 'Green',
	'#1971c2': 'Blue',
	'#f08c00': 'Orange',
	'#9c36b5': 'Purple',
	'#0c8599': 'Teal',
	'#c2255c': 'Pink',
	'#5c940d': 'Olive',
}

function colorName(color: string): string {
	return COLOR_NAMES[color] ?? `Custom colour ${color}`
}
