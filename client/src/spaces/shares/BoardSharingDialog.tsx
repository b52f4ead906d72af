import type { Board, BoardShare, Circle } from '@circlespace/shared'
import { useId, useState } from 'react'
import './shares.css'
import { endBoardShare, listBoardShares, offerBoardShare } from '../../api/boards.ts'
import { messageOf } from '../../api/http.ts'
import { listTribeCircles, listTribes } from '../../api/tribes.ts'
import { useUser } from '../../auth/SessionProvider.tsx'
import { useAnnounce } from '../../ui/Announcer.tsx'
import { Dialog } from '../../ui/Dialog.tsx'
import { formatAgo } from '../../ui/dates.ts'
import { FormError, SelectField } from '../../ui/Field.tsx'
import { LoadError, Loading } from '../../ui/States.tsx'
import { useResource } from '../../ui/useResource.ts'

/** Circles one may offer a board to, grouped by tribe (the board's own tribe first). */
interface CircleGroup {
	tribeId: string
	tribeName: string
	circles: Circle[]
}

/**
 * The circles a person may pick to share a board with: those of the board's tribe, and for
 * stewards the circles of the tribes they steward, for admins those of every tribe they see.
 */
async function pickableCircles(board: Board, isAdmin: boolean, signal: AbortSignal): Promise<CircleGroup[]> {
	const tribes = (await listTribes(signal)).filter(
		(tribe) => tribe.id === board.tribeId || tribe.myRole === 'steward' || isAdmin,
	)
	const groups = await Promise.all(
		tribes.map(async (tribe) => ({
			tribeId: tribe.id,
			tribeName: tribe.name,
			circles: await listTribeCircles(tribe.id, signal),
		})),
	)
	return groups.sort((a, b) =>
		a.tribeId === board.tribeId
			? -1
			: b.tribeId === board.tribeId
				? 1
				: a.tribeName.localeCompare(b.tribeName),
	)
}

/**
 * "Sharing" of one board: the circles it is shared with or offered to, each with "Stop sharing"
 * (or "Withdraw" for the receiving circle, "Take back" for an offer) where the person may end it;
 * and, for those who manage the board, "Share with another circle" by name, saying what happens.
 */
export function BoardSharingDialog({
	board,
	circleId,
	onClose,
	onChanged,
}: {
	board: Board
	/** The circle whose page this is (the board's own, or one it is shared with). */
	circleId: string
	onClose: () => void
	onChanged: () => void
}) {
	const user = useUser()
	const announce = useAnnounce()
	const [shares, sharesControls] = useResource((signal) => listBoardShares(board.id, signal), [board.id])
	const canOffer = shares.status === 'ready' && shares.data.canOffer
	const [circles] = useResource(
		(signal) => (canOffer ? pickableCircles(board, user.role === 'admin', signal) : Promise.resolve([])),
		[board.id, canOffer],
	)
	const [picked, setPicked] = useState('')
	const [pending, setPending] = useState(false)
	const [error, setError] = useState<string | null>(null)
	const [fieldError, setFieldError] = useState<string | null>(null)
	const formTitleId = useId()
	const [busyId, setBusyId] = useState<string | null>(null)

	const taken = new Set(shares.status === 'ready' ? shares.data.shares.map((share) => share.circle.id) : [])
	const groups =
		circles.status === 'ready'
			? circles.data
					.map((group) => ({
						...group,
						circles: group.circles.filter((circle) => circle.id !== board.circleId && !taken.has(circle.id)),
					}))
					.filter((group) => group.circles.length > 0)
			: []

	async function share(event: React.FormEvent) {
		event.preventDefault()
		if (!picked) {
			setFieldError('Choose a circle to share this board with.')
			return
		}
		setPending(true)
		setError(null)
		try {
			const created = await offerBoardShare(board.id, picked)
			setPicked('')
			sharesControls.reload()
			onChanged()
			announce(
				created.state === 'accepted'
					? `${board.title} is now shared with ${created.circle.name}.`
					: `${board.title} was offered to ${created.circle.name}. Its facilitators will accept or decline.`,
			)
		} catch (caught) {
			setError(messageOf(caught))
		} finally {
			setPending(false)
		}
	}

	async function end(item: BoardShare) {
		setBusyId(item.id)
		setError(null)
		try {
			await endBoardShare(item.id)
			sharesControls.reload()
			onChanged()
			announce(
				item.state === 'offered'
					? `The offer to ${item.circle.name} was taken back.`
					: `${board.title} is no longer shared with ${item.circle.name}.`,
			)
			// Withdrawing one's own circle: the board leaves this page's list.
			if (item.circle.id === circleId && board.circleId !== circleId) onClose()
		} catch (caught) {
			setError(`${item.circle.name}: ${messageOf(caught)}`)
		} finally {
			setBusyId(null)
		}
	}

	const endLabel = (item: BoardShare) =>
		item.state === 'offered'
			? 'Take back offer'
			: item.circle.id === circleId
				? 'Withdraw this circle'
				: 'Stop sharing'

	return (
		<Dialog title={`Sharing “${board.title}”`} onClose={onClose} wide>
			<p className="cs-muted cs-share-lead">
				Belongs to <strong>{board.circleName}</strong>. Members of every circle it is shared with edit it as{' '}
				{board.circleName}’s members do; its facilitators keep managing it.
			</p>
			<FormError message={error} />
			{shares.status === 'loading' && <Loading>Loading the circles it is shared with…</Loading>}
			{shares.status === 'error' && (
				<LoadError
					what="The circles it is shared with"
					error={shares.error}
					onRetry={sharesControls.reload}
				/>
			)}
			{shares.status === 'ready' && (
				<>
					<h3 className="cs-subhead">Shared with</h3>
					{shares.data.shares.length === 0 ? (
						<p className="cs-muted">Only {board.circleName} so far.</p>
					) : (
						<ul className="cs-people-list" aria-label="Circles it is shared with">
							{shares.data.shares.map((item) => (
								<li key={item.id} className="cs-person">
									<span className="cs-person-name">
										{item.circle.name}
										<span className="cs-person-meta">
											{item.circle.tribeId === board.tribeId ? '' : `${item.circle.tribeName} · `}
											{item.state === 'offered'
												? `offered ${formatAgo(item.offeredAt)}, waiting for its facilitators`
												: `shared ${formatAgo(item.acceptedAt ?? item.offeredAt)}`}
										</span>
									</span>
									{item.canEnd && (
										<button
											type="button"
											className="cs-button cs-button-small cs-button-quiet cs-danger-text"
											disabled={busyId === item.id}
											onClick={() => end(item)}
											aria-label={`${endLabel(item)}: ${item.circle.name}`}
										>
											{busyId === item.id ? 'Ending…' : endLabel(item)}
										</button>
									)}
								</li>
							))}
						</ul>
					)}
					{shares.data.canOffer && (
						<form
							className="cs-share-form"
							onSubmit={share}
							noValidate
							aria-busy={pending}
							aria-labelledby={formTitleId}
						>
							<h3 className="cs-subhead" id={formTitleId}>
								Share with another circle…
							</h3>
							{circles.status === 'loading' && <Loading>Loading circles…</Loading>}
							{circles.status === 'error' && <LoadError what="The circles" error={circles.error} />}
							{circles.status === 'ready' &&
								(shares.data.remaining === 0 ? (
									<p className="cs-muted">
										This board is shared with as many circles as it may be. Stop sharing with one first.
									</p>
								) : groups.length === 0 ? (
									<p className="cs-muted">There is no other circle you can share it with.</p>
								) : (
									<div className="cs-share-row">
										<SelectField
											label="Circle"
											hint="Its facilitators are asked first and see only the board’s title until they accept. A circle you also facilitate or steward gets it at once."
											value={picked}
											onChange={(event) => {
												setPicked(event.target.value)
												setFieldError(null)
											}}
											error={fieldError}
											disabled={pending}
										>
											<option value="">Choose a circle…</option>
											{groups.map((group) => (
												<optgroup key={group.tribeId} label={group.tribeName}>
													{group.circles.map((circle) => (
														<option key={circle.id} value={circle.id}>
															{circle.name}
														</option>
													))}
												</optgroup>
											))}
										</SelectField>
										<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
											{pending ? 'Sharing…' : 'Share'}
										</button>
									</div>
								))}
						</form>
					)}
				</>
			)}
			<div className="cs-form-actions cs-share-done">
				<button type="button" className="cs-button" onClick={onClose}>
					Done
				</button>
			</div>
		</Dialog>
	)
}
