import { connectionType } from '@shequ/subgraph';
import { CaseType } from './case.type.js';

export const CaseConnection = connectionType(CaseType, 'Case', '事项');
