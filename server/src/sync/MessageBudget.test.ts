import { describe, expect, it } from 'vitest'
import { defaultMessageBudgetRules, MessageBudget, type MessageBudgetRules } from './MessageBudget.ts'

const rules: MessageBudgetRules = {
	messages: { perSecond: 10, burst: 20 },
	bytes: { perSecond: 1000, burst: 5000 },
	presence: { perSecond: 2, burst: 4 },
}

function send(budget: MessageBudget, count: number, at: number, bytes = 10, presence = false) {
	const verdicts: string[] = []
	for (let i = 0; i < count; i++) verdicts.push(budget.take(bytes, presence, at))
	return verdicts
}

describe('message budget of one connection', () => {
	it('accepts a burst, then closes a connection that keeps flooding', () => {
		const budget = new MessageBudget(rules, 0)
		expect(send(budget, 20, 0)).toEqual(Array(20).fill('accept'))
		expect(budget.take(10, false, 0)).toBe('close')
	})

	it('refills with time, so a steady sender at the allowed rate is never closed', () => {
		const budget = new MessageBudget(rules, 0)
		for (let second = 0; second < 60; second++) {
			expect(send(budget, 10, second * 1000)).toEqual(Array(10).fill('accept'))
		}
	})

	it('closes a connection that sends too many bytes, however few messages', () => {
		const budget = new MessageBudget(rules, 0)
		expect(budget.take(4000, false, 0)).toBe('accept')
		expect(budget.take(2000, false, 0)).toBe('close')
		// Two seconds later 2000 more bytes have been earned.
		expect(budget.take(2000, false, 3000)).toBe('accept')
	})

	it('drops presence beyond its own rate but keeps the connection and its edits', () => {
		const budget = new MessageBudget(rules, 0)
		expect(send(budget, 6, 0, 10, true)).toEqual(['accept', 'accept', 'accept', 'accept', 'drop', 'drop'])
		expect(budget.take(10, false, 0)).toBe('accept')
		expect(budget.take(10, true, 500)).toBe('accept')
	})

	it('by default lets the web app drag shapes at 60 changes and 20 cursor moves a second', () => {
		const budget = new MessageBudget(defaultMessageBudgetRules, 0)
		const verdicts = new Set<string>()
		for (let ms = 0; ms < 60_000; ms += 50) {
			for (const v of send(budget, 3, ms, 300)) verdicts.add(v)
			verdicts.add(budget.take(400, true, ms))
		}
		expect([...verdicts]).toEqual(['accept'])
	})
})
