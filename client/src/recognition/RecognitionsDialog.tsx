import type { Recognition } from '@circlespace/shared/recognition/recognitionApi.ts'
import { useState } from 'react'
import { messageOf } from '../api/http.ts'
import { Avatar } from '../ui/Avatar.tsx'
import { Dialog } from '../ui/Dialog.tsx'
import { formatDateTime } from '../ui/dates.ts'
import { Link } from '../ui/Link.tsx'
import { personPath } from './personPath.ts'
import { withdrawRecognition } from './recognitionApi.ts'

/**
 * The thanks a note received, in the order they were given: who gave them and their words. No
 * tally: what a note shows is what people said, not a score.
 */
export function RecognitionsDialog({
	recognitions,
	selfId,
	onClose,
	onWithdrawn,
}: {
	/** Of one note, at least one. */
	recognitions: readonly Recognition[]
	selfId: string
	onClose: () => void
	onWithdrawn: (id: string) => void
}) {
	const [error, setError] = useState<string | null>(null)
	const first = recognitions[0]
	if (!first) return null
	const recipient = first.recipient
	return (
		<Dialog
			title={`Thanks for ${recipient.displayName}’s note`}
			description={
				first.excerpt ? <blockquote className="cs-recognition-quote">{first.excerpt}</blockquote> : null
			}
			onClose={onClose}
		>
			{error && (
				<p className="cs-form-error" role="alert">
					{error}
				</p>
			)}
			<ul className="cs-recognition-list">
				{recognitions.map((recognition) => (
					<li key={recognition.id} className="cs-recognition">
						<Avatar name={recognition.giver.displayName} color={recognition.giver.color} size="small" />
						<div className="cs-recognition-body">
							<p className="cs-recognition-message">{recognition.message}</p>
							<p className="cs-muted cs-recognition-meta">
								{recognition.giver.id === selfId ? 'You' : recognition.giver.displayName},{' '}
								{formatDateTime(recognition.createdAt)}
								{recognition.giver.id === selfId && (
									<>
										{' · '}
										<button
											type="button"
											className="cs-button cs-button-small cs-button-quiet"
											onClick={async () => {
												try {
													await withdrawRecognition(recognition.id)
													onWithdrawn(recognition.id)
												} catch (caught) {
													setError(messageOf(caught))
												}
											}}
										>
											Withdraw
										</button>
									</>
								)}
							</p>
						</div>
					</li>
				))}
			</ul>
			<div className="cs-form-actions">
				<Link href={personPath(recipient.id)} className="cs-button">
					{recipient.id === selfId ? 'Your page' : `${recipient.displayName}’s page`}
				</Link>
				<button type="button" className="cs-button cs-button-primary" onClick={onClose}>
					Close
				</button>
			</div>
		</Dialog>
	)
}
