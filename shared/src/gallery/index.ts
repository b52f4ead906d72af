export * from './gallerySchemas.ts'
