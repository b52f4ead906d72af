export * from './boardLinkApi.ts'
export * from './boardLinkShape.ts'
export * from './boardSchema.ts'
