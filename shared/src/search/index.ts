export * from './searchSchemas.ts'
export * from './searchTerms.ts'
