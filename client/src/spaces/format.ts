import type {
	BoardVisibility,
	CircleRole,
	Invitation,
	TribeKind,
	TribeRole,
	TribeVisibility,
} from '@circlespace/shared'
import { daysUntil, formatDate } from '../ui/dates.ts'

/** Seats of a circle as the pages show them: "23 / 30". */
export function formatSeats(memberCount: number, capacity: number): string {
	return `${memberCount} / ${capacity}`
}

/** The seats in a sentence, for screen readers and tooltips. */
export function describeSeats(memberCount: number, capacity: number): string {
	const taken = `${memberCount} of ${capacity} ${capacity === 1 ? 'seat' : 'seats'} taken`
	if (memberCount >= capacity) return `Full: ${taken}`
	const free = capacity - memberCount
	return `${taken}, ${free} ${free === 1 ? 'seat' : 'seats'} free`
}

/** Whether every seat of a circle is taken. */
export function isFull(circle: { memberCount: number; capacity: number }): boolean {
	return circle.memberCount >= circle.capacity
}

/** How full a circle is, for the seat meter: 0 to 1. */
export function seatFraction(memberCount: number, capacity: number): number {
	if (capacity <= 0) return 1
	return Math.min(1, Math.max(0, memberCount / capacity))
}

/** The state of an invitation link. */
export type InvitationState = 'active' | 'revoked' | 'expired' | 'used-up'

/** Whether a link still works, and if not, why (revoked wins over expired, which wins over used up). */
export function invitationState(
	invitation: Pick<Invitation, 'revokedAt' | 'expiresAt' | 'maxUses' | 'uses'>,
	now: Date = new Date(),
): InvitationState {
	if (invitation.revokedAt) return 'revoked'
	if (new Date(invitation.expiresAt).getTime() <= now.getTime()) return 'expired'
	if (invitation.maxUses !== null && invitation.uses >= invitation.maxUses) return 'used-up'
	return 'active'
}

/** A short label of an invitation's state. */
export function invitationStateLabel(state: InvitationState): string {
	switch (state) {
		case 'active':
			return 'Active'
		case 'revoked':
			return 'Revoked'
		case 'expired':
			return 'Expired'
		case 'used-up':
			return 'Used up'
	}
}

/** How often a link was used: "Not used yet", "Used 3 times", "3 of 10 uses". */
export function describeUses(uses: number, maxUses: number | null): string {
	if (maxUses !== null) return `${uses} of ${maxUses} ${maxUses === 1 ? 'use' : 'uses'}`
	if (uses === 0) return 'Not used yet'
	return uses === 1 ? 'Used once' : `Used ${uses} times`
}

/** When a link stops working, in words: "Expires in 5 days", "Expired 12 Mar 2026". */
export function describeExpiry(expiresAt: string, now: Date = new Date()): string {
	const days = daysUntil(expiresAt, now)
	if (new Date(expiresAt).getTime() <= now.getTime()) return `Expired ${formatDate(expiresAt)}`
	if (days <= 1) return 'Expires within a day'
	if (days <= 14) return `Expires in ${days} days`
	return `Expires ${formatDate(expiresAt)}`
}

/** The name of a board visibility. */
export function boardVisibilityLabel(visibility: BoardVisibility): string {
	switch (visibility) {
		case 'circle':
			return 'Circle only'
		case 'tribe':
			return 'Shared with the tribe'
		case 'instance':
			return 'Shared with everyone'
	}
}

/** Who may read a board of each visibility, in a sentence. */
export function boardVisibilityHint(visibility: BoardVisibility): string {
	switch (visibility) {
		case 'circle':
			return 'Only members of this circle can open it.'
		case 'tribe':
			return 'Members of the whole tribe can open it read-only.'
		case 'instance':
			return 'Everyone signed in to this instance can open it read-only.'
	}
}

/** The name of a tribe visibility. */
export function tribeVisibilityLabel(visibility: TribeVisibility): string {
	switch (visibility) {
		case 'open':
			return 'Open'
		case 'listed':
			return 'Listed'
		case 'private':
			return 'Private'
	}
}

/** What a tribe visibility means for people outside it. */
export function tribeVisibilityHint(visibility: TribeVisibility): string {
	switch (visibility) {
		case 'open':
			return 'Anyone on this instance can see it and join.'
		case 'listed':
			return 'Anyone can see it; people join a circle by request or invitation.'
		case 'private':
			return 'Only its members can see it.'
	}
}

/** How a tribe came to be, in words. */
export function tribeKindLabel(kind: TribeKind): string {
	return kind === 'convened' ? 'Convened' : 'Emergent'
}

/** A role in a circle, as a word. */
export function circleRoleLabel(role: CircleRole): string {
	return role === 'facilitator' ? 'Facilitator' : 'Member'
}

/** A role in a tribe, as a word. */
export function tribeRoleLabel(role: TribeRole): string {
	return role === 'steward' ? 'Steward' : 'Member'
}

/** Counts with the right noun: "1 circle", "3 circles". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
	return `${count} ${count === 1 ? singular : plural}`
}
