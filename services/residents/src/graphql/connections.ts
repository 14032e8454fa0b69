import { connectionType } from '@shequ/subgraph';
import { HouseholdType } from './household.type.js';
import { ResidentType } from './resident.type.js';

export const ResidentConnection = connectionType(ResidentType, 'Resident', '居民');
export const HouseholdConnection = connectionType(HouseholdType, 'Household', '住户');
