import { describe, expect, it } from 'vitest'
import {
	boardPath,
	circlePath,
	guestPath,
	invitePath,
	isPublicRoute,
	journeyDayPath,
	parseRoute,
	safeReturnPath,
	signInPath,
	signUpPath,
	snapshotPath,
	tribePath,
} from './router.ts'

describe('parseRoute', () => {
	it('opens the home page at the root', () => {
		expect(parseRoute('/')).toEqual({ page: 'home' })
		expect(parseRoute('')).toEqual({ page: 'home' })
	})

	it('opens a board by its id, with or without a trailing slash', () => {
		expect(parseRoute('/b/abc_DEF-123')).toEqual({ page: 'board', boardId: 'abc_DEF-123' })
		expect(parseRoute('/b/abc_DEF-123/')).toEqual({ page: 'board', boardId: 'abc_DEF-123' })
	})

	it('opens a snapshot of a board by the ids of both', () => {
		expect(parseRoute('/b/board123/s/snap456')).toEqual({
			page: 'snapshot',
			boardId: 'board123',
			snapshotId: 'snap456',
		})
		expect(parseRoute('/b/board123/s/snap456/')).toEqual({
			page: 'snapshot',
			boardId: 'board123',
			snapshotId: 'snap456',
		})
	})

	it('opens tribes, circles and invitation links by their id', () => {
		expect(parseRoute('/t/tribe12345')).toEqual({ page: 'tribe', tribeId: 'tribe12345' })
		expect(parseRoute('/c/circle1234/')).toEqual({ page: 'circle', circleId: 'circle1234' })
		expect(parseRoute('/invite/abcdefgh')).toEqual({ page: 'invite', token: 'abcdefgh' })
	})

	it("opens the day view of a circle's journey by the circle and the day number", () => {
		expect(parseRoute('/c/circle1234/day/12')).toEqual({
			page: 'journey-day',
			circleId: 'circle1234',
			day: 12,
		})
		expect(parseRoute('/c/circle1234/day/366/')).toEqual({
			page: 'journey-day',
			circleId: 'circle1234',
			day: 366,
		})
		expect(journeyDayPath('circle1234', 7)).toBe('/c/circle1234/day/7')
		expect(parseRoute(journeyDayPath('c/1 x', 100))).toEqual({
			page: 'journey-day',
			circleId: 'c/1 x',
			day: 100,
		})
	})

	it('says not found for a day no journey can have', () => {
		for (const path of [
			'/c/x/day/0',
			'/c/x/day/367',
			'/c/x/day/012',
			'/c/x/day/-1',
			'/c/x/day/1.5',
			'/c/x/day/',
			'/c/x/day/ab',
			'/c/x/day/1/y',
		]) {
			expect(parseRoute(path)).toEqual({ page: 'not-found' })
		}
		expect(isPublicRoute({ page: 'journey-day', circleId: 'x', day: 1 })).toBe(false)
	})

	it('round-trips the paths it builds', () => {
		expect(parseRoute(boardPath('a b/c'))).toEqual({ page: 'board', boardId: 'a b/c' })
		expect(parseRoute(tribePath('t/1'))).toEqual({ page: 'tribe', tribeId: 't/1' })
		expect(parseRoute(circlePath('c?1'))).toEqual({ page: 'circle', circleId: 'c?1' })
		expect(parseRoute(invitePath('tok'))).toEqual({ page: 'invite', token: 'tok' })
		expect(parseRoute(guestPath('tok'))).toEqual({ page: 'guest', token: 'tok' })
		expect(parseRoute(snapshotPath('b/1', 's 2'))).toEqual({
			page: 'snapshot',
			boardId: 'b/1',
			snapshotId: 's 2',
		})
	})

	it('opens the fixed pages, with or without a trailing slash', () => {
		expect(parseRoute('/profile')).toEqual({ page: 'profile' })
		expect(parseRoute('/admin/')).toEqual({ page: 'admin' })
		expect(parseRoute('/signin')).toEqual({ page: 'signin', next: null })
		expect(parseRoute('/signup')).toEqual({ page: 'signup', next: null, invite: null })
	})

	it('reads where to come back to, and the invitation carried to sign-up', () => {
		expect(parseRoute('/signin', '?next=%2Fc%2Fcircle1234')).toEqual({
			page: 'signin',
			next: '/c/circle1234',
		})
		expect(parseRoute('/signup', '?invite=tok&next=/invite/tok')).toEqual({
			page: 'signup',
			next: '/invite/tok',
			invite: 'tok',
		})
	})

	it('drops a return address that leads to another site', () => {
		expect(parseRoute('/signin', '?next=https://evil.example/')).toEqual({ page: 'signin', next: null })
		expect(parseRoute('/signin', '?next=//evil.example/')).toEqual({ page: 'signin', next: null })
	})

	it('says not found for anything else', () => {
		expect(parseRoute('/b/')).toEqual({ page: 'not-found' })
		expect(parseRoute('/b/x/y')).toEqual({ page: 'not-found' })
		expect(parseRoute('/b/x/s/')).toEqual({ page: 'not-found' })
		expect(parseRoute('/b/x/s/y/z')).toEqual({ page: 'not-found' })
		expect(parseRoute('/b/x/s/%E0%A4%A')).toEqual({ page: 'not-found' })
		expect(parseRoute('/boards')).toEqual({ page: 'not-found' })
		expect(parseRoute('/c/%E0%A4%A')).toEqual({ page: 'not-found' })
	})
})

describe('isPublicRoute', () => {
	it('lets signed-out visitors reach only sign-in, sign-up, invitation and guest links', () => {
		expect(isPublicRoute({ page: 'signin', next: null })).toBe(true)
		expect(isPublicRoute({ page: 'signup', next: null, invite: null })).toBe(true)
		expect(isPublicRoute({ page: 'invite', token: 'x' })).toBe(true)
		expect(isPublicRoute({ page: 'guest', token: 'x' })).toBe(true)
		expect(isPublicRoute({ page: 'home' })).toBe(false)
		expect(isPublicRoute({ page: 'board', boardId: 'x' })).toBe(false)
		expect(isPublicRoute({ page: 'snapshot', boardId: 'x', snapshotId: 'y' })).toBe(false)
		expect(isPublicRoute({ page: 'admin' })).toBe(false)
	})
})

describe('safeReturnPath', () => {
	it('keeps paths of this app, with their query and hash', () => {
		expect(safeReturnPath('/c/abc?x=1#top')).toBe('/c/abc?x=1#top')
		expect(safeReturnPath('/')).toBe('/')
	})

	it('refuses anything that could leave the site', () => {
		for (const raw of [
			'https://evil.example',
			'//evil.example',
			'/\\evil.example',
			'evil',
			'javascript:alert(1)',
		]) {
			expect(safeReturnPath(raw)).toBeNull()
		}
		expect(safeReturnPath('/\u0000//evil')).toBeNull()
		expect(safeReturnPath(null)).toBeNull()
		expect(safeReturnPath('')).toBeNull()
	})

	it('never returns to the sign-in pages themselves', () => {
		expect(safeReturnPath('/signin?next=/x')).toBeNull()
		expect(safeReturnPath('/signup')).toBeNull()
	})
})

describe('signInPath and signUpPath', () => {
	it('carry the way back and the invitation', () => {
		expect(signInPath('/c/abc')).toBe('/signin?next=%2Fc%2Fabc')
		expect(signInPath('/')).toBe('/signin')
		expect(signInPath('https://evil.example')).toBe('/signin')
		expect(signUpPath({ invite: 'tok', next: '/invite/tok' })).toBe('/signup?invite=tok&next=%2Finvite%2Ftok')
		expect(signUpPath()).toBe('/signup')
	})

	it('build paths the parser reads back', () => {
		expect(parseRoute('/signin', signInPath('/b/board123').slice('/signin'.length))).toEqual({
			page: 'signin',
			next: '/b/board123',
		})
	})
})
