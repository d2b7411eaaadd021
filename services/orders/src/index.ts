export { createOrdersService, type OrdersServiceDeps } from './app';
export { ordersConfigSchema, type OrdersConfig } from './config';
