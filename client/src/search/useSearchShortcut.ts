import { useEffect, useRef } from 'react'

/**
 * Calls `onShortcut` when the person presses `/` while not typing in a field, or Ctrl+K (⌘K on
 * a Mac) anywhere, as search boxes of many sites do. Not while a modal dialog is open: what is
 * behind it cannot take focus.
 */
export function useSearchShortcut(onShortcut: () => void): void {
	const latest = useRef(onShortcut)
	latest.current = onShortcut
	useEffect(() => {
		function onKeyDown(event: KeyboardEvent) {
			if (event.defaultPrevented || event.isComposing || event.altKey) return
			const commandK = (event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'k'
			const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !isTypingIn(event.target)
			if (!commandK && !slash) return
			if (document.querySelector('dialog[open]')) return
			event.preventDefault()
			latest.current()
		}
		document.addEventListener('keydown', onKeyDown)
		return () => document.removeEventListener('keydown', onKeyDown)
	}, [])
}

// Inputs in which `/` is not typed as text (a checkbox, a button…) leave the shortcut working.
const NOT_TEXT_INPUTS = new Set([
	'button',
	'checkbox',
	'color',
	'file',
	'image',
	'radio',
	'range',
	'reset',
	'submit',
])

function isTypingIn(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false
	if (target.isContentEditable) return true
	if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
	return target instanceof HTMLInputElement && !NOT_TEXT_INPUTS.has(target.type)
}
