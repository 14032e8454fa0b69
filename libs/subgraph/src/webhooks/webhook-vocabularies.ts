import { vocabulary } from '@shequ/contracts';

export const WebhookSubscriptionStatuses = vocabulary({
  PENDING_APPROVAL: '待社区管理员批准',
  ACTIVE: '已批准，正在推送',
  DISABLED: '已停用',
});

export const WebhookDeliveryStatuses = vocabulary({
  PENDING: '待推送（含等待重试）',
  DELIVERED: '已送达',
  DEAD: '已放弃（死信，可请求重新推送）',
});
