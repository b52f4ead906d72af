import { useCallback, useRef, useState } from 'react'
import { type FormErrors, focusFirstInvalid, noErrors } from './formErrors.ts'

/**
 * The errors of one form, and the ref of its `<form>`: `show` puts errors on it and, once they
 * are rendered, moves focus to the first invalid field (so keyboard and screen-reader users
 * land on it); `clearErrors` removes them.
 */
export function useFormErrors<Field extends string>() {
	const formRef = useRef<HTMLFormElement>(null)
	const [errors, setErrors] = useState<FormErrors<Field>>(noErrors)
	const showErrors = useCallback((next: FormErrors<Field>) => {
		setErrors(next)
		requestAnimationFrame(() => focusFirstInvalid(formRef.current))
	}, [])
	const clearErrors = useCallback(() => setErrors(noErrors()), [])
	return { formRef, errors, showErrors, clearErrors }
}
