import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/http.ts'
import { formErrorsOf } from './formErrors.ts'

function validationError(issues: { path: string; message: string }[]) {
	return new ApiError(
		400,
		{ title: 'Invalid request', status: 400, detail: 'Some fields are not valid.', issues },
		'x',
	)
}

describe('formErrorsOf', () => {
	it('puts each issue beside the field the server named, as a sentence', () => {
		const errors = formErrorsOf(
			validationError([
				{ path: 'password', message: 'too small: expected string to have >=10 characters' },
				{ path: 'email', message: 'Invalid email address' },
				{ path: 'email', message: 'a second complaint' },
			]),
			['email', 'displayName', 'password'],
		)
		expect(errors.fields).toEqual({
			password: 'Too small: expected string to have >=10 characters.',
			email: 'Invalid email address.',
		})
		expect(errors.form).toBe('Some fields need another look.')
	})

	it('keeps issues about fields the form does not have as the form message', () => {
		const errors = formErrorsOf(validationError([{ path: 'json', message: 'Unexpected field' }]), ['email'])
		expect(errors.fields).toEqual({})
		expect(errors.form).toBe('Unexpected field.')
	})

	it('shows the detail of any other problem as the form message', () => {
		const conflict = new ApiError(
			409,
			{ title: 'Conflict', status: 409, detail: 'An account with this email address already exists.' },
			'x',
		)
		expect(formErrorsOf(conflict, ['email'])).toEqual({
			fields: {},
			form: 'An account with this email address already exists.',
		})
		expect(formErrorsOf(new Error('boom'), ['email']).form).toBe('boom')
	})
})
