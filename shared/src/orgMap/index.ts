export * from './orgMapSchemas.ts'
