export { createCatalogService, type CatalogServiceDeps } from './app';
export { catalogConfigSchema, type CatalogConfig } from './config';
