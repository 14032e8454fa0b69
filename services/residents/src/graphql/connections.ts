import { connectionType } from '@shequ/subgraph';
import { BuildingType } from './building.type.js';
import { CareRecordType } from './care.type.js';
import { GridType } from './grid.type.js';
import { HouseholdType } from './household.type.js';
import { OrganizationType } from './organization.type.js';
import { ResidentType } from './resident.type.js';
import { StaffType } from './staff.type.js';

export const ResidentConnection = connectionType(ResidentType, 'Resident', '居民');
export const HouseholdConnection = connectionType(HouseholdType, 'Household', '住户');
export const BuildingConnection = connectionType(BuildingType, 'Building', '楼栋');
export const GridConnection = connectionType(GridType, 'Grid', '网格');
export const StaffConnection = connectionType(StaffType, 'Staff', '社区工作者');
export const OrganizationConnection = connectionType(OrganizationType, 'Organization', '组织');
export const CareRecordConnection = connectionType(CareRecordType, 'ResidentCareRecord', '关爱对象记录');
