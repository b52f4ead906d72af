import { describe, expect, it } from 'vitest'
import { sniffImageType } from './imageTypes.ts'
import { tinyPng } from './testImages.ts'

const ascii = (text: string) => new TextEncoder().encode(text)

describe('sniffImageType', () => {
	it('recognises each accepted image type by its magic number', () => {
		expect(sniffImageType(tinyPng())?.mime).toBe('image/png')
		expect(sniffImageType(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))?.mime).toBe('image/jpeg')
		expect(sniffImageType(ascii('GIF89a\x01\x00\x01\x00'))?.mime).toBe('image/gif')
		expect(sniffImageType(ascii('GIF87a\x01\x00\x01\x00'))?.mime).toBe('image/gif')
		expect(sniffImageType(ascii('RIFF\x24\x00\x00\x00WEBPVP8 '))?.mime).toBe('image/webp')
	})

	it('gives each type a fixed file extension', () => {
		expect(sniffImageType(tinyPng())?.extension).toBe('png')
		expect(sniffImageType(Uint8Array.of(0xff, 0xd8, 0xff, 0xdb))?.extension).toBe('jpg')
	})

	it('refuses SVG, HTML and other files whatever they are called', () => {
		expect(
			sniffImageType(ascii('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
		).toBe(undefined)
		expect(sniffImageType(ascii('<!doctype html><script>alert(1)</script>'))).toBeUndefined()
		expect(sniffImageType(ascii('RIFF\x24\x00\x00\x00WAVEfmt '))).toBeUndefined()
		expect(sniffImageType(new Uint8Array(0))).toBeUndefined()
		// A truncated signature is not enough.
		expect(sniffImageType(tinyPng().subarray(0, 7))).toBeUndefined()
	})
})
