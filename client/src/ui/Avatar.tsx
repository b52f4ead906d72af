/** The first letter of a name, for avatars. */
export function initialOf(name: string): string {
	return Array.from(name.trim())[0]?.toUpperCase() ?? '?'
}

/**
 * A round badge with a person's initial in their colour. With `label` it is an image for
 * screen readers; without, it is decoration next to a visible name.
 */
export function Avatar({
	name,
	color,
	label,
	size = 'normal',
}: {
	name: string
	color: string
	label?: string
	size?: 'normal' | 'small'
}) {
	const className = size === 'small' ? 'cs-avatar cs-avatar-small' : 'cs-avatar'
	if (label === undefined) {
		return (
			<span className={className} aria-hidden="true" style={{ backgroundColor: color }}>
				{initialOf(name)}
			</span>
		)
	}
	return (
		<span
			className={className}
			role="img"
			aria-label={label}
			title={label}
			style={{ backgroundColor: color }}
		>
			{initialOf(name)}
		</span>
	)
}
