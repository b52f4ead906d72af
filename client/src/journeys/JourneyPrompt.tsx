import type { JourneyPrompt as Prompt } from '@circlespace/shared'

/** A day's prompt: its title, its lines, and "ask someone else this too" as a calm hint. */
export function JourneyPrompt({ prompt }: { prompt: Prompt }) {
	return (
		<div className="cs-journey-prompt">
			<p className="cs-journey-prompt-title">{prompt.title}</p>
			{prompt.body && <p className="cs-journey-prompt-body">{prompt.body}</p>}
			{prompt.askSomeoneElse && (
				<p className="cs-journey-ask">
					<span aria-hidden="true">↗ </span>Ask someone else this too.
				</p>
			)}
		</div>
	)
}
