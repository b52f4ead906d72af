import { boardVisibilitySchema } from '@circlespace/shared'
import { boardVisibilityLabel } from './format.ts'

/** The `<option>`s of a "Who can open it" select: every board visibility, by its name. */
export function BoardVisibilityOptions() {
	return (
		<>
			{boardVisibilitySchema.options.map((option) => (
				<option key={option} value={option}>
					{boardVisibilityLabel(option)}
				</option>
			))}
		</>
	)
}
