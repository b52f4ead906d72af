import { crc32, deflateSync } from 'node:zlib'

function chunk(type: string, data: Uint8Array): Buffer {
	const length = Buffer.alloc(4)
	length.writeUInt32BE(data.byteLength)
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
	const crc = Buffer.alloc(4)
	crc.writeUInt32BE(crc32(typeAndData))
	return Buffer.concat([length, typeAndData, crc])
}

/** A valid 1×1 PNG (one opaque red pixel), built from its parts so every byte is accounted for. */
export function tinyPng(): Uint8Array {
	const header = Buffer.alloc(13)
	header.writeUInt32BE(1, 0) // width
	header.writeUInt32BE(1, 4) // height
	header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, deflate, no filter method variants, no interlace
	const scanline = Uint8Array.of(0, 0xff, 0, 0, 0xff) // filter byte, then R G B A
	return new Uint8Array(
		Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', header),
			chunk('IDAT', deflateSync(scanline)),
			chunk('IEND', new Uint8Array(0)),
		]),
	)
}
