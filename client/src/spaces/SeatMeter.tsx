import { describeSeats, formatSeats, isFull, seatFraction } from './format.ts'

/**
 * A circle's seats: "23 / 30" with a thin bar, read out as a sentence ("23 of 30 seats taken,
 * 7 seats free"). The bar changes colour only together with the word "Full", never alone.
 */
export function SeatMeter({ memberCount, capacity }: { memberCount: number; capacity: number }) {
	const full = isFull({ memberCount, capacity })
	return (
		<span
			className={full ? 'cs-seats cs-seats-full' : 'cs-seats'}
			title={describeSeats(memberCount, capacity)}
		>
			<span className="cs-seats-numbers" aria-hidden="true">
				{formatSeats(memberCount, capacity)}
				<span className="cs-seats-unit"> seats</span>
				{full && <span className="cs-seats-word"> · Full</span>}
			</span>
			<span className="cs-seats-bar" aria-hidden="true">
				<span
					className={memberCount > 0 ? 'cs-seats-taken' : undefined}
					style={{ width: `${Math.round(seatFraction(memberCount, capacity) * 100)}%` }}
				/>
			</span>
			<span className="cs-visually-hidden">{describeSeats(memberCount, capacity)}</span>
		</span>
	)
}
