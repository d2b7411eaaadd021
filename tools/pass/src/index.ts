export { fetchVerificationData, verifyAt, type VerifyAtResult } from './verify';
