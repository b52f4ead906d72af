export * from './boardTemplatePermissions.ts'
export * from './boardTemplateSchemas.ts'
