import type { InstanceSettings, SignupPolicy, Tribe } from '@circlespace/shared'
import { type FormEvent, useEffect, useId, useState } from 'react'
import { getInstance, updateInstanceSettings } from '../api/instance.ts'
import { createTribe, listTribes } from '../api/tribes.ts'
import { AppShell } from '../app/AppShell.tsx'
import { NotFoundPage } from '../app/NotFoundPage.tsx'
import { navigate, tribePath } from '../app/router.ts'
import { useUser } from '../auth/SessionProvider.tsx'
import { useAnnounce } from '../ui/Announcer.tsx'
import { FormError } from '../ui/Field.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { Link } from '../ui/Link.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { useResource } from '../ui/useResource.ts'
import { countOf, tribeKindLabel, tribeVisibilityLabel } from './format.ts'
import { TribeForm } from './TribeForm.tsx'

/**
 * The instance admin's page: who may sign up, whether members may claim tribes, convening a
 * tribe, and every tribe with a link to manage it. Anyone else gets "not found", as the API
 * does for things they may not see.
 */
export function AdminPage() {
	const user = useUser()
	if (user.role !== 'admin') return <NotFoundPage />
	return <AdminView />
}

function AdminView() {
	const [instance, instanceControls] = useResource((signal) => getInstance(signal), [])
	const [tribes, tribesControls] = useResource((signal) => listTribes(signal), [])
	const refused = instance.status === 'ready' && !instance.data.can.manageSettings
	usePageTitle(refused ? 'Page not found' : 'Instance settings')

	if (refused) return <NotFoundPage />

	return (
		<AppShell>
			<PageHeading>Instance settings</PageHeading>
			<p className="cs-muted cs-lead">Who may join this instance, and the tribes it holds.</p>
			<div className="cs-columns">
				<div className="cs-column-main">
					<section className="cs-section" aria-labelledby="admin-tribes">
						<h2 id="admin-tribes">Tribes</h2>
						{tribes.status === 'loading' && <Loading>Loading tribes…</Loading>}
						{tribes.status === 'error' && (
							<LoadError what="The tribes" error={tribes.error} onRetry={tribesControls.reload} />
						)}
						{tribes.status === 'ready' && <TribeTable tribes={tribes.data} />}
					</section>
					<section className="cs-section cs-card" aria-labelledby="admin-convene">
						<h2 id="admin-convene">Convene a tribe</h2>
						<p className="cs-muted">
							You become its first steward; name other stewards on its page by their email address.
						</p>
						<TribeForm
							submitLabel="Convene tribe"
							pendingLabel="Creating…"
							onSubmit={async (values) => {
								const tribe = await createTribe(values)
								navigate(tribePath(tribe.id))
							}}
						/>
					</section>
				</div>
				<div className="cs-column-side">
					<section className="cs-section cs-card" aria-labelledby="admin-settings">
						<h2 id="admin-settings">Joining</h2>
						{instance.status === 'loading' && <Loading>Loading settings…</Loading>}
						{instance.status === 'error' && (
							<LoadError what="The settings" error={instance.error} onRetry={instanceControls.reload} />
						)}
						{instance.status === 'ready' && <SettingsForm initial={instance.data.settings} />}
					</section>
				</div>
			</div>
		</AppShell>
	)
}

function SettingsForm({ initial }: { initial: InstanceSettings }) {
	const announce = useAnnounce()
	const claimingId = useId()
	const [signupPolicy, setSignupPolicy] = useState<SignupPolicy>(initial.signupPolicy)
	const [tribeClaiming, setTribeClaiming] = useState(initial.tribeClaiming)
	const [saved, setSaved] = useState<InstanceSettings>(initial)
	const [pending, setPending] = useState(false)
	const [error, setError] = useState<string | null>(null)
	const [justSaved, setJustSaved] = useState(false)
	const changed = signupPolicy !== saved.signupPolicy || tribeClaiming !== saved.tribeClaiming

	useEffect(() => {
		if (changed) setJustSaved(false)
	}, [changed])

	async function submit(event: FormEvent) {
		event.preventDefault()
		setPending(true)
		setError(null)
		try {
			const next = await updateInstanceSettings({ signupPolicy, tribeClaiming })
			setSaved(next)
			setSignupPolicy(next.signupPolicy)
			setTribeClaiming(next.tribeClaiming)
			setJustSaved(true)
			announce('Settings saved.')
		} catch (caught) {
			setError(formErrorsOf(caught, []).form)
		} finally {
			setPending(false)
		}
	}

	return (
		<form onSubmit={submit} className="cs-form" aria-busy={pending}>
			<FormError message={error} />
			<fieldset className="cs-fieldset">
				<legend>Who can create an account</legend>
				<div className="cs-choices">
					<label className="cs-choice">
						<input
							type="radio"
							name="signup-policy"
							value="open"
							checked={signupPolicy === 'open'}
							onChange={() => setSignupPolicy('open')}
						/>
						<span>
							<strong>Anyone</strong>
							<span className="cs-hint">Anyone who can reach this address can sign up.</span>
						</span>
					</label>
					<label className="cs-choice">
						<input
							type="radio"
							name="signup-policy"
							value="invitation"
							checked={signupPolicy === 'invitation'}
							onChange={() => setSignupPolicy('invitation')}
						/>
						<span>
							<strong>By invitation only</strong>
							<span className="cs-hint">Only people holding a circle's invitation link can sign up.</span>
						</span>
					</label>
				</div>
			</fieldset>
			<div className="cs-check cs-check-block">
				<input
					id={claimingId}
					type="checkbox"
					checked={tribeClaiming}
					onChange={(event) => setTribeClaiming(event.target.checked)}
					aria-describedby={`${claimingId}-hint`}
				/>
				<span>
					<label htmlFor={claimingId}>Members may claim a space</label>
					<span id={`${claimingId}-hint`} className="cs-hint">
						Any member can start an emergent tribe and invite others in, without asking you.
					</span>
				</span>
			</div>
			<div className="cs-form-actions">
				<button type="submit" className="cs-button cs-button-primary" disabled={pending || !changed}>
					{pending ? 'Saving…' : 'Save settings'}
				</button>
				{justSaved && !changed && <span className="cs-ok-text">Saved.</span>}
			</div>
		</form>
	)
}

function TribeTable({ tribes }: { tribes: Tribe[] }) {
	if (tribes.length === 0) {
		return (
			<Empty>
				<p>No tribes yet.</p>
				<p className="cs-muted">Convene the first one below.</p>
			</Empty>
		)
	}
	return (
		<div className="cs-table-wrap">
			<table className="cs-table">
				<thead>
					<tr>
						<th scope="col">Tribe</th>
						<th scope="col">Kind</th>
						<th scope="col">Visibility</th>
						<th scope="col">Size</th>
					</tr>
				</thead>
				<tbody>
					{[...tribes]
						.sort((a, b) => a.name.localeCompare(b.name))
						.map((tribe) => (
							<tr key={tribe.id}>
								<th scope="row">
									<Link href={tribePath(tribe.id)}>{tribe.name}</Link>
								</th>
								<td>{tribeKindLabel(tribe.kind)}</td>
								<td>{tribeVisibilityLabel(tribe.visibility)}</td>
								<td>
									{countOf(tribe.circleCount, 'circle')}, {countOf(tribe.memberCount, 'member')}
								</td>
							</tr>
						))}
				</tbody>
			</table>
		</div>
	)
}
