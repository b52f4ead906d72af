export * from './boardSharePermissions.ts'
export * from './boardShareSchemas.ts'
