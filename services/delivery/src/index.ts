export { createDeliveryService, type DeliveryServiceDeps } from './app';
export { deliveryConfigSchema, type DeliveryConfig, type DeliverySettings } from './config';
export { loadOrCreateDeliveryKeys, resolveDeliveryKeys, FILE_KEY_FILE, PASS_KEY_FILE, type DeliveryKeys } from './keys/delivery-keys';
export { formatFileKeys, generateFileKey, parseFileKeys, type FileKey, type FileKeyring } from './keys/file-keys';
