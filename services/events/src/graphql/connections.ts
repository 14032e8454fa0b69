import { connectionType } from '@shequ/subgraph';
import { CommunityEventType } from './community-event.type.js';

export const CommunityEventConnection = connectionType(CommunityEventType, 'CommunityEvent', '社区活动');
