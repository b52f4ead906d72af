export * from './protocol/closeCodes.ts'
export * from './schemas/board.ts'
