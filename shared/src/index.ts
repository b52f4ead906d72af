export * from './protocol/closeCodes.ts'
export * from './schemas/auth.ts'
export * from './schemas/board.ts'
export * from './tldraw-yjs/index.ts'
