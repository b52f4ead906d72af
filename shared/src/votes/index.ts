export * from './voteMessages.ts'
export * from './voteSchemas.ts'
