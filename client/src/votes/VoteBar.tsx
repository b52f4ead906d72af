import { type LiveVote, MAX_DOTS_PER_PERSON, MAX_VOTE_MINUTES } from '@circlespace/shared'
import { type FormEvent, useState } from 'react'
import { messageOf } from '../api/http.ts'
import { useTick } from '../sessions/useLiveSession.ts'
import { Dialog } from '../ui/Dialog.tsx'
import { FormError, SelectField, TextField } from '../ui/Field.tsx'
import { type FormErrors, formErrorsOf, noErrors } from '../ui/formErrors.ts'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { useVotes } from './useVotes.ts'
import type { VoteChannel } from './VoteChannel.ts'
import { endVote, startVote } from './voteApi.ts'
import './votes.css'

/**
 * The dot vote's strip under the session bar, while a live session runs: "Start a vote" for its
 * facilitators; while a vote runs, its rules, its time left, one's dots left and "End vote";
 * once it ended, where the results are.
 */
export function VoteBar({
	boardId,
	channel,
	sessionRunning,
	canRun,
	canVote,
}: {
	boardId: string
	channel: VoteChannel | null
	sessionRunning: boolean
	canRun: boolean
	canVote: boolean
}) {
	const state = useVotes(channel)
	const [starting, setStarting] = useState(false)
	const [ending, setEnding] = useState(false)
	const vote = state.vote
	const running = vote !== null && vote.endedAt === null
	if (!sessionRunning && !vote) return null

	async function end() {
		setEnding(true)
		try {
			channel?.acceptVote(await endVote(boardId))
		} catch (error) {
			channel?.report(messageOf(error))
		} finally {
			setEnding(false)
		}
	}

	return (
		<section className="cs-vote-bar" aria-label="Dot vote">
			{running ? (
				<>
					<strong className="cs-vote-title">Dot vote</strong>
					<span className="cs-muted">
						{vote.dotsPerPerson} dot{vote.dotsPerPerson === 1 ? '' : 's'} each ·{' '}
						{vote.anonymous ? 'anonymous' : 'named'}
					</span>
					{vote.endsAt && <TimeLeft vote={vote} receivedAt={state.receivedAt} />}
					{canVote ? (
						<span className="cs-vote-left" role="status">
							{/* Not told yet: the person has placed none (a joiner mid-vote is told their own at once). */}
							{`${state.mine?.left ?? vote.dotsPerPerson} of ${vote.dotsPerPerson} dots left`}
							<span className="cs-vote-hint"> · click a note to place or take back a dot</span>
						</span>
					) : (
						<span className="cs-muted" role="status">
							A vote is running; results show when it ends.
						</span>
					)}
					{canRun && (
						<button
							type="button"
							className="cs-button cs-button-small cs-vote-end"
							onClick={() => void end()}
							disabled={ending}
						>
							{ending ? 'Ending…' : 'End vote'}
						</button>
					)}
				</>
			) : vote ? (
				<>
					<strong className="cs-vote-title">Vote ended</strong>
					<span role="status">
						{(vote.results?.length ?? 0) === 0
							? 'No note got a dot.'
							: `Results are on the notes: ${vote.results?.reduce((sum, t) => sum + t.dots, 0)} dots on ${vote.results?.length} note${vote.results?.length === 1 ? '' : 's'}.`}
					</span>
					{canRun && sessionRunning && (
						<button type="button" className="cs-button cs-button-small" onClick={() => setStarting(true)}>
							Start another vote
						</button>
					)}
					<button
						type="button"
						className="cs-button cs-button-small cs-button-quiet"
						onClick={() => channel?.dismiss()}
					>
						Dismiss
					</button>
				</>
			) : canRun ? (
				<button type="button" className="cs-button cs-button-small" onClick={() => setStarting(true)}>
					Start a dot vote
				</button>
			) : null}
			{state.problem && (
				<p className="cs-vote-problem" role="alert">
					{state.problem}
				</p>
			)}
			{starting && (
				<StartVoteDialog
					boardId={boardId}
					onClose={() => setStarting(false)}
					onStarted={(started) => {
						setStarting(false)
						channel?.acceptVote(started)
					}}
				/>
			)}
		</section>
	)
}

/** The time left, counting down every second (on the server's clock, from when it said). */
function TimeLeft({ vote, receivedAt }: { vote: LiveVote; receivedAt: number }) {
	const now = useTick(true)
	const leftMs = Math.max(
		0,
		Date.parse(vote.endsAt ?? vote.asOf) - Date.parse(vote.asOf) - (now - receivedAt),
	)
	const seconds = Math.ceil(leftMs / 1000)
	const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
	return <span className="cs-vote-time">{seconds === 0 ? 'Time is up' : <>{text} left</>}</span>
}

type Field = 'dotsPerPerson' | 'minutes' | 'anonymous'
const FIELDS: readonly Field[] = ['dotsPerPerson', 'minutes', 'anonymous']

function StartVoteDialog({
	boardId,
	onClose,
	onStarted,
}: {
	boardId: string
	onClose: () => void
	onStarted: (vote: LiveVote) => void
}) {
	const [dots, setDots] = useState('3')
	const [minutes, setMinutes] = useState('')
	const [kind, setKind] = useState<'anonymous' | 'named'>('anonymous')
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<Field>()

	async function submit(event: FormEvent) {
		event.preventDefault()
		const found: FormErrors<Field> = noErrors()
		const dotsPerPerson = Number(dots)
		if (!Number.isInteger(dotsPerPerson) || dotsPerPerson < 1 || dotsPerPerson > MAX_DOTS_PER_PERSON) {
			found.fields.dotsPerPerson = `A whole number from 1 to ${MAX_DOTS_PER_PERSON}.`
		}
		const timer = minutes.trim() === '' ? undefined : Number(minutes)
		if (timer !== undefined && (!Number.isInteger(timer) || timer < 1 || timer > MAX_VOTE_MINUTES)) {
			found.fields.minutes = `A whole number of minutes from 1 to ${MAX_VOTE_MINUTES}, or leave it empty.`
		}
		if (Object.keys(found.fields).length > 0) {
			showErrors(found)
			return
		}
		setPending(true)
		clearErrors()
		try {
			onStarted(
				await startVote(boardId, {
					dotsPerPerson,
					anonymous: kind === 'anonymous',
					...(timer !== undefined ? { minutes: timer } : {}),
				}),
			)
		} catch (caught) {
			showErrors(formErrorsOf(caught, FIELDS))
			setPending(false)
		}
	}

	return (
		<Dialog
			title="Start a dot vote"
			description={
				<p>
					Everyone who may edit the board places their dots on notes. Nobody sees any count until the vote
					ends.
				</p>
			}
			onClose={() => !pending && onClose()}
		>
			<form ref={formRef} onSubmit={submit} noValidate aria-busy={pending} className="cs-form">
				<FormError message={errors.form} />
				<TextField
					label="Dots per person"
					className="cs-field-short"
					hint="One dot a note."
					type="number"
					inputMode="numeric"
					min={1}
					max={MAX_DOTS_PER_PERSON}
					step={1}
					value={dots}
					onChange={(event) => setDots(event.target.value)}
					error={errors.fields.dotsPerPerson}
				/>
				<TextField
					label="Timer in minutes (optional)"
					className="cs-field-short"
					hint="The vote ends by itself when the time is up; without a timer, you end it."
					type="number"
					inputMode="numeric"
					min={1}
					max={MAX_VOTE_MINUTES}
					step={1}
					value={minutes}
					onChange={(event) => setMinutes(event.target.value)}
					error={errors.fields.minutes}
				/>
				<SelectField
					label="Results"
					value={kind}
					onChange={(event) => setKind(event.target.value === 'named' ? 'named' : 'anonymous')}
					error={errors.fields.anonymous}
				>
					<option value="anonymous">Anonymous: only the counts are kept</option>
					<option value="named">Named: the results say who voted for what</option>
				</SelectField>
				<div className="cs-form-actions">
					<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
						{pending ? 'Starting…' : 'Start vote'}
					</button>
					<button type="button" className="cs-button" onClick={onClose} disabled={pending}>
						Cancel
					</button>
				</div>
			</form>
		</Dialog>
	)
}
