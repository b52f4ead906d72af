import type { Person, Summon } from '@circlespace/shared'
import { useCallback, useEffect, useRef, useState } from 'react'
import { createUserId, type Editor, react, type TLPageId, useValue } from 'tldraw'
import type { SessionChannel } from './SessionChannel.ts'

/** Where "follow me" stands for this person. */
export type FollowState =
	/** Nobody asked to be followed, or this person is the one followed. */
	| { kind: 'none' }
	/** Following the facilitator's view. */
	| { kind: 'following'; leader: Person }
	/** Waiting for the facilitator's view to arrive (they may not have the board open yet). */
	| { kind: 'waiting'; leader: Person }
	/** This person stopped following (they moved, or pressed "Stop following"). */
	| { kind: 'stopped'; leader: Person }

const SUMMON_ANIMATION_MS = 400

/**
 * Moves the camera for a live session: to the facilitator's view when they bring everyone
 * there, and along with the facilitator's view while "follow me" is on, through tldraw's own
 * following (presence carries each person's camera and screen size). Each person opts out for
 * themselves: panning or zooming stops following (tldraw stops it on any camera move of their
 * own), and so does "Stop following"; "Follow" starts again.
 */
export function useSessionCamera({
	editor,
	channel,
	followMe,
	selfId,
	onSummoned,
}: {
	editor: Editor | null
	channel: SessionChannel | null
	followMe: Person | null
	selfId: string
	/** Told after this person's view was moved to a summon (not for their own). */
	onSummoned?: (summon: Summon) => void
}): { follow: FollowState; stopFollowing: () => void; startFollowing: () => void } {
	const leader = followMe && followMe.id !== selfId ? followMe : null
	const leaderId = leader?.id ?? null
	const [stopped, setStopped] = useState(false)
	// Every new "follow me" (or a new leader) asks again, even someone who stopped before.
	// biome-ignore lint/correctness/useExhaustiveDependencies: reset when the leader changes
	useEffect(() => setStopped(false), [leaderId])

	const onSummonedRef = useRef(onSummoned)
	onSummonedRef.current = onSummoned
	useEffect(() => {
		if (!editor || !channel) return
		return channel.onSummon((summon) => {
			if (summon.by.id === selfId) return
			// Someone following the summoner is already looking where they are.
			if (editor.getInstanceState().followingUserId !== createUserId(summon.by.id)) moveTo(editor, summon)
			onSummonedRef.current?.(summon)
		})
	}, [editor, channel, selfId])

	const following = useValue(
		'following the facilitator',
		() => (editor && leaderId ? editor.getInstanceState().followingUserId === createUserId(leaderId) : false),
		[editor, leaderId],
	)

	useEffect(() => {
		if (!editor || !leaderId || stopped) return
		const leaderUserId = createUserId(leaderId)
		let wasFollowing = false
		let starting = false
		const stop = react('follow the facilitator', () => {
			const current = editor.getInstanceState().followingUserId
			const present = editor.getCollaborators().some((presence) => presence.userId === leaderUserId)
			if (current === leaderUserId) {
				wasFollowing = true
				return
			}
			if (wasFollowing) {
				wasFollowing = false
				// Following ended while the leader is still here: this person moved the view themselves.
				if (present) {
					setStopped(true)
					return
				}
			}
			if (present && current === null && !starting) {
				starting = true
				// Not from inside the reaction: following changes the state this reaction reads.
				queueMicrotask(() => {
					starting = false
					if (editor.getInstanceState().followingUserId === null) editor.startFollowingUser(leaderUserId)
				})
			}
		})
		return () => {
			stop()
			if (editor.getInstanceState().followingUserId === leaderUserId) editor.stopFollowingUser()
		}
	}, [editor, leaderId, stopped])

	const stopFollowing = useCallback(() => {
		setStopped(true)
		if (editor?.getInstanceState().followingUserId) editor.stopFollowingUser()
	}, [editor])
	const startFollowing = useCallback(() => setStopped(false), [])

	const follow: FollowState = !leader
		? { kind: 'none' }
		: stopped
			? { kind: 'stopped', leader }
			: following
				? { kind: 'following', leader }
				: { kind: 'waiting', leader }
	return { follow, stopFollowing, startFollowing }
}

/**
 * Puts the centre of this person's view where the summon's was, at the same zoom, on the
 * same page when they have it.
 */
function moveTo(editor: Editor, summon: Summon): void {
	if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
	const pageId = summon.pageId as TLPageId | undefined
	if (pageId && pageId !== editor.getCurrentPageId() && editor.getPage(pageId)) editor.setCurrentPage(pageId)
	const screen = editor.getViewportScreenBounds()
	editor.setCamera(
		{ x: -summon.x + screen.w / (2 * summon.z), y: -summon.y + screen.h / (2 * summon.z), z: summon.z },
		{ animation: { duration: SUMMON_ANIMATION_MS }, force: true },
	)
}
