import { residentsAccessEntities } from '../access/index.js';
import { Building } from './building.js';
import { BuildingGridChange } from './building-grid-change.js';
import { CareOpenRollup, CareOpenRollupMember } from './care-open-rollup.js';
import { CareRecord } from './care-record.js';
import { CareReview } from './care-review.js';
import { Community } from './community.js';
import { fundEntities } from './fund/index.js';
import { Grid } from './grid.js';
import { Household } from './household.js';
import { Organization } from './organization.js';
import { Resident } from './resident.js';
import { ResidentIdentityCorrection } from './resident-identity-correction.js';
import {
  ResidentCountRollup,
  ResidentInitialRollup,
  ResidentAgeRollup,
  ResidentAgeGridRollup,
  ResidentAgeCareRollup,
  ResidentGridRollup,
  ResidentAgePeopleRollup,
  ResidentPlaceRollup,
  ResidentRollup,
  ResidentRollupMember,
} from './resident-rollup.js';
import { Staff } from './staff.js';
import { District, Street } from './street.js';

export {
  Building,
  BuildingGridChange,
  CareOpenRollup,
  CareOpenRollupMember,
  CareRecord,
  CareReview,
  Community,
  District,
  Grid,
  Household,
  Organization,
  Resident,
  ResidentIdentityCorrection,
  ResidentRollup,
  ResidentRollupMember,
  ResidentPlaceRollup,
  ResidentCountRollup,
  ResidentInitialRollup,
  ResidentAgeRollup,
  ResidentAgeGridRollup,
  ResidentAgeCareRollup,
  ResidentGridRollup,
  ResidentAgePeopleRollup,
  Staff,
  Street,
};
/** Explicit entity list (no path globs): the same config works from src under vitest and from dist. */
export const residentsEntities = [
  District,
  Street,
  Community,
  Grid,
  Building,
  BuildingGridChange,
  Household,
  Resident,
  ResidentIdentityCorrection,
  CareRecord,
  CareReview,
  Staff,
  Organization,
  ResidentRollup,
  ResidentRollupMember,
  ResidentPlaceRollup,
  ResidentCountRollup,
  ResidentInitialRollup,
  ResidentAgeRollup,
  ResidentAgeGridRollup,
  ResidentAgeCareRollup,
  ResidentGridRollup,
  ResidentAgePeopleRollup,
  CareOpenRollup,
  CareOpenRollupMember,
  ...residentsAccessEntities,
  ...fundEntities,
];
