export { notify, type Notice, type Recipients } from './notify.js';
export { publish, publishCaseChanged, hubFor, EventHub, EVENTS_CHANNEL, type AppEvent } from './events.js';
export { deliverOutbox, retryOutbox, OUTBOX_MAX_ATTEMPTS, backoffMs } from './outbox.js';
export { WecomRobotAdapter, SmsAdapter, logSmsGateway, defaultAdapters, type OutboundAdapter, type OutboundPayload, type SmsGateway } from './adapters.js';
export { setWebhook, webhookKey, maskWebhook } from './webhooks.js';
export { notifyRoutes } from './notify.routes.js';
export { sseSettings } from './sse.js';
